"""The demo account, sessions, failed-signon lockout and the MFA step.

There is one account per app (username, password, numeric user id). A session
token is a long hex string, like TickTick's `t` cookie. The account's configured
token is always valid (tests and `tickspec serve --token` use it without a
signon); every good signon issues a fresh token, so two clients signing on do
not log each other out. A signon's token lives `SESSION_LIFETIME` (180 days,
the Open API tokens' lifetime: nothing public tells the web session's), and at
most `MAX_SESSIONS` live at once (the oldest goes first), so sign-ons cannot
grow the server's memory without bound.

Lockout: five wrong passwords in a row are answered `username_password_not_match`
(`remainderTimes` counting down); the fifth starts a lockout of `lockout_seconds`
during which every signon (even with the right password) answers
`incorrect_password_too_many_times`. Attempts made during the lockout do not
extend it: a public TickTick troubleshooting note (issue 21's evidence) says
retrying during the lockout does not extend it, and a rule that did would let
one wrong signon every few minutes keep the owner out forever. When it ends,
or after an admin reset or a good signon before it, the count starts again.

MFA (optional, `mfa_code=`): a good password then answers an `authId` instead of a
token; `verify` exchanges the authId and the code for a token. An authId is
single-use, expires `MFA_LIFETIME` after the signon (the `expireTime` the signon
answers: 300 s, what public clients see from TickTick), and allows
`MAX_MFA_ATTEMPTS` wrong codes: each is `mfa_code_invalid` with `remainderTimes`,
and the last one drops the authId. An unknown, used, expired or dropped authId
is `verify_code_expired`: sign on again. TickTick's own codes for these cases are
not public; both are codes clients already map to an auth error.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tickspec.server import errors

MAX_FAILED_ATTEMPTS = 5
SESSION_LIFETIME = 15551999.0
"""Seconds a signon's session lives (about 180 days, as the Open API's tokens)."""
MAX_SESSIONS = 1000
"""Live signon sessions kept at most; a new one beyond this ends the oldest."""
MFA_LIFETIME = 300.0
"""Seconds a pending MFA (its authId) can be verified."""
MAX_MFA_ATTEMPTS = 5
"""Wrong codes an authId allows; the last one drops it."""
MAX_PENDING_MFA = 100
"""Pending authIds kept at most (the oldest dropped first)."""


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
class PendingMfa:
    """An authId waiting for its code."""

    expires: float
    attempts: int = 0


@dataclass
class Auth:
    account: Account
    lockout_seconds: float = 300.0
    clock: Callable[[], float] = time.monotonic
    sessions: dict[str, float] = field(default_factory=dict)
    """Signon tokens -> when they expire (by `clock`), oldest first."""
    failed_attempts: int = 0
    locked_until: float | None = None
    pending_mfa: dict[str, PendingMfa] = field(default_factory=dict)

    def reset(self) -> None:
        """Forget failures and pending MFA; sessions stay (clients stay signed on)."""
        self.failed_attempts = 0
        self.locked_until = None
        self.pending_mfa.clear()

    def _lockout_left(self, now: float) -> float:
        """Seconds the lockout still runs (0: none); an ended one resets the count."""
        if self.locked_until is None:
            return 0.0
        if now >= self.locked_until:
            self.locked_until = None
            self.failed_attempts = 0
            return 0.0
        return self.locked_until - now

    def signon(self, username: str, password: str) -> tuple[str | None, str | None]:
        """(token, None) or, for an MFA account, (None, authId); raises on failure."""
        now = self.clock()
        left = self._lockout_left(now)
        if left > 0:  # not counted: an attempt during the lockout does not extend it
            raise errors.semantic(
                errors.TOO_MANY_ATTEMPTS,
                "incorrect password too many times; try again later",
                {"remainingSeconds": max(1, int(left + 0.999))},
            )
        if username.strip().lower() != self.account.username.lower() or (
            password != self.account.password
        ):
            self.failed_attempts += 1
            if self.failed_attempts >= MAX_FAILED_ATTEMPTS:
                self.locked_until = now + self.lockout_seconds
            raise errors.semantic(
                errors.USERNAME_PASSWORD_NOT_MATCH,
                "username or password is incorrect",
                {"remainderTimes": max(0, MAX_FAILED_ATTEMPTS - self.failed_attempts)},
            )
        self.failed_attempts = 0
        if self.account.mfa_code is not None:
            return None, self._pend(now)
        return self.issue(), None

    def _pend(self, now: float) -> str:
        for auth_id in [a for a, p in self.pending_mfa.items() if now >= p.expires]:
            del self.pending_mfa[auth_id]
        while len(self.pending_mfa) >= MAX_PENDING_MFA:
            del self.pending_mfa[next(iter(self.pending_mfa))]
        auth_id = secrets.token_hex(16)
        self.pending_mfa[auth_id] = PendingMfa(expires=now + MFA_LIFETIME)
        return auth_id

    def issue(self) -> str:
        """A fresh session token (the oldest session ends if `MAX_SESSIONS` are live)."""
        now = self.clock()
        for token in [t for t, expires in self.sessions.items() if now >= expires]:
            del self.sessions[token]
        while len(self.sessions) >= MAX_SESSIONS:
            del self.sessions[next(iter(self.sessions))]
        token = new_token()
        self.sessions[token] = now + SESSION_LIFETIME
        return token

    def verify_mfa(self, auth_id: str | None, code: str | None) -> str:
        """The session token for a pending authId and its code (see the module docstring)."""
        pending = self.pending_mfa.get(auth_id or "")
        if pending is None or self.clock() >= pending.expires:
            self.pending_mfa.pop(auth_id or "", None)
            raise errors.semantic(
                errors.MFA_EXPIRED, "the verification expired or is unknown; sign on again"
            )
        if code != self.account.mfa_code:
            pending.attempts += 1
            left = MAX_MFA_ATTEMPTS - pending.attempts
            if left <= 0:
                del self.pending_mfa[auth_id or ""]
            raise errors.semantic(
                errors.MFA_CODE_INVALID, "verification code is incorrect", {"remainderTimes": left}
            )
        del self.pending_mfa[auth_id or ""]
        return self.issue()

    def _valid(self, token: str) -> bool:
        if token == self.account.token:
            return True
        expires = self.sessions.get(token)
        if expires is None:
            return False
        if self.clock() >= expires:
            del self.sessions[token]
            return False
        return True

    def authenticated(self, cookie_token: str | None, authorization: str | None) -> bool:
        """Whether the `t` cookie or an `Authorization: Bearer` holds a live session."""
        if cookie_token is not None and self._valid(cookie_token):
            return True
        if authorization is not None:
            scheme, _, credential = authorization.partition(" ")
            if scheme.lower() == "bearer" and self._valid(credential.strip()):
                return True
        return False
