"""The Open API peers corpus (fixtures_har/peers/*-open.har, ticktick-py's Open API steps):
each client signed on through the server's OAuth2 flow as it does against TickTick, then
made every Open API call it has, and was answered. Read from the committed captures, so
CI needs none of the peers (fixtures_har/peers/record_open.py records them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from tickspec.contract.router import Router
from tickspec.spec import load

PEERS = Path(__file__).resolve().parents[2] / "fixtures_har" / "peers"
ROUTER = Router(load())

TASK_AND_PROJECT_CALLS = {
    "openListProjects", "openGetProject", "openCreateProject", "openUpdateProject",
    "openDeleteProject", "openGetProjectData", "openCreateTask", "openGetTask",
    "openUpdateTask", "openCompleteTask", "openDeleteTask",
}  # fmt: skip
SIGN_ON = {"oauthAuthorize", "oauthExchangeCode"}
DIDA365_2026_CALLS = {
    "openMoveTasks", "openListCompletedTasks", "openFilterTasks", "openListTaskComments",
    "openCreateTaskComment", "openDeleteTaskComment", "openListProjectGroups",
    "openCreateProjectGroup", "openUpdateProjectGroup", "openDeleteProjectGroup",
    "openListColumns", "openCreateColumn", "openUpdateColumn", "openListTags", "openCreateTag",
    "openCreateFocus", "openGetFocus", "openListFocuses", "openDeleteFocus",
    "openListCountdowns", "openListHabits", "openCreateHabit", "openGetHabit",
    "openUpdateHabit", "openCheckinHabit", "openListHabitCheckins",
}  # fmt: skip
CAPTURES = {
    "pyticktick-0.3.0-open": TASK_AND_PROJECT_CALLS | SIGN_ON,
    "ticktick-sdk-0.4.3-open": TASK_AND_PROJECT_CALLS | SIGN_ON,
    "dida365-api-0.2.5-open": TASK_AND_PROJECT_CALLS | SIGN_ON | DIDA365_2026_CALLS,
}


def entries(stem: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((PEERS / f"{stem}.har").read_text("utf-8"))["log"][
        "entries"
    ]
    return entries


def operation(entry: dict[str, Any]) -> str:
    request = entry["request"]
    op, _ = ROUTER.match(request["method"], urlsplit(request["url"]).path)
    assert op is not None, request["url"]
    return op.operation_id


def header(headers: list[dict[str, str]], name: str) -> str:
    return next((h["value"] for h in headers if h["name"].lower() == name), "")


@pytest.mark.parametrize(("stem", "expected"), sorted(CAPTURES.items()))
def test_each_client_made_every_call_it_has_and_was_answered(stem: str, expected: set[str]) -> None:
    """Every Open API call of the client is in its capture, each answered 2xx."""
    recorded = entries(stem)
    assert {operation(e) for e in recorded} == expected
    for entry in recorded:
        status = entry["response"]["status"]
        assert 200 <= status < 300 or (status == 302 and operation(entry) == "oauthAuthorize")


@pytest.mark.parametrize("stem", sorted(CAPTURES))
def test_the_client_signed_on_through_the_oauth_flow_and_used_its_token(stem: str) -> None:
    """authorize -> 302 to the redirect URI with a code -> that code exchanged -> every Open
    API call carries the bearer token the exchange answered."""
    authorize, exchange, *calls = entries(stem)
    assert (operation(authorize), operation(exchange)) == ("oauthAuthorize", "oauthExchangeCode")
    asked = dict(parse_qsl(urlsplit(authorize["request"]["url"]).query))
    location = header(authorize["response"]["headers"], "location")
    redirected = dict(parse_qsl(urlsplit(location).query))
    assert urlsplit(location).hostname in {"127.0.0.1", "localhost"}
    assert redirected.get("state") == asked.get("state")
    request = exchange["request"]
    sent = dict(parse_qsl(urlsplit(request["url"]).query))
    sent.update(parse_qsl((request.get("postData") or {}).get("text", "")))
    assert (sent["code"], sent["grant_type"]) == (redirected["code"], "authorization_code")
    token = json.loads(exchange["response"]["content"]["text"])["access_token"]
    for call in calls:
        scheme, _, value = header(call["request"]["headers"], "authorization").partition(" ")
        assert (scheme.lower(), value) == ("bearer", token), call["request"]["url"]


@pytest.mark.parametrize(
    ("stem", "form"),
    [
        ("pyticktick-0.3.0-open", "query"),  # every field in the query, no body
        ("ticktick-sdk-0.4.3-open", "basic"),  # a form body, the app's credentials in Basic
        ("dida365-api-0.2.5-open", "body"),  # a form body holding the credentials too
    ],
)
def test_each_client_exchanges_the_code_its_own_way(stem: str, form: str) -> None:
    request = entries(stem)[1]["request"]
    body = (request.get("postData") or {}).get("text", "")
    basic = header(request["headers"], "authorization").lower().startswith("basic ")
    query = dict(parse_qsl(urlsplit(request["url"]).query))
    shapes = {
        "query": bool(query.get("code")) and not body and not basic,
        "basic": basic and "code=" in body and "client_secret" not in body,
        "body": not basic and "client_secret=" in body and not query,
    }
    assert [name for name, seen in shapes.items() if seen] == [form]


def test_ticktick_py_creates_in_the_inbox_then_updates_and_completes_over_the_open_api() -> None:
    """ticktick-py 2.0.3 names no projectId on create; the task lands in the inbox, and
    its update (the whole task posted back) and its complete succeed."""
    calls = [e for e in entries("ticktick-py-2.0.3") if "/open/v1/" in e["request"]["url"]]
    assert [operation(e) for e in calls] == ["openCreateTask", "openUpdateTask", "openCompleteTask"]
    create, update, complete = calls
    assert "projectId" not in json.loads(create["request"]["postData"]["text"])
    created = json.loads(create["response"]["content"]["text"])
    assert created["projectId"].startswith("inbox")
    assert [e["response"]["status"] for e in calls] == [200, 200, 200]
    assert json.loads(update["response"]["content"]["text"])["title"] == "py open 2"
    assert (
        f"/open/v1/project/{created['projectId']}/task/{created['id']}/complete"
        in (complete["request"]["url"])
    )
