"""Error bodies and the exception handlers raise to answer with one.

TickTick answers every failure with the same JSON shape:
`{"errorId": <24 hex>, "errorCode": <snake_case>, "errorMessage": <text>, "data": {...}}`,
and it answers *semantic* failures (wrong password, unknown object) with HTTP 500,
not 4xx. The local server keeps that shape everywhere so a client has one error
parser, and it keeps 500-for-semantic-errors so a client that retries every 500
is caught by tests. The error codes used by the server are the module constants
below; each status a code is sent with is written next to it.
"""

from __future__ import annotations

import secrets
from typing import Any

JsonObject = dict[str, Any]

INVALID_REQUEST = "invalid_request"
"""400: the request violates the spec (header, parameter or body)."""
USER_NOT_SIGN_ON = "user_not_sign_on"
"""401: no valid `t` cookie or `Authorization: Bearer` token."""
NOT_FOUND = "not_found"
"""404: the path is not in the spec."""
METHOD_NOT_ALLOWED = "method_not_allowed"
"""405: the path is in the spec, the method is not."""
USERNAME_PASSWORD_NOT_MATCH = "username_password_not_match"
"""500: signon with a wrong username or password."""
TOO_MANY_ATTEMPTS = "incorrect_password_too_many_times"
"""500: every signon during the lockout the 5th failed one in a row starts (auth.py)."""
MFA_CODE_INVALID = "mfa_code_invalid"
"""500: MFA verify with a wrong code (`data.remainderTimes`: wrong codes still allowed)."""
MFA_EXPIRED = "verify_code_expired"
"""500: MFA verify with an authId that is unknown, used, expired or out of attempts."""
TASK_NOT_FOUND = "task_not_found"
"""500: a single-object endpoint names a task the store does not hold."""
PROJECT_NOT_FOUND = "project_not_found"
"""500: ... a project the store does not hold (also project_group_, tag_, habit_not_found)."""
TAG_NOT_FOUND = "tag_not_found"
TAG_ALREADY_EXISTS = "tag_already_exists"
"""500: renaming a tag to a name another tag has (merge is the way to join two tags)."""
ETAG_MISMATCH = "etag_mismatch"
"""500: a single-object update carrying an etag other than the stored one."""
INJECTED_FAULT = "service_unavailable"
"""Default errorCode of an injected non-429 fault (any status the fault names)."""
INTERNAL_ERROR = "unknown_exception"
"""500: a handler crashed (a server bug; the traceback is logged)."""
SERVER_RESPONSE_INVALID = "server_response_invalid"
"""500: `validate_responses=True` and a handler produced a body the spec rejects (a bug)."""


def new_error_id() -> str:
    """A fresh 24-hex id, like TickTick's, so each error can be told apart in logs."""
    return secrets.token_hex(12)


def error_body(code: str, message: str, data: JsonObject | None = None) -> JsonObject:
    return {
        "errorId": new_error_id(),
        "errorCode": code,
        "errorMessage": message,
        "data": dict(data or {}),
    }


class ApiError(Exception):
    """Raised anywhere in request handling; the app turns it into an error response."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        data: JsonObject | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.data = dict(data or {})
        self.headers = dict(headers or {})

    def body(self) -> JsonObject:
        return error_body(self.code, self.message, self.data)


def invalid_request(message: str, data: JsonObject | None = None) -> ApiError:
    return ApiError(400, INVALID_REQUEST, message, data)


def not_signed_on() -> ApiError:
    return ApiError(
        401,
        USER_NOT_SIGN_ON,
        "not signed on: send the `t` cookie from signon (or Authorization: Bearer <token>)",
    )


def semantic(code: str, message: str, data: JsonObject | None = None) -> ApiError:
    """A semantic failure, answered with HTTP 500 like TickTick does."""
    return ApiError(500, code, message, data)
