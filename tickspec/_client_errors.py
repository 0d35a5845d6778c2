"""The client's exceptions: what each says about a failed request to TickTick.

`tickspec.errors` is where they are imported from (its docstring draws the tree
and says why the body decides before the status); this module holds the classes,
and errors.py the mapping from a response to one of them, so neither is a long
module. It imports nothing (no httpx, no pydantic, nothing of tickspec): catching
a `tickspec.errors.NotFoundError` must not cost an HTTP stack import.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

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


def _short(value: object, limit: int = 120) -> str:
    """One line, bounded: HTML error pages must not flood a log line."""
    text = value if isinstance(value, str) else json.dumps(value, default=str)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
