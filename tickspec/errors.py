"""The exceptions tickspec raises: the client's, and the commands'.

    TickTickError
    ├── AuthError              bad credentials, expired/missing session, MFA pending
    │   └── MfaRequiredError   signon answered an authId: call client.verify_mfa(code)
    ├── InvalidRequestError    the server refused the request as malformed (400/405/422)
    │   └── ConflictError      409, `etag_mismatch`, `*_already_exists`: re-read, then retry
    ├── NotFoundError          the object does not exist (404, or *_not_found on 500)
    ├── RateLimitError         429; `retry_after` seconds when the server said so
    ├── ServerError            5xx that is not one of the semantic errors above
    ├── BatchError             a 2xx batch response whose id2error is not empty
    ├── ResponseValidationError a 2xx body that does not fit the spec (the API drifted)
    └── TransportError         no HTTP response at all (connect/read failures), after retries
        └── RequestTimeoutError also a builtin `TimeoutError`: connect/read/write/pool timeout

    ToolError                  a `tickspec` command's unusable input; `exit_code` says
                               how the command exits (see tickspec/cli.py)

Every error also says what became of the request (`outcome`): "not_applied" when
the server is known not to have applied it (it answered a 4xx, a semantic error,
a 429, or the request never left), "unknown" when an attempt may have been
applied (a timeout or dropped connection after sending, a 5xx gateway or outage
answer, or an earlier write of the same operation that succeeded). `attempts`
lists every try of the request, so a final 504 no longer hides a first try
that the server applied. After an "unknown", `client.sync()` brings
`client.state` back to what the server holds.

Why the body decides before the status: TickTick answers most semantic errors
with HTTP 500 and a JSON body `{"errorId", "errorCode", "errorMessage", "data"}`
(`username_password_not_match`, `task_not_found`, `user_not_sign_on`, ...).
Mapping by status alone would make a wrong password look like an outage, and
would make the client retry it. So `error_from_response` reads `errorCode`
first and only falls back to the status when the code is unknown or absent.

The classes live in _client_errors.py and _tool_errors.py (each imports nothing);
this module maps a response to a client error and is where all are imported from.
It imports nothing heavy (no httpx, no pydantic): catching a
`tickspec.errors.NotFoundError` must not cost an HTTP stack import.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tickspec._client_errors import (
    Attempt,
    AuthError,
    BatchError,
    ConflictError,
    InvalidRequestError,
    MfaRequiredError,
    NotFoundError,
    Outcome,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    ServerError,
    TickTickError,
    TransportError,
    _short,
)
from tickspec._tool_errors import ToolError

__all__ = [
    "Attempt",
    "AuthError",
    "BatchError",
    "ConflictError",
    "ErrorBody",
    "InvalidRequestError",
    "MfaRequiredError",
    "NotFoundError",
    "Outcome",
    "RateLimitError",
    "RequestTimeoutError",
    "ResponseValidationError",
    "ServerError",
    "TickTickError",
    "ToolError",
    "TransportError",
    "error_from_response",
    "parse_error_body",
]

# Tracebacks and reprs name the classes where users import them from, not the
# private module that defines them (pickle then finds them here too).
for _cls in (
    AuthError,
    BatchError,
    ConflictError,
    InvalidRequestError,
    MfaRequiredError,
    NotFoundError,
    RateLimitError,
    RequestTimeoutError,
    ResponseValidationError,
    ServerError,
    TickTickError,
    ToolError,
    TransportError,
    Attempt,
):
    _cls.__module__ = __name__


def _json_path(loc: tuple[Any, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "$"


def response_validation_error(
    operation_id: str, status_code: int, body: bytes, error: ValueError
) -> ResponseValidationError:
    """The typed error for a success body that does not fit its model.

    `error` is a pydantic ValidationError (read through its `errors()`, so this
    module needs no pydantic import) or the ValueError of a body that is not JSON.
    """
    details = getattr(error, "errors", None)
    problems = (
        [(_json_path(tuple(item["loc"])), str(item["msg"])) for item in details()]
        if callable(details)
        else [("$", str(error).splitlines()[0] if str(error) else type(error).__name__)]
    )
    where, what = problems[0] if problems else ("$", "invalid body")
    more = f" (+{len(problems) - 1} more)" if len(problems) > 1 else ""
    return ResponseValidationError(
        f"{operation_id}: {status_code} response does not match the spec at {where}: {what}{more}",
        problems=problems,
        status_code=status_code,
        operation_id=operation_id,
        body=body,
    )


def input_error(error: ValueError) -> InvalidRequestError:
    """The typed error for a request body the client itself refused to build.

    `error` is pydantic's ValidationError of a body or object the caller's values
    went into (a bad priority, reminder or RRULE): nothing was sent. The message
    names the first field at fault; `data` lists every (field, message) pair.
    """
    details = getattr(error, "errors", None)
    items = details() if callable(details) else []
    problems = [(_json_path(tuple(item["loc"])), str(item["msg"])) for item in items]
    names = [part for item in items[:1] for part in item["loc"] if isinstance(part, str)]
    field = names[-1] if names else "value"
    where, what = problems[0] if problems else ("$", str(error).split("\n")[0])
    return InvalidRequestError(
        f"invalid {field}: {what} (at {where}; refused before sending)",
        error_code="invalid_input",
        error_message=what,
        data=problems,
    )


# -- mapping -----------------------------------------------------------------------------------

_AUTH_CODES = frozenset(
    {
        "username_password_not_match",
        "incorrect_password_too_many_times",
        "user_not_sign_on",
        "unauthorized",
        "invalid_token",
        "token_expired",
        "access_forbidden",
        "no_permission",
        "account_locked",
        "mfa_code_not_match",
        "mfa_code_invalid",
        "verify_code_not_match",
        "verify_code_expired",
    }
)
_RATE_LIMIT_CODES = frozenset({"too_many_requests", "rate_limit", "rate_limited"})
_CONFLICT_CODES = frozenset({"etag_mismatch", "etag_not_match", "conflict"})

_BY_STATUS: dict[int, type[TickTickError]] = {
    400: InvalidRequestError,
    401: AuthError,
    403: AuthError,
    404: NotFoundError,
    405: InvalidRequestError,
    409: ConflictError,
    410: NotFoundError,
    422: InvalidRequestError,
    429: RateLimitError,
}


@dataclass(frozen=True, slots=True)
class ErrorBody:
    """The parsed TickTick error body; `is_ticktick` is False for HTML/empty/other JSON."""

    error_code: str | None = None
    error_message: str | None = None
    error_id: str | None = None
    data: Any = None
    is_ticktick: bool = False


def parse_error_body(body: bytes) -> ErrorBody:
    """Read `{"errorId", "errorCode", "errorMessage", "data"}` (or OAuth2's
    `{"error", "error_description"}`); never raises."""
    try:
        parsed = json.loads(body) if body.strip() else None
    except (ValueError, UnicodeDecodeError):
        return ErrorBody()
    if isinstance(parsed, dict) and isinstance(parsed.get("error"), str):
        # OAuth2's form (RFC 6749/6750): the token endpoint's and the Open API's 401
        described = parsed.get("error_description")
        return ErrorBody(
            error_code=parsed["error"],
            error_message=str(described) if described is not None else None,
            data=parsed,
        )
    if not isinstance(parsed, dict) or not ({"errorCode", "errorId"} & parsed.keys()):
        return ErrorBody(data=parsed)
    code = parsed.get("errorCode")
    message = parsed.get("errorMessage")
    error_id = parsed.get("errorId")
    return ErrorBody(
        error_code=str(code) if code is not None else None,
        error_message=str(message) if message is not None else None,
        error_id=str(error_id) if error_id is not None else None,
        data=parsed.get("data"),
        is_ticktick=True,
    )


def _class_for(status_code: int, code: str | None) -> type[TickTickError]:
    if code:
        lowered = code.lower()
        if lowered in _AUTH_CODES:
            return AuthError
        if lowered in _RATE_LIMIT_CODES:
            return RateLimitError
        if lowered == "not_found" or lowered.endswith(("_not_found", "_not_exist")):
            return NotFoundError
        if lowered in _CONFLICT_CODES or lowered.endswith(("_already_exists", "_conflict")):
            return ConflictError
        if lowered.startswith(("invalid_", "illegal_", "param_")) or lowered.endswith("_invalid"):
            return InvalidRequestError
    if status_code in _BY_STATUS:
        return _BY_STATUS[status_code]
    if status_code >= 500:
        return ServerError
    return TickTickError


def maybe_applied(status_code: int | None, *, ticktick_error_body: bool = False) -> bool:
    """Whether an answer leaves open that the server applied the request.

    A 5xx from a gateway or an outage (502/503/504, a 500 without TickTick's
    error body) may come after the write: the load balancer timed out waiting,
    or the server failed while answering. A TickTick error body, a 4xx and a
    429 are the server's refusal. `None` (no answer) is decided by the caller,
    which knows whether the request left the machine.
    """
    if status_code is None or status_code < 500:
        return False
    return not (status_code == 500 and ticktick_error_body)


def error_from_response(
    status_code: int,
    body: bytes,
    *,
    operation_id: str | None = None,
    retry_after: float | None = None,
    trace_id: str | None = None,
) -> TickTickError:
    """The typed error for a non-2xx response: error code first, then HTTP status."""
    parsed = parse_error_body(body)
    cls = _class_for(status_code, parsed.error_code)
    where = f"{operation_id}: " if operation_id else ""
    if parsed.error_code:
        said = f" ({_short(parsed.error_message)})" if parsed.error_message else ""
        detail = parsed.error_code + said
    elif body.strip():
        detail = f"non-TickTick error body: {_short(body.decode('utf-8', 'replace'))}"
    else:
        detail = "empty body"
    message = f"{where}HTTP {status_code}: {detail}"
    kwargs: dict[str, Any] = {
        "status_code": status_code,
        "error_code": parsed.error_code,
        "error_message": parsed.error_message,
        "error_id": parsed.error_id,
        "data": parsed.data,
        "operation_id": operation_id,
        "body": body,
        "trace_id": trace_id,
    }
    if cls is RateLimitError:
        return RateLimitError(message, retry_after=retry_after, **kwargs)
    return cls(message, **kwargs)
