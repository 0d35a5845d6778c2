"""Focus (pomodoro): records, the statistics computed from them, timers, the focus timer.

Records are kept in one store document (`focusRecords`, id -> record), written
by `batch/pomodoro` and by finishing a session through `focusOp`. The
statistics are computed from them: minutes per day (heatmap, by the record's
UTC start day), per project, tag and task (distribution), per hour (clock).
`focusOp` keeps the running session in a document too: `start` opens it,
`pause`/`continue` mark it, `finish` turns it into a record, `drop`/`exit`
discard it; every call advances `point`, the next call's `lastPoint`.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from tickspec.server.context import Call
from tickspec.server.errors import ApiError
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.listings import DEFAULT_LIMIT, parse_time
from tickspec.server.ids import new_etag, new_object_id, now_ms, timestamp
from tickspec.server.store import PROJECTS, TASKS, Store

JsonObject = dict[str, Any]
RECORDS = "focusRecords"
TIMER = "focusTimer"
TIMERS = "focusTimers"


def records(store: Store) -> dict[str, JsonObject]:
    return store.document(RECORDS)


def _minutes(record: JsonObject) -> int:
    try:
        start = parse_time(str(record["startTime"]), "startTime")
        end = parse_time(str(record["endTime"]), "endTime")
    except (KeyError, ValueError, ApiError):
        return 0
    seconds = (end - start).total_seconds() - int(record.get("pauseDuration") or 0)
    return max(0, round(seconds / 60))


def _start(record: JsonObject) -> datetime | None:
    try:
        return parse_time(str(record["startTime"]), "startTime")
    except (KeyError, ValueError, ApiError):
        return None


def _in_range(call: Call) -> list[JsonObject]:
    first, last = str(call.path["start"]), str(call.path["end"])
    found = []
    for record in records(call.store).values():
        start = _start(record)
        if start is not None and first <= start.strftime("%Y%m%d") <= last:
            found.append(record)
    return found


@handles("getFocusHeatmap")
def heatmap(call: Call) -> list[JsonObject]:
    per_day: Counter[str] = Counter()
    for record in _in_range(call):
        start = _start(record)
        if start is not None:
            per_day[start.strftime("%Y%m%d")] += _minutes(record)
    return [{"day": d, "duration": m, "timezone": "UTC"} for d, m in sorted(per_day.items())]


@handles("getFocusDistribution")
def distribution(call: Call) -> JsonObject:
    projects: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    tasks: Counter[str] = Counter()
    for record in _in_range(call):
        minutes = _minutes(record)
        for focused in record.get("tasks") or []:
            task = call.store.get(TASKS, str(focused.get("taskId"))) or {}
            tasks[str(focused.get("taskId"))] += minutes
            if task.get("projectId"):
                projects[str(task["projectId"])] += minutes
            for tag in task.get("tags") or []:
                tags[str(tag)] += minutes
    return {
        "projectDurations": dict(projects),
        "tagDurations": dict(tags),
        "taskDurations": dict(tasks),
    }


@handles("getFocusClockDistribution", "getFocusClockByDay")
def clock(call: Call) -> JsonObject:
    by_day = call.op.operation_id == "getFocusClockByDay"
    minutes: Counter[str] = Counter()
    for record in _in_range(call):
        start = _start(record)
        if start is not None:
            minutes[start.strftime("%Y%m%d") if by_day else str(start.hour)] += _minutes(record)
    return dict(sorted(minutes.items()))


@handles("getFocusGeneralStatistics")
def general(call: Call) -> JsonObject:
    today = datetime.now(tz=UTC).strftime("%Y%m%d")
    every = list(records(call.store).values())
    todays = [r for r in every if (s := _start(r)) is not None and s.strftime("%Y%m%d") == today]
    return {
        "todayPomoCount": len(todays),
        "todayPomoDuration": sum(_minutes(r) for r in todays),
        "totalPomoCount": len(every),
        "totalPomoDuration": sum(_minutes(r) for r in every),
    }


@handles("getFocusTimeline")
def timeline(call: Call) -> list[JsonObject]:
    before = call.query.get("to")
    found = []
    for record in records(call.store).values():
        start = _start(record)
        if start is None or (before is not None and start.timestamp() * 1000 >= int(before)):
            continue
        found.append((start, record))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [record for _, record in found[:DEFAULT_LIMIT]]


@handles("getFocusTimers")
def timers(call: Call) -> list[JsonObject]:
    return list(call.store.document(TIMERS).values())


@handles("batchFocusRecords")
def batch_records(call: Call) -> JsonObject:
    stored = records(call.store)
    id2etag: dict[str, str] = {}
    id2error: dict[str, str] = {}
    for name in ("add", "update"):
        for raw in call.body.get(name) or []:
            old = stored.get(str(raw["id"]))
            if name == "update" and old is None:
                id2error[str(raw["id"])] = "POMODORO_NOT_FOUND"
                continue
            record = {**raw, "etag": new_etag(old.get("etag") if old else None)}
            stored[str(raw["id"])] = record
            id2etag[str(raw["id"])] = record["etag"]
    for record_id in call.body.get("delete") or []:
        stored.pop(str(record_id), None)
    call.store.set_document(RECORDS, stored)
    return {"id2etag": id2etag, "id2error": id2error}


@handles("deleteFocusRecord")
def delete_record(call: Call) -> None:
    stored = records(call.store)
    stored.pop(str(call.path["pomodoroId"]), None)
    call.store.set_document(RECORDS, stored)


def _finish(store: Store, current: JsonObject, when: str) -> None:
    record: JsonObject = {
        "id": str(current["id"]),
        "startTime": current["startTime"],
        "endTime": when,
        "status": 1,
        "pauseDuration": 0,
        "note": str(current.get("note") or ""),
        "tasks": [],
        "etag": new_etag(),
    }
    task = store.get(TASKS, str(current.get("focusOnId") or ""))
    if task is not None:
        project = store.get(PROJECTS, str(task.get("projectId"))) or {}
        record["tasks"] = [
            {
                "taskId": task["id"],
                "title": str(task.get("title") or ""),
                "projectName": str(project.get("name") or "Inbox"),
                "startTime": current["startTime"],
                "endTime": when,
            }
        ]
    stored = records(store)
    stored[record["id"]] = record
    store.set_document(RECORDS, stored)


@handles("focusOp")
def focus_op(call: Call) -> JsonObject:
    state = call.store.document(TIMER)
    current: JsonObject | None = state.get("current")
    for step in call.body["opList"]:
        op, when = str(step["op"]), timestamp()
        if op == "start":
            current = {
                "id": str(step.get("oId") or new_object_id()),
                "startTime": when,
                "status": 0,
                "duration": step.get("duration", 25),
                "focusOnId": step.get("focusOnId") or "",
                "note": step.get("note") or "",
            }
        elif current is not None and op in ("pause", "continue"):
            current = {**current, "status": 1 if op == "pause" else 0}
        elif current is not None and op == "finish":
            _finish(call.store, current, when)
            current = None
        elif op in ("drop", "exit"):
            current = None
    point = max(now_ms(), int(state.get("point") or 0) + 1)
    call.store.set_document(TIMER, {"current": current, "point": point})
    return {"point": point, "current": current, "updates": []}
