"""One exception hierarchy for everything the client raises.

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

This module imports nothing heavy (no httpx, no pydantic): catching a
`tickspec.errors.NotFoundError` must not cost an HTTP stack import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

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
    "TransportError",
    "error_from_response",
    "parse_error_body",
]

Outcome = Literal["not_applied", "unknown"]
"""What became of a failed request on the server (see the module docstring)."""


@dataclass(frozen=True, slots=True)
class Attempt:
    """One try of a request: the status it got, or the exception that ended it."""

    status_code: int | None = None
    """None when no HTTP answer came (see `exception`)."""
    exception: str | None = None
    """The transport failure's class name (`ReadTimeout`, `RemoteProtocolError`...)."""
    error_code: str | None = None
    maybe_applied: bool = False
    """True when the server may have applied this try (see `maybe_applied`)."""


class TickTickError(Exception):
    """Base of every error the client raises; carries what the server said.

    Attributes are always present (None when unknown) so handlers can log them
    without `getattr` guards.
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int | None = None,
        error_code: str | None = None,
        error_message: str | None = None,
        error_id: str | None = None,
        data: Any = None,
        operation_id: str | None = None,
        body: bytes = b"",
        trace_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code
        self.error_code = error_code
        self.error_message = error_message
        self.error_id = error_id
        self.data = data
        self.operation_id = operation_id
        self.body = body
        self.trace_id = trace_id
        self.outcome: Outcome = "not_applied"
        """"unknown" when the server may have applied the request (see the module doc)."""
        self.attempts: list[Attempt] = []
        """Every try of the request, in order (empty for errors raised before sending)."""

    def settle(self, attempts: list[Attempt], *, applied_before: bool = False) -> None:
        """Record the request's tries and derive `outcome`; an earlier write of the same
        operation that succeeded (`applied_before`) makes it "unknown" too."""
        self.attempts = list(attempts)
        maybe = applied_before or any(attempt.maybe_applied for attempt in attempts)
        self.outcome = "unknown" if maybe else "not_applied"


class AuthError(TickTickError):
    """Sign-on failed, or the session is missing/expired (`user_not_sign_on`)."""


class MfaRequiredError(AuthError):
    """Signon needs a second factor; `auth_id` identifies the pending sign-on."""

    def __init__(self, message: str, *, auth_id: str, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.auth_id = auth_id


class InvalidRequestError(TickTickError):
    """The server rejected the request itself (400, 405, 422, `invalid_*` codes)."""


class ConflictError(InvalidRequestError):
    """The write was based on a stale version, or the object already exists."""


class NotFoundError(TickTickError):
    """The addressed object does not exist (404, or an `*_not_found` error code)."""


class RateLimitError(TickTickError):
    """HTTP 429. TickTick sends it with an empty body to clients it distrusts."""

    def __init__(self, message: str, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after = retry_after


class ServerError(TickTickError):
    """A 5xx that carries no semantic error code we know (an outage or a bug)."""


class TransportError(TickTickError):
    """No usable HTTP response: connection refused/reset, timeout, protocol error."""


class RequestTimeoutError(TransportError, TimeoutError):
    """The request timed out (connect, read, write or pool); `except TimeoutError` works."""


class ResponseValidationError(TickTickError):
    """A 2xx body that the generated model rejects: TickTick changed a field's type,
    enum or format. Nothing was applied to the local state. `problems` lists
    (JSON path, message) pairs; `tickspec check` on a capture gives the full report.
    """

    def __init__(self, message: str, *, problems: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.problems = problems


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


class BatchError(TickTickError):
    """Some objects of a batch write failed, the others succeeded.

    Raised after the successes were applied to the local state, so a caller can
    inspect `succeeded` (id -> new etag, None when the server sent none) and
    `failed` (id -> the server's error, a string or an object) and retry only
    the failures.
    """

    def __init__(
        self,
        message: str,
        *,
        succeeded: Mapping[str, str | None],
        failed: Mapping[str, Any],
        kind: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(message, **kwargs)
        self.succeeded = dict(succeeded)
        self.failed = dict(failed)
        self.kind = kind

    @classmethod
    def from_failures(
        cls,
        kind: str,
        succeeded: Mapping[str, str | None],
        failed: Mapping[str, Any],
        *,
        operation_id: str | None = None,
        status_code: int | None = 200,
    ) -> BatchError:
        """Name every failed id and its error in the message (most batches are small)."""
        shown = "; ".join(f"{key}: {_short(value)}" for key, value in list(failed.items())[:10])
        more = f" (+{len(failed) - 10} more)" if len(failed) > 10 else ""
        message = (
            f"batch {kind}: {len(failed)} of {len(failed) + len(succeeded)} failed: {shown}{more}"
        )
        return cls(
            message,
            succeeded=succeeded,
            failed=failed,
            kind=kind,
            status_code=status_code,
            error_code="batch_partial_failure",
            error_message=message,
            data=dict(failed),
            operation_id=operation_id,
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


def _short(value: object, limit: int = 120) -> str:
    """One line, bounded: HTML error pages must not flood a log line."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
