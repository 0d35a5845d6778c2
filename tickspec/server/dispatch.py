"""One request through the API: match, fault, auth, validate, handle, answer.

The order is deliberate:

1. `Spec.match` finds the operation: an unknown path is 404 `not_found`, a known
   path with another method 405 `method_not_allowed` (with `Allow`). A segment that
   does not fit its parameter's schema (`/open/v1/task/move` for `{taskId}`) is no
   match, so such a path is unknown unless another template fits it. An operation
   the spec documents only as 405 (moved: signin) answers that, whatever it holds.
2. Before-faults hit next, before auth, as a gateway's rate limiter would.
3. Auth: every operation except signon/MFA needs a session (401); an Open API one
   a bearer token with its scopes (401/403, oauth_server.py).
4. Validation against the spec (400), then the handler (semantic errors: 500): the
   registered one (handlers/), else the answer the spec declares (`x-tickspec-serve`,
   served.py), else the smallest valid body (generic.py).
5. After-faults hit only requests whose handler ran: the write is applied and
   the client never hears of it, which is the case retries must survive. A
   `patch` after-fault instead rewrites the answer's body (injected drift).

Dropping a connection needs the ASGI server's transport, which the app puts
in the scope (`TRANSPORT_KEY`, see app.py); under uvicorn the socket is aborted
and the client sees "server disconnected without sending a response".
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response

from tickspec.server import errors, generic, served
from tickspec.server.context import Call, Reply, ServerState
from tickspec.server.errors import ApiError
from tickspec.server.faults import Fault
from tickspec.server.handlers import HANDLERS
from tickspec.server.oauth_server import BodilessError, as_oauth, required_scopes
from tickspec.server.validation import json_path, validate
from tickspec.spec import Operation

TRANSPORT_KEY = "tickspec.transport"
log = logging.getLogger("tickspec.server")


class JsonResponse(JSONResponse):
    """Compact JSON that keeps non-ASCII text as is, like TickTick."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate echoed in a message: escaped, still JSON
            return json.dumps(content, allow_nan=False, separators=(",", ":")).encode("ascii")


def is_public(state: ServerState, op: Operation) -> bool:
    """Signon and the MFA steps need no session: `security: []` in the spec says so."""
    node = state.spec.openapi["paths"][op.path][op.method.lower()]
    security = node.get("security", state.spec.openapi.get("security"))
    if security is not None:
        return security == [] or {} in security
    return "/user/sign" in op.path


def render(reply: Reply) -> Response:
    if reply.empty:
        response = Response(status_code=reply.status, headers=reply.headers)
    else:
        response = JsonResponse(reply.body, status_code=reply.status, headers=reply.headers)
    for name, value in reply.cookies.items():
        response.set_cookie(name, value, path="/", httponly=name == "t", samesite="lax")
    return response


def error_reply(exc: ApiError) -> Reply:
    if isinstance(exc, BodilessError):
        return Reply(status=exc.status, empty=True, headers=exc.headers)
    return Reply(body=exc.body(), status=exc.status, headers=exc.headers)


def authenticate(state: ServerState, op: Operation, request: Request) -> None:
    """An Open API operation (oauth2 in its `security`) wants an Open API bearer token
    with its scopes (401/403, oauth_server.py); any other, a web session (401)."""
    if is_public(state, op):
        return
    node = state.spec.openapi["paths"][op.path][op.method.lower()]
    scopes = required_scopes(node.get("security"))
    authorization = request.headers.get("authorization")
    if scopes is not None:
        state.oauth.check(authorization, scopes)
    elif not state.auth.authenticated(request.cookies.get("t"), authorization):
        raise errors.not_signed_on()


def as_reply(result: Any) -> Reply:
    if isinstance(result, Reply):
        return result
    if result is None:
        return Reply(empty=True)
    return Reply(body=result)


async def drop_connection(request: Request) -> Response:
    """Abort the TCP connection; the response returned is never sent."""
    transport = request.scope.get(TRANSPORT_KEY)
    if transport is None:
        raise ConnectionAbortedError("tickspec fault: drop_connection (no transport to abort)")
    # Read the whole request first: closing with unread bytes makes the kernel send a
    # reset instead of a clean close, and the client should see one failure mode.
    await request.body()
    transport.abort()
    for _ in range(3):  # let the server notice (connection_lost) so it sends nothing
        await asyncio.sleep(0)
    return Response(status_code=500)


def fault_reply(fault: Fault) -> Reply:
    status = fault.status or 500
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        seconds = fault.retry_after
        headers["Retry-After"] = str(int(seconds)) if float(seconds).is_integer() else str(seconds)
    if fault.body is not None:
        return Reply(body=fault.body, status=status, headers=headers)
    if status == 429:
        return Reply(status=429, empty=True, headers=headers)
    body = errors.error_body(
        fault.error_code or errors.INJECTED_FAULT, f"injected fault: HTTP {status}"
    )
    return Reply(body=body, status=status, headers=headers)


async def apply_fault(fault: Fault | None, request: Request) -> Response | None:
    """The response a fault forces, or None to carry on (no fault, or only a delay)."""
    if fault is None:
        return None
    if fault.delay > 0:
        await asyncio.sleep(fault.delay)
    if fault.drop_connection:
        return await drop_connection(request)
    if fault.status is not None:
        return render(fault_reply(fault))
    return None


