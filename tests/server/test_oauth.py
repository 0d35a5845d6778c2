"""The local authorization server behaves like a real one: one test per rule.

Registered redirect URIs only; single-use codes that expire after 10 minutes (the
server's clock is moved, not waited for); scopes enforced; revoke; Open API and
web tokens kept apart; the personal API token.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from tickspec.server.oauth_server import CODE_LIFETIME, App, parse_app
from tickspec.server.testing import ServerHandle, running_server

APP_ID, APP_SECRET, APP_REDIRECT = "my-app", "my-secret", "https://app.example/callback"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def server(clock: Clock) -> Iterator[ServerHandle]:
    with running_server(
        validate_responses=True, oauth_apps=[f"{APP_ID}:{APP_SECRET}:{APP_REDIRECT}"], clock=clock
    ) as handle:
        yield handle


def http(server: ServerHandle) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0)


def authorize(server: ServerHandle, scope: str = "tasks:read tasks:write", **query: str) -> str:
    """The code of an approved authorize request for the registered app."""
    params = {"client_id": APP_ID, "scope": scope, "state": "s1", "response_type": "code"}
    params.setdefault("redirect_uri", APP_REDIRECT)
    params.update(query)
    with http(server) as client:
        answer = client.get("/oauth/authorize", params=params)
    assert answer.status_code == 302, answer.text
    location = answer.headers["location"]
    assert location.startswith(params["redirect_uri"] + "?")
    return parse_qs(urlsplit(location).query)["code"][0]


def exchange(server: ServerHandle, code: str, redirect: str = APP_REDIRECT) -> httpx.Response:
    """The documented exchange: form body, HTTP Basic credentials."""
    basic = base64.b64encode(f"{APP_ID}:{APP_SECRET}".encode()).decode()
    form = {"code": code, "grant_type": "authorization_code", "redirect_uri": redirect}
    with http(server) as client:
        return client.post("/oauth/token", data=form, headers={"Authorization": f"Basic {basic}"})


def token_for(server: ServerHandle, scope: str = "tasks:read tasks:write") -> str:
    answer = exchange(server, authorize(server, scope))
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_an_unregistered_redirect_uri_gets_400_and_no_redirect(server: ServerHandle) -> None:
    params = {
        "client_id": APP_ID,
        "scope": "tasks:read",
        "redirect_uri": "https://evil.example/steal",
        "response_type": "code",
    }
    with http(server) as client:
        answer = client.get("/oauth/authorize", params=params)
    assert answer.status_code == 400 and "location" not in answer.headers
    assert answer.json()["error"] == "invalid_request"
    assert server.app.tickspec.oauth.codes == {}


def test_the_registered_redirect_uri_is_used_when_none_is_named(server: ServerHandle) -> None:
    with http(server) as client:
        answer = client.get(
            "/oauth/authorize",
            params={"client_id": APP_ID, "scope": "tasks:read", "response_type": "code"},
        )
    assert answer.status_code == 302
    assert answer.headers["location"].startswith(APP_REDIRECT + "?code=")


def test_the_built_in_app_takes_any_loopback_redirect_only() -> None:
    app = App("tickspec-local", "x", ("http://127.0.0.1:8080/",), any_loopback=True)
    assert app.allows("http://127.0.0.1:9/callback") and app.allows("http://localhost:5000/x")
    assert not app.allows("https://127.0.0.1.evil.example/") and not app.allows("http://evil/")
    registered = parse_app("id:secret:http://127.0.0.1:8080/cb")
    assert registered.allows("http://127.0.0.1:9999/cb"), "loopback: any port (RFC 8252)"
    assert not registered.allows("http://127.0.0.1:8080/other")


def test_a_code_is_used_once(server: ServerHandle) -> None:
    code = authorize(server)
    assert exchange(server, code).status_code == 200
    again = exchange(server, code)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")


def test_a_code_expires_after_ten_minutes(server: ServerHandle, clock: Clock) -> None:
    code = authorize(server)
    clock.now += CODE_LIFETIME + 1
    late = exchange(server, code)
    assert (late.status_code, late.json()["error"]) == (400, "invalid_grant")
    assert "expired" in late.json()["error_description"]
    fresh = authorize(server)
    clock.now += CODE_LIFETIME - 1
    assert exchange(server, fresh).status_code == 200


def test_a_code_is_bound_to_its_redirect_uri(server: ServerHandle) -> None:
    answer = exchange(server, authorize(server), redirect="https://app.example/other")
    assert (answer.status_code, answer.json()["error"]) == (400, "invalid_grant")


def test_a_read_only_token_can_read_but_its_write_gets_403(server: ServerHandle) -> None:
    token = token_for(server, "tasks:read")
    with http(server) as client:
        listed = client.get("/open/v1/project", headers=bearer(token))
        created = client.post("/open/v1/project", json={"name": "X"}, headers=bearer(token))
    assert listed.status_code == 200
    assert created.status_code == 403 and created.content == b""
    assert "X" not in [p["name"] for p in server.state()["projects"].values()]


def test_a_revoked_token_gets_401(server: ServerHandle) -> None:
    token = token_for(server)
    with http(server) as client:
        assert client.get("/open/v1/project", headers=bearer(token)).status_code == 200
        revoked = client.post("/oauth/revoke", data={"token": token})
        after = client.get("/open/v1/project", headers=bearer(token))
        twice = client.post("/oauth/revoke", data={"token": token})
    assert (revoked.status_code, revoked.content) == (200, b"")
    assert after.status_code == 401 and after.json()["error"] == "invalid_token"
    assert after.headers["www-authenticate"].startswith("Bearer")
    assert (twice.status_code, twice.content) == (401, b"")


def test_revoke_reads_the_docs_multipart_form(server: ServerHandle) -> None:
    token = token_for(server)
    with http(server) as client:
        answer = client.post("/oauth/revoke", files={"token": (None, token)})
        after = client.get("/open/v1/project", headers=bearer(token))
    assert (answer.status_code, after.status_code) == (200, 401)


def test_open_api_and_web_tokens_do_not_cross(server: ServerHandle) -> None:
    token = token_for(server)
    with http(server) as client:
        web_as_bearer = client.get("/open/v1/project", headers=bearer(server.token))
    with server.client(signed_on=False) as web:
        web.cookies.set("t", token)
        oauth_as_cookie = web.get("/api/v2/user/profile")
        oauth_as_web_bearer = web.get("/api/v2/user/profile", headers=bearer(token))
    assert web_as_bearer.status_code == 401
    assert oauth_as_cookie.status_code == 401 and oauth_as_web_bearer.status_code == 401


def test_the_personal_api_token_opens_every_open_api_operation(server: ServerHandle) -> None:
    with http(server) as client:
        created = client.post(
            "/open/v1/project", json={"name": "Personal"}, headers=bearer(server.api_token)
        )
        listed = client.get("/open/v1/project", headers=bearer(server.api_token))
    assert created.status_code == 200 and created.json()["name"] == "Personal"
    assert "Personal" in [p["name"] for p in listed.json()]
    with server.client(signed_on=False) as web:
        assert web.get("/api/v2/user/profile", headers=bearer(server.api_token)).status_code == 401


def test_a_fixed_personal_token_and_bad_app_registrations() -> None:
    with running_server(api_token="my-personal-token") as handle:
        assert handle.api_token == "my-personal-token"
    with pytest.raises(ValueError, match="ID:SECRET:REDIRECT_URI"):
        parse_app("only-an-id")
