"""The authorization server of the Open API: apps, codes, tokens, scopes, revoke.

It behaves like a real one so that a client's security bugs show up in tests:

- Apps are registered with their redirect URIs (`tickspec serve --oauth-app
  ID:SECRET:REDIRECT_URI`, repeatable). An authorize request naming another
  `redirect_uri` is refused with 400 and no redirect. A loopback redirect URI
  (127.0.0.1, localhost, [::1]) matches on any port, as RFC 8252 (7.3) asks of
  servers for native apps; the built-in app `tickspec-local` accepts every
  loopback URI, so local scripts work on any port and path.
- A code is single-use, bound to its app and redirect URI, and expires after
  `CODE_LIFETIME` seconds of `clock` (tests move the clock). At most
  `MAX_PENDING_CODES` wait at once (the oldest is dropped first): authorize
  needs no credentials, so a flood of it must not grow the server's memory.
- Tokens carry scopes. A `tasks:read` token's write is refused 403. A revoked
  or expired token is refused 401. At most `MAX_TOKENS` app tokens live at once
  (the oldest ends first; the personal API token never does).
- Open API tokens live here, apart from the web sessions of auth.py: an Open
  API token is not a `t` cookie, and a web session token is not an Open API
  bearer. Nothing public shows TickTick accepting either across.
- The personal API token (Settings > Account > API Token in the newest doc) is
  a bearer token with every scope and no app; the server makes one at start.

Refusals follow the docs and the wire, not the web API's error body: a bad
bearer gets 401 with the OAuth error body `{"error": "invalid_token", ...}`
(seen on the wire, issue 17) and a missing scope 403 with no body (the docs list
401/403/404 as "No Content"). The token endpoint answers RFC 6749's error body.
"""

from __future__ import annotations

import secrets
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from tickspec.server.errors import ApiError

LOCAL_CLIENT_ID = "tickspec-local"
LOCAL_CLIENT_SECRET = "tickspec-local-secret"
LOCAL_REDIRECT_URI = "http://127.0.0.1:8080/"
"""Where the built-in app redirects when authorize names no `redirect_uri`."""
ALL_SCOPES = frozenset({"tasks:read", "tasks:write"})
DEFAULT_SCOPE = "tasks:read tasks:write"
CODE_LIFETIME = 600.0
"""Seconds an authorization code stays redeemable (10 minutes)."""
TOKEN_LIFETIME = 15551999
"""Seconds an access token lives (about 180 days, the `expires_in` clients show)."""
MAX_PENDING_CODES = 100
"""Unredeemed authorization codes kept at most."""
MAX_TOKENS = 1000
"""Live app access tokens kept at most (the personal API token aside)."""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})


class OAuthError(ApiError):
    """An OAuth refusal: RFC 6749/6750's `{"error", "error_description"}` body."""

    def body(self) -> dict[str, Any]:
        """The OAuth error body, not TickTick's web one."""
        return {"error": self.code, "error_description": self.message}


class BodilessError(ApiError):
    """A refusal answered with its status and no body (what the docs list)."""


def as_oauth(exc: ApiError) -> ApiError:
    """A refusal of an OAuth endpoint in RFC 6749's form (the validator's 400 too:
    `invalid_request` is an OAuth error code as well)."""
    if isinstance(exc, OAuthError | BodilessError):
        return exc
    return OAuthError(exc.status, exc.code, exc.message, headers=exc.headers)


