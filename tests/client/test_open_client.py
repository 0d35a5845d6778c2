"""`OpenClient` / `AsyncOpenClient` without a server: requests, auth errors, the shared core.

The end-to-end OAuth2 flow against `tickspec serve` is tests/server/test_open_api.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import anyio
import httpx
import pytest

from tickspec.errors import AuthError
from tickspec.open_api import AsyncOpenClient, OAuthApp, OpenClient
from tickspec.server.testing import running_server

APP = OAuthApp("my-app", "s3cret", redirect_uri="http://127.0.0.1:8080/")
PROJECT = {"id": "6940c3d51263b74715346bd6", "name": "Groceries"}


def mocked(handler: httpx.MockTransport, **kwargs: object) -> OpenClient:
    return OpenClient(
        http_client=httpx.Client(transport=handler),
        sleep=lambda seconds: None,
        **kwargs,  # type: ignore[arg-type]
    )


def test_requests_carry_the_bearer_token_and_no_web_headers() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[PROJECT])

    client = mocked(httpx.MockTransport(answer), access_token="tok-1")
    assert [p.name for p in client.api.open.open_list_projects()] == ["Groceries"]
    [request] = seen
    assert str(request.url) == "https://api.ticktick.com/open/v1/project"
    assert request.headers["authorization"] == "Bearer tok-1"
    assert "x-device" not in request.headers and "cookie" not in request.headers


def test_a_calls_own_headers_and_timeout_reach_the_request_sync_and_async() -> None:
    """`extra_headers=` and `timeout=` of one call are sent with that call only, as on
    the web client (the Open API core used to drop both)."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=[PROJECT])

    client = mocked(httpx.MockTransport(answer), access_token="tok-1")
    client.api.open.open_list_projects(extra_headers={"X-Probe": "call"}, timeout=3.0)
    client.api.open.open_list_projects()

    async def twice() -> None:
        async with AsyncOpenClient(
            http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)),
            access_token="tok-1",
        ) as aclient:
            await aclient.api.open.open_list_projects(
                extra_headers={"X-Probe": "call"}, timeout=3.0
            )
            await aclient.api.open.open_list_projects()

    anyio.run(twice)
    assert [(r.headers.get("X-Probe"), r.extensions["timeout"]["read"]) for r in seen] == [
        ("call", 3.0),
        (None, 30.0),
    ] * 2


def test_no_token_fails_before_any_request() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        raise AssertionError(f"sent {request.url}")

    client = mocked(httpx.MockTransport(answer))
    with pytest.raises(AuthError, match="no access token"):
        client.api.open.open_list_projects()


def test_a_read_is_retried_after_429_and_a_401_is_auth_error() -> None:
    answers = [httpx.Response(429), httpx.Response(200, json=[PROJECT])]
    client = mocked(httpx.MockTransport(lambda request: answers.pop(0)), access_token="t")
    assert len(client.api.open.open_list_projects()) == 1 and answers == []
    expired = mocked(
        httpx.MockTransport(lambda request: httpx.Response(401, json={"error": "invalid_token"})),
        access_token="old",
    )
    with pytest.raises(AuthError) as caught:
        expired.api.open.open_list_projects()
    assert caught.value.status_code == 401


def test_authorize_url_and_token_request(tmp_path: Path) -> None:
    sent: list[httpx.Request] = []
    token = {
        "access_token": "7c9e6679-7425-40de-944b-e07fc1f90ae7",
        "token_type": "bearer",
        "expires_in": 15551999,
    }

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=token)

    path = tmp_path / "token.json"
    client = mocked(httpx.MockTransport(answer), app=APP, token_file=path)
    url = client.authorize_url()
    state = parse_qs(urlsplit(url).query)["state"][0]
    assert url.startswith("https://ticktick.com/oauth/authorize?") and len(state) >= 16
    assert client.authorize_url() != url, "a fresh state every time"
    state = parse_qs(urlsplit(client.authorize_url()).query)["state"][0]
    client.exchange_code(f"http://127.0.0.1:8080/?code=abc&state={state}")
    [request] = sent
    assert str(request.url) == "https://ticktick.com/oauth/token"  # the documented form body
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode())["code"] == ["abc"]
    assert request.headers["authorization"] == "Basic bXktYXBwOnMzY3JldA=="  # my-app:s3cret
    assert json.loads(path.read_text())["access_token"] == token["access_token"]
    again = mocked(httpx.MockTransport(answer), token_file=path)
    assert again.access_token == token["access_token"]


def test_async_client_runs_the_flow_against_tickspec_serve() -> None:
    with running_server() as server:

        async def main() -> list[str]:
            async with AsyncOpenClient(
                app=OAuthApp("tickspec-local", "tickspec-local-secret"),
                base_url=server.base_url,
                oauth_base_url=server.base_url,
                http_client=httpx.AsyncClient(trust_env=False, timeout=10.0),
            ) as client:
                async with httpx.AsyncClient(trust_env=False, timeout=10.0) as browser:
                    redirect = (await browser.get(client.authorize_url())).headers["location"]
                await client.exchange_code(redirect)
                task = await client.create_task("Async milk")
                await client.complete_task(task.project_id, task.id)
                bad = AsyncOpenClient(
                    access_token="nope",
                    base_url=server.base_url,
                    http_client=httpx.AsyncClient(trust_env=False, timeout=10.0),
                )
                with pytest.raises(AuthError):
                    await bad.api.open.open_list_projects()
                await bad._http.aclose()
                return [t["title"] for t in server.state()["tasks"].values()]

        assert anyio.run(main) == ["Async milk"]
