"""Sign-on as the web app does it: password, optional second factor, session cookie.

TickTick's web API has no OAuth for third parties; a session is the `t` cookie
(plus `_csrf_token`, echoed as `X-Csrftoken`). Three ways in:

1. `token=`: the value of a logged-in browser's `t` cookie; no signon at all.
2. `username=`/`password=`: `POST /api/v2/user/signon?wc=true&remember=true`
   once, lazily before the first request (or explicitly via `client.login()`).
   The cookies it sets are kept by the HTTP client and reused by every later
   request: signing on per request would look like credential stuffing and
   trip `incorrect_password_too_many_times`.
3. MFA: signon answers `{"authId": ..., "expireTime": ...}` and no token; the
   code goes to `POST /api/v2/user/sign/mfa/code/verify` with the `authId` in
   the `x-verify-id` header, which answers like a successful signon.

This module is pure: it builds requests and reads answers. The transports do
the I/O (and hold the lock that makes concurrent first requests sign on once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from tickspec_generated.endpoints._base import ApiRequest

from tickspec.errors import InvalidRequestError

if TYPE_CHECKING:
    # the sign-on models load when a sign-on happens, not with the client
    import pydantic
    from tickspec_generated.models.signon_response import SignonResponse

SIGNON_PATH = "/api/v2/user/signon"
MFA_VERIFY_PATH = "/api/v2/user/sign/mfa/code/verify"
SIGNON_OPERATION = "signon"
MFA_VERIFY_OPERATION = "verifyMfa"
AUTH_OPERATIONS = frozenset({SIGNON_OPERATION, MFA_VERIFY_OPERATION})
SESSION_EXPIRED_CODES = frozenset({"user_not_sign_on", "unauthorized", "token_expired"})


@dataclass(frozen=True, slots=True)
class LoginResult:
    """What `client.login()` / `client.verify_mfa()` learned.

    `mfa_required` means: call `client.verify_mfa(code)` next; nothing else
    works until then. `body` is the raw signon answer, for fields we do not model.
    """

    mfa_required: bool
    auth_id: str | None = None
    user_id: int | None = None
    inbox_id: str | None = None
    token: str | None = None
    response: SignonResponse | None = None
    """The answer as the generated model (None if it did not fit the schema)."""
    body: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Session:
    """Who we are and whether we are signed on; shared by sync and async clients."""

    username: str | None = None
    password: str | None = None
    signed_on: bool = False
    auth_id: str | None = None
    user_id: int | None = None
    inbox_id: str | None = None
    generation: int = 0
    """Bumped by every accepted sign-on, so a stale 'session expired' re-signs on once."""

    @property
    def has_credentials(self) -> bool:
        return bool(self.username) and self.password is not None

    def needs_signon(self) -> bool:
        """True when the next request must first sign on with username/password."""
        return not self.signed_on and self.auth_id is None and self.has_credentials

    def accept(self, result: LoginResult) -> None:
        if result.mfa_required:
            self.signed_on = False
            self.auth_id = result.auth_id
            return
        self.signed_on = True
        self.auth_id = None
        self.generation += 1
        if result.user_id is not None:
            self.user_id = result.user_id
        if result.inbox_id is not None:
            self.inbox_id = result.inbox_id

    def expire(self) -> None:
        """Forget the session (the server said `user_not_sign_on`)."""
        self.signed_on = False


def _json_request(operation_id: str, path: str, body: pydantic.BaseModel, **kw: Any) -> ApiRequest:
    return ApiRequest(
        operation_id=operation_id,
        method="POST",
        path=path,
        content=body.model_dump_json(by_alias=True, exclude_unset=True).encode(),
        # A repeated signon is harmless to data but counts as another password
        # attempt (`incorrect_password_too_many_times`): only connect errors retry.
        idempotent=False,
        **kw,
    )


def signon_request(username: str, password: str) -> ApiRequest:
    from tickspec_generated.models.signon_request import SignonRequest

    return _json_request(
        SIGNON_OPERATION,
        SIGNON_PATH,
        SignonRequest(username=username, password=password),
        params=(("wc", "true"), ("remember", "true")),
    )


def mfa_verify_request(auth_id: str, code: str, method: str = "app") -> ApiRequest:
    """The verify request; the caller adds the `x-verify-id: <auth_id>` header."""
    del auth_id  # carried in the header, not the body
    import pydantic
    from tickspec_generated.models.mfa_verify_request import MfaVerifyRequest

    try:
        body = MfaVerifyRequest(code=code.strip(), method=method)
    except pydantic.ValidationError as exc:
        raise InvalidRequestError(
            f"MFA code must be 4-8 digits, got {code!r}", operation_id=MFA_VERIFY_OPERATION
        ) from exc
    return _json_request(MFA_VERIFY_OPERATION, MFA_VERIFY_PATH, body)


def mfa_headers(auth_id: str) -> dict[str, str]:
    return {"x-verify-id": auth_id}


def _as_int(value: Any) -> int | None:
    try:
        return int(value) if value is not None and value != "" else None
    except (TypeError, ValueError):
        return None


def user_id_from_inbox(inbox_id: str | None) -> int | None:
    """`inbox416323287` -> 416323287: the inbox id embeds the user id."""
    if inbox_id and inbox_id.startswith("inbox"):
        return _as_int(inbox_id[len("inbox") :])
    return None


def parse_signon(content: bytes) -> LoginResult:
    """Read a signon / MFA-verify answer: a token, or an authId asking for MFA."""
    try:
        body = json.loads(content) if content.strip() else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    import pydantic
    from tickspec_generated.models.signon_response import SignonResponse

    if isinstance(body.get("userId"), int):  # the schema says string; be liberal in what we read
        body["userId"] = str(body["userId"])
    try:
        model: SignonResponse | None = SignonResponse.model_validate(body)
    except pydantic.ValidationError:
        model = None
    token = body.get("token")
    inbox_id = body.get("inboxId")
    inbox = str(inbox_id) if inbox_id else None
    user_id = _as_int(body.get("userId")) or user_id_from_inbox(inbox)
    auth_id = body.get("authId")
    if not token and auth_id:
        return LoginResult(mfa_required=True, auth_id=str(auth_id), response=model, body=body)
    return LoginResult(
        mfa_required=False,
        user_id=user_id,
        inbox_id=inbox,
        token=str(token) if token else None,
        response=model,
        body=body,
    )
