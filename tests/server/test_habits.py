"""Habits and the two-request check-in of seed 003, replayed against the local server."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tickspec.server.testing import ServerHandle, server_fixture

HABIT_ID = "696b90502c6f3277d1cc44a9"
CHECKIN_ID = "696b90862c6f3277d1cc451e"
ETAG = re.compile(r"^[0-9a-z]{8}$")

# Seed 003's "Create Habit" object, verbatim.
HABIT: dict[str, Any] = {
    "color": "#97E38B",
    "iconRes": "habit_daily_check_in",
    "createdTime": "2026-01-17T13:36:16.000+0000",
    "encouragement": "",
    "etag": "",
    "goal": 5,
    "id": HABIT_ID,
    "modifiedTime": "2026-01-17T13:36:16.000+0000",
    "name": "Some new habit",
    "recordEnable": False,
    "reminders": ["20:00"],
    "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=2",
    "sortOrder": -1099511627776,
    "status": 0,
    "step": 1,
    "totalCheckIns": 0,
    "type": "Real",
    "unit": "Count",
    "sectionId": "6940c47c16b2c87db11a567f",
    "targetDays": 100,
    "targetStartDate": 20260117,
    "completedCycles": 0,
    "exDates": [],
    "currentStreak": 0,
    "style": 1,
}

server = server_fixture(scope="module")


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def post(client: httpx.Client, path: str, body: Any) -> dict[str, Any]:
    response = client.post(path, json=body)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def test_create_then_two_request_check_in_as_captured(
    client: httpx.Client, server: ServerHandle
) -> None:
    created = post(client, "/api/v2/habits/batch", {"add": [HABIT], "update": [], "delete": []})
    assert created["id2error"] == {}
    assert ETAG.match(created["id2etag"][HABIT_ID])

    # Phase 1, request 1: the habit's metadata, still with the empty etag (seed 003)
    touched = {**HABIT, "modifiedTime": "2026-01-17T13:37:49.000+0000"}
    first = post(client, "/api/v2/habits/batch", {"add": [], "update": [touched], "delete": []})
    etag1 = first["id2etag"][HABIT_ID]
    assert ETAG.match(etag1) and etag1 != created["id2etag"][HABIT_ID]

    # Phase 1, request 2: the check-in record, answered with both maps empty
    checkin = {
        "checkinStamp": 20260116,
        "opTime": "2026-01-17T13:37:49.000+0000",
        "goal": 5,
        "habitId": HABIT_ID,
        "id": CHECKIN_ID,
        "status": 0,
        "value": 1,
    }
    answer = post(
        client, "/api/v2/habitCheckins/batch", {"add": [checkin], "update": [], "delete": []}
    )
    assert answer == {"id2etag": {}, "id2error": {}}

    # Phase 2: counters (with the etag from phase 1), then the completed check-in
    counted = {
        **HABIT,
        "etag": etag1,
        "modifiedTime": "2026-01-17T13:39:00.000+0000",
        "totalCheckIns": 1,
        "currentStreak": 1,
    }
    second = post(client, "/api/v2/habits/batch", {"add": [], "update": [counted], "delete": []})
    assert second["id2error"] == {} and second["id2etag"][HABIT_ID] != etag1
    done = {
        **checkin,
        "checkinTime": "2026-01-17T13:39:00.000+0000",
        "opTime": "2026-01-17T13:39:00.000+0000",
        "status": 2,
        "value": 5,
    }
    answer = post(
        client, "/api/v2/habitCheckins/batch", {"add": [], "update": [done], "delete": []}
    )
    assert answer == {"id2etag": {}, "id2error": {}}

    habits = client.get("/api/v2/habits").json()
    assert [(h["id"], h["totalCheckIns"], h["currentStreak"]) for h in habits] == [(HABIT_ID, 1, 1)]
    query = post(
        client, "/api/v2/habitCheckins/query", {"habitIds": [HABIT_ID], "afterStamp": 20260101}
    )
    assert query == {"checkins": {HABIT_ID: [done]}}
    assert server.state()["habitCheckins"][CHECKIN_ID]["value"] == 5


def test_check_in_of_an_unknown_habit_is_refused(client: httpx.Client) -> None:
    checkin = {"habitId": HABIT_ID, "id": CHECKIN_ID, "checkinStamp": 20260116, "value": 1}
    answer = post(
        client, "/api/v2/habitCheckins/batch", {"add": [checkin], "update": [], "delete": []}
    )
    assert answer == {"id2etag": {}, "id2error": {CHECKIN_ID: "HABIT_NOT_FOUND"}}
    single = client.post("/api/v2/habitCheckins", json=checkin)
    assert single.status_code == 500 and single.json()["errorCode"] == "habit_not_found"


def test_single_check_in_replaces_the_days_check_in(client: httpx.Client) -> None:
    post(client, "/api/v2/habits/batch", {"add": [HABIT], "update": [], "delete": []})
    first = post(
        client, "/api/v2/habitCheckins", {"habitId": HABIT_ID, "checkinStamp": 20260301, "value": 1}
    )
    second = post(
        client,
        "/api/v2/habitCheckins",
        {"habitId": HABIT_ID, "checkinStamp": 20260301, "value": 2, "status": 2},
    )
    assert second["id"] == first["id"] and second["value"] == 2
    query = post(
        client, "/api/v2/habitCheckins/query", {"habitIds": [HABIT_ID], "afterStamp": 20260228}
    )
    assert [c["value"] for c in query["checkins"][HABIT_ID]] == [2]
    later = post(
        client, "/api/v2/habitCheckins/query", {"habitIds": [HABIT_ID], "afterStamp": 20260301}
    )
    assert later == {"checkins": {HABIT_ID: []}}


def test_deleting_a_habit_deletes_its_check_ins(client: httpx.Client, server: ServerHandle) -> None:
    post(client, "/api/v2/habits/batch", {"add": [HABIT], "update": [], "delete": []})
    checkin = {"habitId": HABIT_ID, "id": CHECKIN_ID, "checkinStamp": 20260116}
    post(client, "/api/v2/habitCheckins/batch", {"add": [checkin], "update": [], "delete": []})
    post(client, "/api/v2/habits/batch", {"add": [], "update": [], "delete": [HABIT_ID]})
    state = server.state()
    assert state["habits"] == {} and state["habitCheckins"] == {}


def test_habit_write_endpoints_other_than_batch_answer_405(client: httpx.Client) -> None:
    assert client.post("/api/v2/habits", json=HABIT).status_code == 405
    assert client.put(f"/api/v2/habits/{HABIT_ID}", json=HABIT).status_code == 405
    deleted = client.delete(f"/api/v2/habits/{HABIT_ID}")
    assert deleted.status_code == 405 and deleted.content == b""


def test_sections_and_preferences(client: httpx.Client) -> None:
    sections = client.get("/api/v2/habitSections").json()
    assert [s["name"] for s in sections] == ["_morning", "_afternoon", "_night"]
    prefs = client.get("/api/v2/user/preferences/habit", params={"platform": "web"}).json()
    assert prefs["enabled"] is True


def test_stale_etag_with_the_last_written_body_is_a_mismatch(
    client: httpx.Client, server: ServerHandle
) -> None:
    """Issue 21, S7: two clients' identical habit updates within one second (same
    modifiedTime, same counters, same stale etag): the second is refused, not taken
    for a retry of the first."""
    batch = "/api/v2/habits/batch"
    created = post(client, batch, {"add": [HABIT], "update": [], "delete": []})
    etag = created["id2etag"][HABIT_ID]
    update = {**HABIT, "etag": etag, "totalCheckIns": 1, "currentStreak": 1}
    first = post(client, batch, {"add": [], "update": [update], "delete": []})
    assert first["id2error"] == {}
    second = post(client, batch, {"add": [], "update": [update], "delete": []})
    assert second == {"id2etag": {}, "id2error": {HABIT_ID: "ETAG_MISMATCH"}}
    stored = server.state()["habits"][HABIT_ID]
    assert (stored["etag"], stored["totalCheckIns"]) == (first["id2etag"][HABIT_ID], 1)
