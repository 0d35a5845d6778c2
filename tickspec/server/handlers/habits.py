"""Habits, check-ins, habit sections and habit preferences (seed 003).

A check-in is two requests (seed 003): `POST /api/v2/habits/batch` updates the
habit's counters (totalCheckIns, currentStreak: the CLIENT computes them; the
server stores what it is sent), then `POST /api/v2/habitCheckins/batch` adds or
updates the day's check-in. The check-in batch answers `{"id2etag": {},
"id2error": {}}` on success (check-ins have no etags); a check-in of an unknown
habit -> `HABIT_NOT_FOUND` in id2error. Deleting a habit deletes its check-ins.

`POST /api/v2/habits`, `PUT` and `DELETE /api/v2/habits/{id}` answer 405 with
an empty body, as TickTick does for web sessions (seed 001); the batch is the
way to write habits.

`POST /api/v2/habitCheckins` (one check-in; id optional) writes the day's
check-in of the habit: it replaces the check-in with the same id, else the one
with the same habit and `checkinStamp`, else adds one; answers the stored
check-in (unknown habit: 500 `habit_not_found`).
`POST /api/v2/habitCheckins/query` answers every asked habit id, each with its
check-ins after `afterStamp` (exclusive), by date.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call, Reply
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.kinds import CHECKIN, HABIT
from tickspec.server.ids import new_object_id, timestamp
from tickspec.server.store import CHECKINS, HABIT_SECTIONS, HABITS, Store

JsonObject = dict[str, Any]
HABIT_PREFERENCES = "habitPreferences"


def _drop_habit(store: Store, key: str, habit: JsonObject) -> None:
    del habit
    for checkin_id, checkin in store.items(CHECKINS):
        if checkin.get("habitId") == key:
            store.remove(CHECKINS, checkin_id)
    store.remove(HABITS, key)


HABIT_KIND = replace(HABIT, on_delete=_drop_habit)


def _ordered(items: list[JsonObject]) -> list[JsonObject]:
    return sorted(items, key=lambda h: (int(h.get("sortOrder") or 0), str(h.get("id"))))


@handles("getHabits")
def get_habits(call: Call) -> list[JsonObject]:
    return _ordered(call.store.values(HABITS))


@handles("batchHabit")
def batch_habit(call: Call) -> JsonObject:
    return batch.apply(call.store, HABIT_KIND, call.body).body()


@handles("createHabit", "updateHabit", "deleteHabit")
def habit_not_allowed(call: Call) -> Reply:
    del call
    return Reply(status=405, empty=True, headers={"Allow": "GET"})


@handles("batchHabitCheckin")
def batch_checkin(call: Call) -> JsonObject:
    return batch.apply(call.store, CHECKIN, call.body).body()


@handles("createHabitCheckin")
def create_checkin(call: Call) -> JsonObject:
    store, checkin = call.store, {"opTime": timestamp(), **call.body}
    habit_id = str(checkin["habitId"])
    if store.get(HABITS, habit_id) is None:
        raise errors.semantic("habit_not_found", f"habit not found: {habit_id}")
    if not checkin.get("id") or store.get(CHECKINS, checkin["id"]) is None:
        same_day = [
            c
            for c in store.values(CHECKINS)
            if c.get("habitId") == habit_id and c.get("checkinStamp") == checkin["checkinStamp"]
        ]
        checkin["id"] = same_day[0]["id"] if same_day else checkin.get("id") or new_object_id()
    existing = store.get(CHECKINS, checkin["id"])
    batch.write(store, CHECKIN, checkin["id"], checkin, existing)
    stored = store.get(CHECKINS, checkin["id"])
    assert stored is not None
    return stored


@handles("queryHabitCheckins")
def query_checkins(call: Call) -> JsonObject:
    after = int(call.body["afterStamp"])
    found: dict[str, list[JsonObject]] = {str(h): [] for h in call.body["habitIds"]}
    for checkin in call.store.values(CHECKINS):
        habit_id = str(checkin.get("habitId"))
        if habit_id in found and int(checkin.get("checkinStamp", 0)) > after:
            found[habit_id].append(checkin)
    for checkins in found.values():
        checkins.sort(key=lambda c: int(c.get("checkinStamp", 0)))
    return {"checkins": found}


@handles("getHabitSections")
def habit_sections(call: Call) -> list[JsonObject]:
    return _ordered(call.store.values(HABIT_SECTIONS))


@handles("getHabitPreferences")
def habit_preferences(call: Call) -> JsonObject:
    return call.store.document(HABIT_PREFERENCES)
