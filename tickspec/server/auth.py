"""The demo account, sessions, failed-signon lockout and the MFA step.

There is one account per app (username, password, numeric user id). A session
token is a long hex string, like TickTick's `t` cookie. The account's configured
token is always valid (tests and `tickspec serve --token` use it without a
signon); every good signon issues a fresh token that stays valid until the app
stops, so two clients signing on do not log each other out.

Lockout: five wrong passwords in a row are answered `username_password_not_match`;
from the sixth attempt on, every signon (even with the right password) answers
`incorrect_password_too_many_times`, until `lockout_seconds` have passed since the
last failure or the admin reset. A good signon before the lockout clears the count.

MFA (optional, `mfa_code=`): a good password then answers an `authId` instead of a
token; `verify` exchanges the authId and the code for a token. authIds are
single-use; a wrong code leaves the authId usable for another try.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field

from tickspec.server import errors

MAX_FAILED_ATTEMPTS = 5


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    user_id: int
    token: str
    mfa_code: str | None = None
    display_name: str = "Demo User"


def new_token() -> str:
    return secrets.token_hex(80).upper()


@dataclass
class Auth:
    account: Account
    lockout_seconds: float = 300.0
    tokens: set[str] = field(default_factory=set)
    failed_attempts: int = 0
    last_failure: float = 0.0
    pending_mfa: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.tokens.add(self.account.token)

    def reset(self) -> None:
        """Forget failures and pending MFA; sessions stay (clients stay signed on)."""
        self.failed_attempts = 0
        self.pending_mfa.clear()

    def _locked(self) -> bool:
        if self.failed_attempts < MAX_FAILED_ATTEMPTS:
            return False
        if time.monotonic() - self.last_failure > self.lockout_seconds:
            self.failed_attempts = 0
            return False
        return True

    def signon(self, username: str, password: str) -> tuple[str | None, str | None]:
        """(token, None) or, for an MFA account, (None, authId); raises on failure."""
        if self._locked():
            self.failed_attempts += 1
            self.last_failure = time.monotonic()
            raise errors.semantic(
                errors.TOO_MANY_ATTEMPTS,
                "incorrect password too many times; try again later",
                {"remainingSeconds": int(self.lockout_seconds)},
            )
        if username.strip().lower() != self.account.username.lower() or (
            password != self.account.password
        ):
            self.failed_attempts += 1
            self.last_failure = time.monotonic()
            raise errors.semantic(
                errors.USERNAME_PASSWORD_NOT_MATCH,
                "username or password is incorrect",
                {"remainderTimes": max(0, MAX_FAILED_ATTEMPTS - self.failed_attempts)},
            )
        self.failed_attempts = 0
        if self.account.mfa_code is not None:
            auth_id = secrets.token_hex(16)
            self.pending_mfa.add(auth_id)
            return None, auth_id
        return self.issue(), None

    def issue(self) -> str:
        token = new_token()
        self.tokens.add(token)
        return token

    def verify_mfa(self, auth_id: str | None, code: str | None) -> str:
        if auth_id not in self.pending_mfa or code != self.account.mfa_code:
            raise errors.semantic(errors.MFA_CODE_INVALID, "verification code is incorrect")
        self.pending_mfa.discard(auth_id)
        return self.issue()

    def authenticated(self, cookie_token: str | None, authorization: str | None) -> bool:
        if cookie_token is not None and cookie_token in self.tokens:
            return True
        if authorization is not None:
            scheme, _, credential = authorization.partition(" ")
            if scheme.lower() == "bearer" and credential.strip() in self.tokens:
                return True
        return False