async def patch_reply(fault: Fault, reply: Reply) -> Response:
    """The handler's answer with the fault's JSON Patch applied to its body (drift)."""
    if fault.delay > 0:
        await asyncio.sleep(fault.delay)
    try:
        body = fault.patched(None if reply.empty else reply.body)
    except ValueError as exc:
        message = f"injected fault: patch does not apply to the answer: {exc}"
        return render(Reply(body=errors.error_body(errors.INJECTED_FAULT, message), status=500))
    return render(
        Reply(body=body, status=reply.status, headers=reply.headers, cookies=reply.cookies)
    )


def is_moved(op: Operation) -> bool:
    """An operation the spec keeps only to say it answers 405 with the JSON error body
    (signin, moved to signon); the habit writes' bodiless 405s have their handlers."""
    return op.responses.get("405") is not None and not any(
        code.startswith("2") for code in op.responses
    )


def moved_reply(method: str) -> Reply:
    """TickTick's 405 (Spring's wording, `data: null`), whatever the request holds."""
    body = errors.error_body(errors.METHOD_NOT_ALLOWED, f"Request method '{method}' not supported")
    return Reply(body={**body, "data": None}, status=405)


def generic_answer(call: Call) -> Reply:
    documented = sorted(
        (code for code in call.op.responses if code.startswith("2")), key=lambda c: c != "200"
    )
    if not documented:
        return Reply(empty=True)
    status = int(documented[0]) if documented[0].isdigit() else 200
    schema = call.op.responses[documented[0]]
    if schema is None:
        return Reply(status=status, empty=True)
    ok, body = generic.minimal(call.state.spec, schema)
    return Reply(body=body, status=status) if ok else Reply(status=status, empty=True)


def check_response(state: ServerState, op: Operation, reply: Reply) -> Reply:
    """With `validate_responses`, a body the spec rejects becomes a loud 500."""
    if reply.empty or not state.config.validate_responses:
        return reply
    documented, schema = op.response_schema(reply.status)
    if not documented or schema is None:
        return reply
    found = state.spec.validator(schema).errors(reply.body)
    if not found:
        return reply
    first = found[0]
    message = f"{op.operation_id} answered {reply.status} with a body the spec rejects: " + (
        f"{json_path(first.absolute_path)}: {first.message[:160]}"
    )
    log.error(message)
    state.violations.append(message)
    return error_reply(errors.semantic(errors.SERVER_RESPONSE_INVALID, message))


async def handle_api(request: Request) -> Response:
    state: ServerState = request.app.state.tickspec
    path: str = request.scope["path"]  # not request.url: URL parsing drops control characters
    op = state.spec.match(request.method, path, decoded=True)
    if op is None:
        allowed = state.spec.path_allows(path, decoded=True)
        if allowed:
            exc = ApiError(
                405,
                errors.METHOD_NOT_ALLOWED,
                f"{request.method} is not allowed on {path}; allowed: {', '.join(allowed)}",
                {"allowed": allowed},
                headers={"Allow": ", ".join(allowed)},
            )
        else:
            exc = ApiError(404, errors.NOT_FOUND, f"no such endpoint: {request.method} {path}")
        return render(error_reply(exc))

    op_id = op.operation_id
    state.faults.requests[op_id] += 1
    forced = await apply_fault(state.faults.take(op_id, "before"), request)
    if forced is not None:
        return forced

    if is_moved(op):
        return render(moved_reply(request.method))
    try:
        authenticate(state, op, request)
        valid = validate(
            state.spec,
            op,
            path,
            {k: request.query_params.getlist(k) for k in request.query_params},
            request.headers,
            await request.body(),
        )
        call = Call(
            state=state,
            op=op,
            request=valid,
            cookies=dict(request.cookies),
            raw_headers={k.lower(): v for k, v in request.headers.items()},
            raw_body=await request.body(),
        )
        # a registered handler (real behaviour) first, then what the spec declares
        # (x-tickspec-serve), then the smallest body the schema allows
        handler = HANDLERS.get(op_id) or served.declared_handler(state.spec, op) or generic_answer
        reply = as_reply(handler(call))
    except ApiError as exc:
        refusal = as_oauth(exc) if op.tag == "oauth" else exc
        return render(check_response(state, op, error_reply(refusal)))
    except ClientDisconnect:  # the client hung up: nothing to answer, no bug (guard.py logs it)
        raise
    except Exception as exc:  # a server bug: answer TickTick's shape, keep the traceback in logs
        log.exception("handler of %s failed", op_id)
        if not isinstance(exc, ClientDisconnect):  # the client left: not a server bug
            state.violations.append(f"{op_id} crashed: {type(exc).__name__}: {exc}")
        body = errors.error_body(errors.INTERNAL_ERROR, f"{type(exc).__name__}: {exc}")
        return render(Reply(body=body, status=500))
    state.faults.applied[op_id] += 1

    after = state.faults.take(op_id, "after")
    if after is not None and after.patch is not None:
        return await patch_reply(after, reply)
    forced = await apply_fault(after, request)
    if forced is not None:
        return forced
    return render(check_response(state, op, reply))
