"""`OpenClient`'s auth: the personal token, `state` checks, revoke, the token file.

The token file is written at 0600 through a temp file, fsync and rename; an
unreadable one raises `AuthError` saying what to do. `exchange_code` takes only
the redirect of the `state` that `authorize_url()` issued.
"""

from __future__ import annotations

import os
from pathlib import Path

import anyio
import httpx
import pytest
from tickspec_generated.models.oauth_token import OAuthToken
from tickspec_generated.models.open_project_create import OpenProjectCreate

from tickspec.errors import AuthError
from tickspec.open_api import AsyncOpenClient, OAuthApp, OpenClient
from tickspec.open_api.auth import TokenFile
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module")
APP = OAuthApp("tickspec-local", "tickspec-local-secret", redirect_uri="http://127.0.0.1:9/cb")
TOKEN = OAuthToken.model_validate(
    {"access_token": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "token_type": "bearer",
     "expires_in": 15551999, "scope": "tasks:read tasks:write"}
)  # fmt: skip


def client_for(server: ServerHandle, **kwargs: object) -> OpenClient:
    return OpenClient(
        base_url=server.base_url,
        oauth_base_url=server.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
        **kwargs,  # type: ignore[arg-type]
    )


def approve(url: str) -> str:
    with httpx.Client(trust_env=False, timeout=10.0) as browser:
        answer = browser.get(url)
    assert answer.status_code == 302, answer.text
    return answer.headers["location"]


def test_the_personal_token_opens_the_open_api(server: ServerHandle) -> None:
    server.reset()
    with client_for(server, token=server.api_token) as client:
        project = client.api.open.open_create_project(OpenProjectCreate(name="Personal"))
        assert [p.name for p in client.api.open.open_list_projects()] == [project.name]

    async def listed() -> int:
        async with AsyncOpenClient(
            token=server.api_token,
            base_url=server.base_url,
            http_client=httpx.AsyncClient(trust_env=False, timeout=10.0),
        ) as aclient:
            return len(await aclient.api.open.open_list_projects())

    assert anyio.run(listed) == 1
    with pytest.raises(ValueError, match="bearer once"):
        OpenClient(token="a", access_token="b")


def test_exchange_code_refuses_a_missing_or_foreign_state(server: ServerHandle) -> None:
    client = client_for(server, app=APP)
    with pytest.raises(AuthError, match="call authorize_url"):
        client.exchange_code("http://127.0.0.1:9/cb?code=abc&state=x")  # never authorized
    redirect = approve(client.authorize_url())
    code = redirect.split("code=")[1].split("&")[0]
    with pytest.raises(AuthError, match="no OAuth2 state"):
        client.exchange_code(f"http://127.0.0.1:9/cb?code={code}")
    with pytest.raises(AuthError, match="no OAuth2 state"):
        client.exchange_code(code)  # a bare code without its state
    with pytest.raises(AuthError, match="state mismatch"):
        client.exchange_code(f"http://127.0.0.1:9/cb?code={code}&state=forged")
    token = client.exchange_code(redirect)  # the real answer still works: nothing was sent
    assert client.access_token == token.access_token


def test_revoke_then_the_token_is_refused(server: ServerHandle, tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    client = client_for(server, app=APP, token_file=path)
    client.exchange_code(approve(client.authorize_url()))
    old = client.access_token
    assert old is not None and path.exists()
    client.revoke()
    assert client.access_token is None and not path.exists()
    with client_for(server, access_token=old) as stale, pytest.raises(AuthError) as caught:
        stale.api.open.open_list_projects()
    assert (caught.value.status_code, caught.value.error_code) == (401, "invalid_token")
    with client_for(server, access_token=old) as stale, pytest.raises(AuthError) as again:
        stale.revoke()
    assert again.value.status_code == 401


def test_the_token_file_is_0600_even_over_a_0644_file(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_text("{}")
    path.chmod(0o644)
    TokenFile(path).save(TOKEN)
    assert path.stat().st_mode & 0o777 == 0o600
    assert TokenFile(path).load() == TOKEN
    assert [p.name for p in tmp_path.iterdir()] == ["token.json"], "no temp file left"


def test_a_failed_save_leaves_the_old_file_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "token.json"
    TokenFile(path).save(TOKEN)
    before = path.read_bytes()

    def crash(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", crash)
    newer = TOKEN.model_copy(update={"access_token": "00000000-0000-4000-8000-000000000000"})
    with pytest.raises(OSError):
        TokenFile(path).save(newer)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["token.json"]


@pytest.mark.parametrize(
    "content",
    [b"garbage", b"", b'{"access_token": "7c9e', b"\xff\xfe\x00", b'["a list"]', b'{"scope": "x"}'],
    ids=["garbage", "empty", "truncated", "not-utf8", "wrong-shape", "no-token"],
)
def test_a_corrupted_token_file_is_an_auth_error_saying_what_to_do(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "token.json"
    path.write_bytes(content)
    with pytest.raises(AuthError, match="delete it and run the OAuth2 flow again"):
        OpenClient(app=APP, token_file=path)
