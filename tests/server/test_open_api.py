"""The Open API v1 of `tickspec serve`: the OAuth2 flow end to end, bearer auth, one store.

The flow runs through `tickspec.open_api.OpenClient` against a real server (a
thread on 127.0.0.1): the authorize URL, the redirect with `code` and `state`,
the token, Open API calls, and the 401 a bad token gets as `AuthError`.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tickspec_generated.models.open_project_create import OpenProjectCreate
from tickspec_generated.models.open_task_update import OpenTaskUpdate

from tickspec.errors import AuthError, TickTickError
from tickspec.open_api import OAuthApp, OpenClient
from tickspec.server.handlers.oauth import CLIENT_ID, CLIENT_SECRET
from tickspec.server.handlers.open_api import web_time
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", validate_responses=True)
REDIRECT = "http://127.0.0.1:9/callback"
APP = OAuthApp(CLIENT_ID, CLIENT_SECRET, redirect_uri=REDIRECT)


def open_client(
    server: ServerHandle,
    *,
    app: OAuthApp | None = None,
    access_token: str | None = None,
    token: str | None = None,
    token_file: Path | None = None,
) -> OpenClient:
    return OpenClient(
        app=app,
        token=token,
        access_token=access_token,
        token_file=token_file,
        base_url=server.base_url,
        oauth_base_url=server.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
    )


def approve(server: ServerHandle, url: str) -> str:
    """What the browser does: open the authorize page, land on the redirect."""
    with httpx.Client(trust_env=False, timeout=10.0) as browser:
        answer = browser.get(url.replace("https://ticktick.com", server.base_url))
    assert answer.status_code == 302
    return answer.headers["location"]


def test_oauth_flow_end_to_end(server: ServerHandle, tmp_path: Path) -> None:
    server.reset()
    token_file = tmp_path / "token.json"
    client = open_client(server, app=APP, token_file=token_file)
    url = client.authorize_url(state="s-123")
    query = parse_qs(urlsplit(url).query)
    assert query["state"] == ["s-123"] and query["response_type"] == ["code"]
    assert query["scope"] == ["tasks:read tasks:write"]
    assert query["redirect_uri"] == [REDIRECT]

    redirect = approve(server, url)
    back = parse_qs(urlsplit(redirect).query)
    assert redirect.startswith(REDIRECT + "?") and back["state"] == ["s-123"]

    token = client.exchange_code(redirect)
    assert token.token_type == "bearer" and token.scope == "tasks:read tasks:write"
    assert client.access_token == token.access_token
    assert token_file.stat().st_mode & 0o777 == 0o600

    project = client.api.open.open_create_project(OpenProjectCreate(name="Groceries"))
    task = client.create_task("Buy milk", project.id, priority=5, reminders=["TRIGGER:PT0S"])
    assert (task.title, task.priority, task.reminders, task.status) == (
        "Buy milk",
        5,
        ["TRIGGER:PT0S"],
        0,
    )
    data = client.api.open.open_get_project_data(project.id)
    assert [t.id for t in data.tasks] == [task.id]
    client.complete_task(project.id, task.id)
    assert client.api.open.open_get_task(project.id, task.id).status == 2
    # the web API sees the same account: the task is completed there too
    assert server.state()["tasks"][task.id]["status"] == 2

    reused = open_client(server, token_file=token_file)  # a new run reuses the kept token
    assert [p.name for p in reused.api.open.open_list_projects()] == ["Groceries"]

    bad = open_client(server, access_token="not-a-token")
    with pytest.raises(AuthError) as caught:
        bad.api.open.open_list_projects()
    assert caught.value.status_code == 401


def test_a_code_is_used_once_and_state_is_checked(server: ServerHandle) -> None:
    client = open_client(server, app=APP)
    redirect = approve(server, client.authorize_url())
    client.exchange_code(redirect)
    with pytest.raises(AuthError, match="call authorize_url"):
        client.exchange_code(redirect)  # the state answered one request already
    code = parse_qs(urlsplit(redirect).query)["code"][0]
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0) as http:
        again = http.post(
            "/oauth/token",
            data={"code": code, "grant_type": "authorization_code"},
            headers={"Authorization": f"Basic {basic}"},
        )
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")
    client.authorize_url(state="mine")
    with pytest.raises(AuthError, match="state mismatch"):
        client.exchange_code(REDIRECT + "?code=abc&state=theirs")


def test_token_endpoint_checks_the_client_credentials(server: ServerHandle) -> None:
    wrong = OpenClient(
        app=OAuthApp(CLIENT_ID, "wrong-secret", redirect_uri=REDIRECT),
        base_url=server.base_url,
        oauth_base_url=server.base_url,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
    )
    redirect = approve(server, wrong.authorize_url())
    with pytest.raises(AuthError) as caught:
        wrong.exchange_code(redirect)
    assert (caught.value.status_code, caught.value.error_code) == (401, "invalid_client")


def test_token_endpoint_takes_the_form_body_of_ticktick_sdk(server: ServerHandle) -> None:
    """ticktick-sdk sends the code as a form body with HTTP Basic credentials."""
    redirect = approve(server, open_client(server, app=APP).authorize_url())
    code = parse_qs(urlsplit(redirect).query)["code"][0]
    basic = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0) as http:
        answer = http.post(
            "/oauth/token",
            data={"code": code, "grant_type": "authorization_code", "redirect_uri": REDIRECT},
            headers={"Authorization": f"Basic {basic}"},
        )
        assert answer.status_code == 200, answer.text
        token = answer.json()["access_token"]
        listed = http.get("/open/v1/project", headers={"Authorization": f"Bearer {token}"})
    assert listed.status_code == 200


def test_the_open_api_wants_a_bearer_token_not_the_cookie(server: ServerHandle) -> None:
    with server.client() as web:  # signed on with the `t` cookie only
        answer = web.get("/open/v1/project")
    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_token"


def test_open_task_update_keeps_what_it_does_not_send(server: ServerHandle) -> None:
    server.reset()
    client = open_client(server, token=server.api_token)
    task = client.create_task("Call mum", items=[{"title": "ask about Sunday"}])
    body = OpenTaskUpdate.model_validate(
        {"id": task.id, "projectId": task.project_id, "priority": 3}
    )
    updated = client.api.open.open_update_task(task.id, body)
    assert (updated.title, updated.priority) == ("Call mum", 3)
    assert [i.title for i in updated.items or []] == ["ask about Sunday"]
    assert updated.project_id == f"inbox{server.app.tickspec.config.account.user_id}"
    assert client.api.open.open_get_task_any_project(task.id).id == task.id
    client.api.open.open_delete_task(task.project_id, task.id)
    with pytest.raises(TickTickError) as caught:
        client.api.open.open_get_task(task.project_id, task.id)
    assert caught.value.error_code == "task_not_found"


def test_open_project_update_and_delete(server: ServerHandle) -> None:
    server.reset()
    client = open_client(server, token=server.api_token)
    project = client.api.open.open_create_project(OpenProjectCreate(name="A", viewMode="kanban"))
    from tickspec_generated.models.open_project_update import OpenProjectUpdate

    renamed = client.api.open.open_update_project(project.id, OpenProjectUpdate(name="B"))
    assert (renamed.name, renamed.view_mode) == ("B", "kanban")
    assert client.api.open.open_get_project(project.id).name == "B"
    client.api.open.open_delete_project(project.id)
    assert client.api.open.open_list_projects() == []


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # HTTP drops a header value's surrounding spaces (and h11 refuses to send them)
    authorization=st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40).map(
        str.strip
    ),
    form=st.binary(max_size=80),
    query=st.dictionaries(
        st.sampled_from(["code", "grant_type", "client_id", "client_secret", "redirect_uri"]),
        st.text(max_size=12),
        max_size=5,
    ),
)
def test_token_endpoint_answers_hostile_input_with_an_error_body(
    server: ServerHandle, authorization: str, form: bytes, query: dict[str, str]
) -> None:
    """Property: whatever Authorization header, form bytes and query a caller sends to
    /oauth/token, the answer is 400 or 401 with an OAuth2 error body naming its `error`
    (never a 500, a traceback or a token: no code was ever issued for these)."""
    headers = {"Authorization": authorization, "Content-Type": "application/x-www-form-urlencoded"}
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0) as http:
        answer = http.post("/oauth/token", params=query, content=form, headers=headers)
    assert answer.status_code in (400, 401), answer.text
    assert isinstance(answer.json()["error"], str)


@given(
    stamp=st.from_regex(
        r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{3})?([+-][0-9]{4}|Z)\Z"
    )
)
def test_open_api_times_become_web_timestamps(stamp: str) -> None:
    """Property: every Open API timestamp the schema allows (milliseconds optional, an
    offset or Z) becomes the web API's form `...:SS.mmm+HHMM`, keeping date and time."""
    converted = web_time(stamp)
    assert re.fullmatch(r"[0-9-]{10}T[0-9:]{8}\.[0-9]{3}[+-][0-9]{4}", converted)
    assert converted[:19] == stamp[:19]