def invalid_token(message: str) -> OAuthError:
    """401 for a missing, unknown, expired or revoked bearer token."""
    return OAuthError(
        401, "invalid_token", message, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


def _is_loopback(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "http" and (parts.hostname or "") in LOOPBACK


def _without_port(url: str) -> tuple[str, str, str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname or "", parts.path or "/", parts.query


@dataclass(frozen=True)
class App:
    """A registered client: its credentials and redirect URIs."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]
    any_loopback: bool = False
    """The built-in app: every loopback redirect URI is registered."""

    def allows(self, redirect_uri: str) -> bool:
        """Whether `redirect_uri` is registered (loopback ones on any port)."""
        if self.any_loopback and _is_loopback(redirect_uri):
            return True
        loopback = _is_loopback(redirect_uri)
        return any(
            redirect_uri == known
            or (
                loopback
                and _is_loopback(known)
                and _without_port(known) == _without_port(redirect_uri)
            )
            for known in self.redirect_uris
        )


def parse_app(text: str) -> App:
    """`ID:SECRET:REDIRECT_URI` (the URI keeps its own colons); ValueError if malformed."""
    client_id, _, rest = text.partition(":")
    secret, _, redirect = rest.partition(":")
    parts = urlsplit(redirect)
    if not client_id or not secret or not parts.scheme or not (parts.netloc or parts.path):
        raise ValueError(f"{text!r} is not ID:SECRET:REDIRECT_URI")
    return App(client_id, secret, (redirect,))


@dataclass(frozen=True)
class Code:
    client_id: str
    redirect_uri: str
    scopes: frozenset[str]
    issued: float


@dataclass(frozen=True)
class Grant:
    """What a bearer token may do, and until when (by `clock`)."""

    scopes: frozenset[str]
    expires: float
    client_id: str | None
    """None: the personal API token."""


def parse_scope(raw: object) -> frozenset[str]:
    """`tasks:read tasks:write` -> the known scopes named (unknown names are dropped)."""
    return frozenset(str(raw or "").split()) & ALL_SCOPES


@dataclass
class OAuthServer:
    """Apps, pending codes and live tokens of one app instance."""

    clock: Callable[[], float] = time.monotonic
    apps: dict[str, App] = field(default_factory=dict)
    codes: dict[str, Code] = field(default_factory=dict)
    tokens: dict[str, Grant] = field(default_factory=dict)
    personal_token: str = ""

    def __post_init__(self) -> None:
        local = App(LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET, (LOCAL_REDIRECT_URI,), any_loopback=True)
        self.apps.setdefault(local.client_id, local)
        self.personal_token = self.issue_personal(self.personal_token or None)

    def register(self, apps: Iterable[App]) -> None:
        """Add apps; the same id twice adds redirect URIs (its secret must not differ)."""
        for app in apps:
            known = self.apps.get(app.client_id)
            if known is not None and known.client_id != LOCAL_CLIENT_ID:
                if known.client_secret != app.client_secret:
                    raise ValueError(f"app {app.client_id!r} registered with two secrets")
                app = App(app.client_id, app.client_secret, known.redirect_uris + app.redirect_uris)
            self.apps[app.client_id] = app

    def reset(self) -> None:
        """Forget pending codes (an admin reset); tokens stay, like web sessions."""
        self.codes.clear()

    def _prune(self) -> None:
        now = self.clock()
        for code in [c for c, v in self.codes.items() if now - v.issued > CODE_LIFETIME]:
            del self.codes[code]
        for token in [t for t, g in self.tokens.items() if now >= g.expires]:
            del self.tokens[token]

    # -- the flow ---------------------------------------------------------------------------

    def authorize(self, client_id: str, redirect_uri: str | None, scope: object) -> tuple[str, str]:
        """(code, redirect URI) for an approved request; 400 (no redirect) otherwise."""
        app = self.apps.get(client_id)
        if app is None:
            raise OAuthError(400, "invalid_client", f"unknown client_id {client_id!r}")
        target = redirect_uri or app.redirect_uris[0]
        if not app.allows(target):
            raise OAuthError(
                400, "invalid_request", f"redirect_uri {target!r} is not registered for this app"
            )
        scopes = parse_scope(scope or DEFAULT_SCOPE)
        if not scopes:
            raise OAuthError(400, "invalid_scope", f"no known scope in {scope!r}")
        self._prune()
        while len(self.codes) >= MAX_PENDING_CODES:
            del self.codes[next(iter(self.codes))]
        code = secrets.token_urlsafe(6)
        self.codes[code] = Code(client_id, target, scopes, self.clock())
        return code, target

    def authenticate_client(self, client_id: str, secret: str) -> App:
        """The app with these credentials; 401 `invalid_client` otherwise."""
        app = self.apps.get(client_id)
        if app is None or not secrets.compare_digest(app.client_secret, secret):
            raise OAuthError(401, "invalid_client", "client authentication failed")
        return app

    def redeem(self, app: App, code: str, redirect_uri: str | None) -> tuple[str, Grant]:
        """Trade a code for a token: once, before it expires, by its own app and URI."""
        grant = self.codes.pop(code, None)  # popped first: a failed try still uses it up
        if grant is None:
            raise OAuthError(400, "invalid_grant", "unknown or used authorization code")
        if self.clock() - grant.issued > CODE_LIFETIME:
            raise OAuthError(400, "invalid_grant", "authorization code expired")
        if grant.client_id != app.client_id:
            raise OAuthError(400, "invalid_grant", "the code was issued to another client")
        if redirect_uri and redirect_uri != grant.redirect_uri:
            raise OAuthError(400, "invalid_grant", "redirect_uri differs from the authorize one")
        self._prune()
        apps = [t for t, g in self.tokens.items() if g.client_id is not None]
        for oldest in apps[: max(0, len(apps) - MAX_TOKENS + 1)]:
            del self.tokens[oldest]
        token = str(uuid.uuid4())  # pyticktick reads TickTick's tokens as UUID4
        issued = Grant(grant.scopes, self.clock() + TOKEN_LIFETIME, app.client_id)
        self.tokens[token] = issued
        return token, issued

    def issue_personal(self, token: str | None = None) -> str:
        """A personal API token (every scope, no app); `token` fixes its value."""
        value = token or str(uuid.uuid4())
        self.tokens[value] = Grant(ALL_SCOPES, float("inf"), None)
        return value

    def revoke(self, token: str) -> bool:
        """Invalidate `token`; False if it was not a live token."""
        self._prune()
        return self.tokens.pop(token, None) is not None

    # -- bearer checks ----------------------------------------------------------------------

    def check(self, authorization: str | None, scopes: Iterable[str]) -> Grant:
        """The grant of the request's bearer token; 401 if none is valid, 403 if it lacks
        one of `scopes`."""
        scheme, _, credential = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not credential.strip():
            raise invalid_token("the Open API needs Authorization: Bearer <access token>")
        grant = self.tokens.get(credential.strip())
        if grant is not None and self.clock() >= grant.expires:
            del self.tokens[credential.strip()]
            grant = None
        if grant is None:
            raise invalid_token("the access token is unknown, expired or revoked")
        missing = sorted(set(scopes) - grant.scopes)
        if missing:
            raise BodilessError(403, "insufficient_scope", f"the token lacks {' '.join(missing)}")
        return grant


def required_scopes(security: Any) -> tuple[str, ...] | None:
    """The scopes an operation's `security` asks of an OAuth2 bearer (the first oauth2
    requirement's), or None if the operation is not an Open API one."""
    if not isinstance(security, list):
        return None
    for requirement in security:
        if isinstance(requirement, dict) and "oauth2" in requirement:
            return tuple(str(s) for s in requirement["oauth2"] or ())
    return None
