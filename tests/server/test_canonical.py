"""Canonical out: the server answers TickTick's forms, never an echo of the request's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tickspec.server import canonical
from tickspec.server.errors import ApiError
from tickspec.server.testing import ServerHandle, server_fixture
from tickspec.spec import load

TASK = "696b8abc2c6f3277d1cc431a"
GROUP = "6940c47c16b2c87db11a5670"
PROJECT = "6940c3d51263b74715346bd6"
TIMESTAMP = re.compile(load().schemas["common.json"]["$defs"]["Timestamp"]["pattern"])

server = server_fixture(scope="module")


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json() if response.content else None


@pytest.mark.parametrize(
    ("sent", "answered"),
    [
        ("2026-03-01T09:00:00Z", "2026-03-01T09:00:00.000+0000"),
        ("2026-03-01T12:00:00+03:00", "2026-03-01T09:00:00.000+0000"),
        ("2026-03-01T01:30:00-0800", "2026-03-01T09:30:00.000+0000"),
        ("2026-03-01T09:00:00.123456789Z", "2026-03-01T09:00:00.123+0000"),
        ("2026-03-01T09:00:00.5", "2026-03-01T09:00:00.500+0000"),
        ("2026-01-17T13:12:28.000+0000", "2026-01-17T13:12:28.000+0000"),
        ("not a time", "not a time"),
    ],
)
def test_canonical_time(sent: str, answered: str) -> None:
    assert canonical.canonical_time(sent) == answered


def test_a_date_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ApiError) as refused:
        canonical.canonical_time("2026-13-45T09:00:00Z")
    assert (refused.value.status, refused.value.code) == (400, "invalid_request")


@given(
    moment=st.datetimes(
        min_value=datetime(1971, 1, 1), max_value=datetime(2999, 1, 1), timezones=st.just(UTC)
    ),
    minutes=st.integers(min_value=-14 * 60, max_value=14 * 60),
    colon=st.booleans(),
)
def test_canonical_time_keeps_the_instant(moment: datetime, minutes: int, colon: bool) -> None:
    """Property: any offset form of an instant is answered as that instant in UTC, to the
    millisecond, in the Timestamp pattern."""
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    offset = timedelta(minutes=minutes)
    local = (moment + offset).replace(tzinfo=None)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    suffix = f"{sign}{hours:02d}{':' if colon else ''}{mins:02d}"
    answered = canonical.canonical_time(local.isoformat(timespec="milliseconds") + suffix)
    assert TIMESTAMP.match(answered)
    assert datetime.strptime(answered, "%Y-%m-%dT%H:%M:%S.%f%z") == moment


def test_the_task_plan_reaches_nested_timestamps() -> None:
    plan = canonical.plan_of("task.json")
    assert plan["dueDate"] == {"": True} and plan["items"]["[]"]["completedTime"] == {"": True}
    assert "title" not in plan


def test_a_task_created_with_a_z_time_is_answered_in_tickticks_form(
    client: httpx.Client,
) -> None:
    item = {"id": GROUP, "title": "sub", "completedTime": "2026-03-01T09:00:00Z"}
    sent = {"id": TASK, "projectId": PROJECT, "title": "2026-03-01T09:00:00Z",
            "dueDate": "2026-03-01T09:00:00Z", "startDate": "2026-03-01T10:00:00+01:00",
            "items": [item]}  # fmt: skip
    created = ok(client.post("/api/v2/task", json=sent))
    expected = "2026-03-01T09:00:00.000+0000"
    assert (created["dueDate"], created["startDate"]) == (expected, expected)
    assert created["items"][0]["completedTime"] == expected
    assert created["title"] == "2026-03-01T09:00:00Z"  # a title is not a timestamp
    [synced] = ok(client.get("/api/v3/batch/check/0"))["syncTaskBean"]["update"]
    assert synced["dueDate"] == expected
    draft = {"id": TASK, "projectId": PROJECT, "dueDate": "2026-03-02T00:00:00-05:00"}
    assert ok(client.post("/api/v2/batch/task", json={"update": [draft]}))["id2error"] == {}
    assert ok(client.get(f"/api/v2/task/{TASK}"))["dueDate"] == "2026-03-02T05:00:00.000+0000"


def test_a_batch_with_a_date_that_does_not_exist_writes_nothing(
    client: httpx.Client, server: ServerHandle
) -> None:
    good = {"id": TASK, "projectId": PROJECT, "title": "ok"}
    bad = {"id": GROUP, "projectId": PROJECT, "title": "bad", "dueDate": "2026-02-30T09:00:00Z"}
    refused = client.post("/api/v2/batch/task", json={"add": [good, bad]})
    assert (refused.status_code, refused.json()["errorCode"]) == (400, "invalid_request")
    assert server.state()["tasks"] == {}


def test_a_folder_is_answered_without_the_request_only_list_type(
    client: httpx.Client, server: ServerHandle
) -> None:
    """ticktick-sdk sends `listType: "group"`; pyticktick's strict live-tested model of
    the answer has no such field."""
    created = ok(client.post("/api/v2/projectGroup", json={"name": "Work", "listType": "group"}))
    assert "listType" not in created
    folder = {**created, "name": "Job", "listType": "group"}
    assert (
        ok(client.post("/api/v2/batch/projectGroup", json={"update": [folder]}))["id2error"] == {}
    )
    [synced] = ok(client.get("/api/v3/batch/check/0"))["projectGroups"]
    assert synced["name"] == "Job" and "listType" not in synced


def test_a_project_taken_out_of_its_folder_with_none_is_answered_null(
    client: httpx.Client,
) -> None:
    created = ok(
        client.post("/api/v2/project", json={"id": PROJECT, "name": "W", "groupId": "NONE"})
    )
    assert created["groupId"] is None
    moved = {**created, "groupId": "NONE"}
    assert ok(client.post("/api/v2/batch/project", json={"update": [moved]}))["id2error"] == {}
    assert [p["groupId"] for p in ok(client.get("/api/v2/projects"))] == [None]


def test_a_tag_sent_by_name_only_is_answered_with_label_and_raw_name(
    client: httpx.Client,
) -> None:
    """pyticktick's live-tested TagV2 requires `label` and `rawName` in every answer."""
    assert ok(client.post("/api/v2/batch/tag", json={"add": [{"name": "home"}]}))["id2error"] == {}
    [tag] = ok(client.get("/api/v2/tags"))
    assert (tag["name"], tag["label"], tag["rawName"]) == ("home", "home", "home")
