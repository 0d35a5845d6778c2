"""What every request passes before routing: its path, its size, and a JSON answer always.

* The path is the percent-decoded one the ASGI server gives. A control
  character in it (`%0A`, `%00`, ...) is refused with 400: routing it would
  either drop the character somewhere (Python's URL parsing strips newlines, so
  `DELETE /tag/errands%0A` once deleted `errands`) or echo it into logs.
* Runs of slashes are collapsed (`/api/v2//user/signon`), as TickTick's router
  does; pyticktick sends that path.
* A body larger than `max_body` is answered 413 before it is stored: at once
  when `Content-Length` says so, else as soon as the streamed bytes pass it.
* Whatever goes wrong, the answer is TickTick's JSON error body, never the
  ASGI framework's plain-text one (`respond_error`, `guarded`).
* A client that hangs up before its answer (a timeout during a slow request)
  is a normal event, not a server error: one INFO line, no traceback, no
  answer (there is no one to send it to).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable

from starlette.requests import ClientDisconnect
from starlette.types import Message, Receive, Scope, Send

from tickspec.server import errors
from tickspec.server.errors import ApiError

log = logging.getLogger("tickspec.server")

PAYLOAD_TOO_LARGE = "payload_too_large"
"""413: the request body is larger than the server's limit."""

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_SLASHES = re.compile("/{2,}")

AsgiApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def escaped(text: str) -> str:
    """`text` with control characters as `\\n`/`\\x00` escapes: safe in a one-line message."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def path_problem(path: str) -> ApiError | None:
    found = _CONTROL.search(path)
    if found is None:
        return None
    return errors.invalid_request(
        f"path: control character U+{ord(found.group()):04X} is not allowed: {escaped(path)[:200]}",
        {"location": "path", "path": "$", "keyword": "pattern"},
    )


def normalize(scope: Scope) -> ApiError | None:
    """Collapse slashes in the scope's path (in place); or the 400 for a control character."""
    path = str(scope.get("path", "/"))
    problem = path_problem(path)
    if problem is not None:
        return problem
    if "//" in path:
        scope["path"] = _SLASHES.sub("/", path)
    return None


def too_large(limit: int) -> ApiError:
    return ApiError(413, PAYLOAD_TOO_LARGE, f"request body larger than {limit} bytes")


def declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def limited(receive: Receive, limit: int) -> Receive:
    """`receive` that raises the 413 ApiError once the body passes `limit` bytes."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise too_large(limit)
        return message

    return wrapped


async def respond_error(send: Send, exc: ApiError) -> None:
    """Send `exc` as TickTick's JSON error body (the one place outside dispatch that does)."""
    from tickspec.server.dispatch import JsonResponse

    response = JsonResponse(exc.body(), status_code=exc.status, headers=exc.headers)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:  # pragma: no cover - responses never read
    return {"type": "http.disconnect"}


async def guarded(app: AsgiApp, scope: Scope, receive: Receive, send: Send, max_body: int) -> None:
    """Run `app` behind the path and size checks, turning any escape into a JSON error."""
    started = False

    async def tracking_send(message: Message) -> None:
        nonlocal started
        if message["type"] == "http.response.start":
            started = True
        await send(message)

    try:
        problem = normalize(scope)
        if problem is None:
            declared = declared_length(scope)
            if declared is not None and declared > max_body:
                problem = too_large(max_body)
        if problem is not None:
            await respond_error(tracking_send, problem)
            return
        await app(scope, limited(receive, max_body), tracking_send)
    except ApiError as exc:
        if not started:
            await respond_error(tracking_send, exc)
    except ClientDisconnect:
        method, path = scope.get("method", "?"), escaped(str(scope.get("path", "")))[:200]
        log.info("client disconnected before the answer to %s %s", method, path)
    except Exception as exc:
        log.exception("request failed outside a handler")
        if not started:
            body = errors.INTERNAL_ERROR, f"{type(exc).__name__}: {escaped(str(exc))[:200]}"
            await respond_error(tracking_send, ApiError(500, *body))
