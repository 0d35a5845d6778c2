"""Habits: batch create/update, check-ins (partial, then complete), queries, and
the REST habit endpoints that answer 405.

`batchHabit-*` and `habit-checkin-partial` / `-complete` are seed 003 verbatim;
each check-in capture holds the web app's two calls (habit update, then the
check-in). `createHabit-405`, `updateHabit-405` and `deleteHabit-405` are seed
001's finding that these answer 405 with cookie auth.
"""

from __future__ import annotations

from .common import HABIT, Captures, call, get, ok, post

SECTION = "6940c47c16b2c87db11a567f"
CHECKIN = "696b90862c6f3277d1cc451e"
HABIT_BODY = {  # seed 003, verbatim
    "color": "#97E38B",
    "iconRes": "habit_daily_check_in",
    "createdTime": "2026-01-17T13:36:16.000+0000",
    "encouragement": "",
    "etag": "",
    "goal": 5,
    "id": HABIT,
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
    "sectionId": SECTION,
    "targetDays": 100,
    "targetStartDate": 20260117,
    "completedCycles": 0,
    "exDates": [],
    "currentStreak": 0,
    "style": 1,
}
HABIT_UPDATE = {**HABIT_BODY, "modifiedTime": "2026-01-17T13:37:49.000+0000"}
HABIT_DONE = {
    **HABIT_BODY,
    "etag": "sln4qiy2",
    "modifiedTime": "2026-01-17T13:39:00.000+0000",
    "totalCheckIns": 1,
    "currentStreak": 1,
}
CHECKIN_PARTIAL = {
    "checkinStamp": 20260116,
    "opTime": "2026-01-17T13:37:49.000+0000",
    "goal": 5,
    "habitId": HABIT,
    "id": CHECKIN,
    "status": 0,
    "value": 1,
}
CHECKIN_DONE = {
    "checkinStamp": 20260116,
    "checkinTime": "2026-01-17T13:39:00.000+0000",
    "opTime": "2026-01-17T13:39:00.000+0000",
    "goal": 5,
    "habitId": HABIT,
    "id": CHECKIN,
    "status": 2,
    "value": 5,
}
SECTION_BODY = {
    "id": SECTION,
    "name": "_morning",
    "sortOrder": 0,
    "createdTime": "2025-12-16T02:35:08.000+0000",
    "modifiedTime": "2025-12-16T02:35:08.000+0000",
    "etag": "d0kq2m8z",
}


def scenarios() -> Captures:
    return {
        "getHabits": [get("/api/v2/habits", [{**HABIT_DONE, "etag": "jitu6mpc"}])],
        "batchHabit-create": [
            post(
                "/api/v2/habits/batch",
                {"add": [HABIT_BODY], "update": [], "delete": []},
                ok(**{HABIT: "0wmx5gyn"}),
            )
        ],
        "batchHabit-update": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_UPDATE], "delete": []},
                ok(**{HABIT: "qaf97ag9"}),
            )
        ],
        "habit-checkin-partial": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_UPDATE], "delete": []},
                ok(**{HABIT: "qaf97ag9"}),
            ),
            post(
                "/api/v2/habitCheckins/batch",
                {"add": [CHECKIN_PARTIAL], "update": [], "delete": []},
                ok(),
            ),
        ],
        "habit-checkin-complete": [
            post(
                "/api/v2/habits/batch",
                {"add": [], "update": [HABIT_DONE], "delete": []},
                ok(**{HABIT: "jitu6mpc"}),
            ),
            post(
                "/api/v2/habitCheckins/batch",
                {"add": [], "update": [CHECKIN_DONE], "delete": []},
                ok(),
            ),
        ],
        "createHabit-405": [call("POST", "/api/v2/habits", HABIT_BODY, status=405)],
        "updateHabit-405": [call("PUT", f"/api/v2/habits/{HABIT}", HABIT_UPDATE, status=405)],
        "deleteHabit-405": [call("DELETE", f"/api/v2/habits/{HABIT}", status=405)],
        "createHabitCheckin": [post("/api/v2/habitCheckins", CHECKIN_PARTIAL, {**CHECKIN_PARTIAL})],
        "queryHabitCheckins": [
            post(
                "/api/v2/habitCheckins/query",
                {"habitIds": [HABIT], "afterStamp": 20260101},
                {"checkins": {HABIT: [CHECKIN_DONE]}},
            )
        ],
        "getHabitSections": [get("/api/v2/habitSections", [SECTION_BODY])],
        "getHabitPreferences": [
            get(
                "/api/v2/user/preferences/habit",
                {
                    "showInCalendar": True,
                    "showInToday": True,
                    "enabled": True,
                    "defaultSection": "_morning",
                },
                [("platform", "web")],
            )
        ],
    }
