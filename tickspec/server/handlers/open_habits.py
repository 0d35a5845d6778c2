"""Open API focus records and habits, over the web API's focus records and habits.

* focus: the web's focus records (focus.py), `type` 0 pomodoro or 1 timing. Get
  and delete name the type in the query; a record of the other type is not
  found (500 `focus_not_found`). The list takes `from`/`to`/`type`: a range
  longer than 30 days starts 30 days before `to` (the doc); a record is listed
  when its start falls in the range, newest first. Create takes `type` and
  optionally the task, the note, start and end (the end defaults to now, the
  start to the end minus `duration` seconds, 25 minutes for a pomodoro without
  one); the answer, like get and delete, is the whole record. `duration` is
  the focused seconds (end - start - pauses) unless one was sent.
* habits: the web's; create fills what the web app would (type Boolean, goal
  and step 1, unit Count, daily); update merges the fields sent (an empty
  `name` counts as not sent, the doc). A check-in `{stamp, value=1, goal=1}`
  writes the habit's check-in of that day (status 2 when value reaches the
  goal, else 0) and answers the habit's check-ins of that year. The check-in
  query answers, per habit asked and year, the check-ins in [from, to].
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.focus import RECORDS, records
from tickspec.server.handlers.habits import HABIT_KIND
from tickspec.server.handlers.kinds import CHECKIN
from tickspec.server.handlers.open_api import require_bearer
from tickspec.server.handlers.open_convert import liberal, parse_time, web_time
from tickspec.server.handlers.open_objects import pick
from tickspec.server.handlers.tasks import raise_for
from tickspec.server.ids import new_etag, new_object_id, now_ms, timestamp
from tickspec.server.store import CHECKINS, HABIT_SECTIONS, HABITS, TASKS

JsonObject = dict[str, Any]
FOCUS_DAYS = 30
POMODORO_SECONDS = 25 * 60
FOCUS_FIELDS = (
    "id",
    "userId",
    "type",
    "taskId",
    "note",
    "tasks",
    "status",
    "startTime",
    "endTime",
    "pauseDuration",
    "adjustTime",
    "added",
    "createdTime",
    "modifiedTime",
    "etimestamp",
    "etag",
    "duration",
    "relationType",
)
BRIEF_FIELDS = ("taskId", "title", "habitId", "timerId", "timerName", "startTime", "endTime")
HABIT_FIELDS = (
    "id",
    "name",
    "iconRes",
    "color",
    "sortOrder",
    "status",
    "encouragement",
    "totalCheckIns",
    "createdTime",
    "modifiedTime",
    "archivedTime",
    "type",
    "goal",
    "step",
    "unit",
    "etag",
    "repeatRule",
    "reminders",
    "recordEnable",
    "sectionId",
    "targetDays",
    "targetStartDate",
    "completedCycles",
    "exDates",
    "style",
)
SECTION_FIELDS = ("id", "name", "sortOrder", "createdTime", "modifiedTime", "etag")
HABIT_DEFAULTS: JsonObject = {
    "iconRes": "habit_daily_check_in",
    "color": "#97E38B",
    "status": 0,
    "encouragement": "",
    "type": "Boolean",
    "goal": 1.0,
    "step": 1.0,
    "unit": "Count",
    "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
    "reminders": [],
    "recordEnable": False,
    "targetDays": 0,
    "completedCycles": 0,
    "exDates": [],
    "style": 1,
    "sortOrder": 0,
}


def _focus_type(call: Call) -> int:
    return int(call.query.get("type") or 0)


def _open_focus(call: Call, record: JsonObject) -> JsonObject:
    out = pick(record, FOCUS_FIELDS)
    out["type"] = int(record.get("type") or 0)
    out["userId"] = call.store.user_id
    out["tasks"] = [pick(t, BRIEF_FIELDS) for t in record.get("tasks") or []]
    if out["tasks"] and "taskId" in out["tasks"][0]:
        out.setdefault("taskId", out["tasks"][0]["taskId"])
    out.setdefault("pauseDuration", 0)
    if "duration" not in out and "startTime" in out and "endTime" in out:
        span = parse_time(out["endTime"], "endTime") - parse_time(out["startTime"], "startTime")
        out["duration"] = max(0, int(span.total_seconds()) - int(out["pauseDuration"]))
    return out


def _focus(call: Call) -> JsonObject:
    focus_id = str(call.path["focusId"])
    record = records(call.store).get(focus_id)
    if record is None or int(record.get("type") or 0) != _focus_type(call):
        raise errors.semantic("focus_not_found", f"focus not found: {focus_id}")
    return record


@handles("openGetFocus")
def get_focus(call: Call) -> JsonObject:
    require_bearer(call)
    return _open_focus(call, _focus(call))


@handles("openDeleteFocus")
def delete_focus(call: Call) -> JsonObject:
    require_bearer(call)
    record = _focus(call)
    stored = records(call.store)
    stored.pop(str(record["id"]), None)
    call.store.set_document(RECORDS, stored)
    return _open_focus(call, record)


def _query_time(call: Call, name: str) -> datetime:
    """A time from the query: an unencoded `+0800` arrives as ` 0800` (`+` is a space)."""
    return parse_time(str(call.query[name]).replace(" ", "+"), name)


@handles("openListFocuses")
def list_focuses(call: Call) -> list[JsonObject]:
    require_bearer(call)
    end = _query_time(call, "to")
    start = max(_query_time(call, "from"), end - timedelta(days=FOCUS_DAYS))
    kind = _focus_type(call)
    found = []
    for record in records(call.store).values():
        if int(record.get("type") or 0) != kind or not isinstance(record.get("startTime"), str):
            continue
        began = parse_time(record["startTime"], "startTime")
        if start <= began <= end:
            found.append((began, record))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [_open_focus(call, record) for _, record in found]


def _brief(call: Call, task_id: str, start: str, end: str) -> list[JsonObject]:
    task = call.store.get(TASKS, task_id)
    if task is None:
        return [{"taskId": task_id, "startTime": start, "endTime": end}]
    return [
        {
            "taskId": task_id,
            "title": str(task.get("title") or ""),
            "startTime": start,
            "endTime": end,
        }
    ]


@handles("openCreateFocus")
def create_focus(call: Call) -> JsonObject:
    require_bearer(call)
    body = liberal(call.body)
    kind = int(body["type"])
    end = web_time(body.get("endTime")) or timestamp()
    pause = int(body.get("pauseDuration") or 0)
    seconds = int(body.get("duration") or (POMODORO_SECONDS if kind == 0 else 0))
    start = web_time(body.get("startTime"))
    if start is None:
        began = parse_time(end, "endTime") - timedelta(seconds=seconds + pause)
        start = timestamp(int(began.timestamp() * 1000))
    now = timestamp()
    record: JsonObject = {
        "id": new_object_id(),
        "type": kind,
        "startTime": start,
        "endTime": end,
        "status": 1,
        "pauseDuration": pause,
        "adjustTime": 0,
        "added": True,
        "note": str(body.get("note") or ""),
        "tasks": _brief(call, str(body["taskId"]), start, end) if body.get("taskId") else [],
        "createdTime": now,
        "modifiedTime": now,
        "etimestamp": now_ms(),
        "etag": new_etag(),
        "relationType": list(body.get("relationType") or []),
    }
    if "duration" in body:
        record["duration"] = int(body["duration"])
    stored = records(call.store)
    stored[record["id"]] = record
    call.store.set_document(RECORDS, stored)
    return _open_focus(call, record)


def _habit(call: Call, habit_id: str) -> JsonObject:
    habit = call.store.get(HABITS, habit_id)
    if habit is None:
        raise errors.semantic("habit_not_found", f"habit not found: {habit_id}")
    return habit


def _ordered(items: list[JsonObject]) -> list[JsonObject]:
    return sorted(items, key=lambda h: (int(h.get("sortOrder") or 0), str(h.get("id"))))


@handles("openGetHabit")
def get_habit(call: Call) -> JsonObject:
    require_bearer(call)
    return pick(_habit(call, str(call.path["habitId"])), HABIT_FIELDS)


@handles("openListHabits")
def list_habits(call: Call) -> list[JsonObject]:
    require_bearer(call)
    return [pick(h, HABIT_FIELDS) for h in _ordered(call.store.values(HABITS))]


@handles("openListHabitSections")
def list_sections(call: Call) -> list[JsonObject]:
    require_bearer(call)
    return [pick(s, SECTION_FIELDS) for s in _ordered(call.store.values(HABIT_SECTIONS))]


def _habit_body(call: Call) -> JsonObject:
    body = {k: v for k, v in liberal(call.body).items() if k in HABIT_FIELDS and k != "id"}
    if body.get("name") == "":
        body.pop("name")
    for name in ("createdTime", "modifiedTime", "archivedTime"):
        if name in body:
            body[name] = web_time(body[name])
    return body


@handles("openCreateHabit")
def create_habit(call: Call) -> JsonObject:
    require_bearer(call)
    today = int(datetime.now(tz=UTC).strftime("%Y%m%d"))
    habit = {**HABIT_DEFAULTS, "targetStartDate": today, **_habit_body(call)}
    habit["id"] = new_object_id()
    result = batch.apply(call.store, HABIT_KIND, {"add": [habit]})
    raise_for(result, str(habit["id"]))
    return pick(_habit(call, str(habit["id"])), HABIT_FIELDS)


@handles("openUpdateHabit")
def update_habit(call: Call) -> JsonObject:
    require_bearer(call)
    habit_id = str(call.path["habitId"])
    _habit(call, habit_id)
    changes = {**_habit_body(call), "id": habit_id, "modifiedTime": timestamp()}
    raise_for(batch.apply(call.store, HABIT_KIND, {"update": [changes]}), habit_id)
    return pick(_habit(call, habit_id), HABIT_FIELDS)


def _year_doc(habit_id: str, year: int, checkins: list[JsonObject]) -> JsonObject:
    entries = []
    for c in sorted(checkins, key=lambda c: int(c.get("checkinStamp") or 0)):
        entry = {"id": c.get("id"), "stamp": c.get("checkinStamp"), "value": c.get("value")}
        entry.update(goal=c.get("goal"), status=c.get("status"))
        entry.update(time=c.get("checkinTime"), opTime=c.get("opTime"))
        entries.append({k: v for k, v in entry.items() if v is not None})
    return {"habitId": habit_id, "year": year, "checkins": entries}


def _checkins(call: Call, habit_id: str) -> list[JsonObject]:
    return [c for c in call.store.values(CHECKINS) if c.get("habitId") == habit_id]


@handles("openCheckinHabit")
def checkin_habit(call: Call) -> JsonObject:
    require_bearer(call)
    habit_id = str(call.path["habitId"])
    _habit(call, habit_id)
    body = liberal(call.body)
    stamp = int(body["stamp"])
    value, goal = float(body.get("value", 1.0)), float(body.get("goal", 1.0))
    same_day = [c for c in _checkins(call, habit_id) if c.get("checkinStamp") == stamp]
    checkin: JsonObject = {
        "id": same_day[0]["id"] if same_day else new_object_id(),
        "habitId": habit_id,
        "checkinStamp": stamp,
        "value": value,
        "goal": goal,
        "status": int(body.get("status", 2 if value >= goal else 0)),
        "opTime": web_time(body.get("opTime")) or timestamp(),
    }
    if body.get("time"):
        checkin["checkinTime"] = web_time(body["time"])
    existing = call.store.get(CHECKINS, checkin["id"])
    batch.write(call.store, CHECKIN, checkin["id"], checkin, existing)
    year = [
        c for c in _checkins(call, habit_id) if int(c["checkinStamp"]) // 10000 == stamp // 10000
    ]
    return _year_doc(habit_id, stamp // 10000, year)


@handles("openListHabitCheckins")
def list_checkins(call: Call) -> list[JsonObject]:
    require_bearer(call)
    ids = [h.strip() for h in str(call.query["habitIds"]).split(",") if h.strip()]
    first, last = int(call.query["from"]), int(call.query["to"])
    out: list[JsonObject] = []
    for habit_id in dict.fromkeys(ids):
        years: dict[int, list[JsonObject]] = {}
        for c in _checkins(call, habit_id):
            if first <= int(c.get("checkinStamp") or 0) <= last:
                years.setdefault(int(c["checkinStamp"]) // 10000, []).append(c)
        out.extend(_year_doc(habit_id, year, found) for year, found in sorted(years.items()))
    return out
