"""Settings, statistics, and the listings the server has nothing for.

* settings: `GET` answers the stored document; `POST` MERGES the body into it
  (keys left out keep their value, so a client may send only what it changes),
  gives it a new `etag` and answers the result.
* statistics: computed from the store: completed tasks in total, today and
  yesterday (UTC, by `completedTime`), tasks completed per day; `score` is 10
  points per completed task, `level` one per 100 points.
* notifications and calendar listings have no handler: the spec declares them
  `x-tickspec-serve: empty-list` (no other users, no linked calendars; served.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from tickspec.server.context import Call
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.listings import COMPLETED
from tickspec.server.ids import new_etag
from tickspec.server.store import SETTINGS, TASKS

JsonObject = dict[str, Any]


@handles("getUserSettings")
def get_settings(call: Call) -> JsonObject:
    return call.store.document(SETTINGS)


@handles("updateUserSettings")
def update_settings(call: Call) -> JsonObject:
    current = call.store.document(SETTINGS)
    merged = {**current, **call.body, "etag": new_etag(current.get("etag"))}
    call.store.set_document(SETTINGS, merged)
    return merged


@handles("getGeneralStatistics")
def statistics(call: Call) -> JsonObject:
    per_day: Counter[str] = Counter()
    for task in call.store.values(TASKS):
        stamp = task.get("completedTime")
        if task.get("status") == COMPLETED and isinstance(stamp, str) and len(stamp) >= 10:
            per_day[stamp[:10].replace("-", "")] += 1
    today = datetime.now(tz=UTC)
    day = today.strftime("%Y%m%d")
    yesterday = (today - timedelta(days=1)).strftime("%Y%m%d")
    total = sum(per_day.values())
    score = 10 * total
    return {
        "score": score,
        "level": score // 100,
        "todayCompleted": per_day[day],
        "yesterdayCompleted": per_day[yesterday],
        "totalCompleted": total,
        "scoreByDay": {d: 10 * n for d, n in sorted(per_day.items())},
        "taskByDay": {
            d: {"completeCount": n, "notCompleteCount": 0} for d, n in sorted(per_day.items())
        },
        "taskByWeek": {},
        "taskByMonth": {},
        # the Pomodoro side: the local server runs no timers, so all zero
        "todayPomoCount": 0,
        "yesterdayPomoCount": 0,
        "totalPomoCount": 0,
        "todayPomoDuration": 0,
        "yesterdayPomoDuration": 0,
        "totalPomoDuration": 0,
        "pomoGoal": 0,
        "pomoDurationGoal": 0,
        "pomoByDay": {},
        "pomoByWeek": {},
        "pomoByMonth": {},
    }
