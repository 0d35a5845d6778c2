"""The newest Dida365 Open API doc's example bodies, for the captures of open_api_v2.

The doc's own 24-hex ids are kept; its placeholders (`group-1`, `habit-1`, `comment-1`,
`habit-etag`, ...) become realistic 24-hex ids and 8-character etags, since the Open API
serves the web API's objects, whose ids are ObjectIds.
"""

from __future__ import annotations

PROJECT = "6226ff9877acee87727f6bca"  # the doc's ids
PROJECT2 = "69a850f41c20d2030e148fdf"
PROJECT_FROM = "69a850ef1c20d2030e148fdd"
TASK = "63b7bebb91c0a5474805fcd4"
TASK2 = "69a850f8b9061f374d54a046"
TASK3 = "69a85785b9061f3c217e9de6"
GROUP = "6436176a47fd2e05f26ef56e"  # the doc's project groupId, for its "group-1"
COLUMN = "6226ff9e76e5fc39f2862d1b"  # the doc's column id, for its "column-1"
COMMENT = "69d4c8a0b9061f2a1c3e5d01"  # the rest stand for the doc's placeholders
FOCUS = "69d4c9f4b9061f2a1c3e5d02"
HABIT = "69d4ca30b9061f2a1c3e5d03"
HABIT2 = "69d4ca30b9061f2a1c3e5d04"
SECTION = "69d4ca6cb9061f2a1c3e5d05"
COUNTDOWN = "69d4caa8b9061f2a1c3e5d06"

DOC_TASK = {
    "id": TASK,
    "isAllDay": True,
    "projectId": PROJECT,
    "title": "Task Title",
    "content": "Task Content",
    "desc": "Task Description",
    "timeZone": "America/Los_Angeles",
    "repeatFlag": "RRULE:FREQ=DAILY;INTERVAL=1",
    "startDate": "2019-11-13T03:00:00+0000",
    "dueDate": "2019-11-14T03:00:00+0000",
    "reminders": ["TRIGGER:P0DT9H0M0S", "TRIGGER:PT0S"],
    "tags": ["work", "urgent"],
    "priority": 1,
    "status": 0,
    "sortOrder": 12345,
}
COMPLETED = {
    "id": TASK2,
    "projectId": PROJECT2,
    "sortOrder": -1099511627776,
    "title": "update",
    "content": "",
    "timeZone": "America/Los_Angeles",
    "isAllDay": False,
    "priority": 0,
    "completedTime": "2026-03-04T23:58:20.000+0000",
    "status": 2,
    "etag": "t3kc5m5f",
    "kind": "TEXT",
}
FILTERED = [
    {
        "id": TASK3,
        "projectId": PROJECT2,
        "sortOrder": -2199023255552,
        "title": "task1",
        "content": "",
        "desc": "",
        "startDate": "2026-03-05T00:00:00.000+0000",
        "dueDate": "2026-03-05T00:00:00.000+0000",
        "timeZone": "America/Los_Angeles",
        "isAllDay": False,
        "priority": 0,
        "status": 0,
        "tags": ["tag"],
        "etag": "cic6e3cg",
        "kind": "TEXT",
    },
    {
        "id": "69a8ea79b9061f4d803f6b32",
        "projectId": PROJECT2,
        "sortOrder": -3298534883328,
        "title": "task2",
        "content": "",
        "startDate": "2026-03-05T00:00:00.000+0000",
        "dueDate": "2026-03-05T00:00:00.000+0000",
        "timeZone": "America/Los_Angeles",
        "isAllDay": False,
        "priority": 0,
        "status": 0,
        "tags": ["tag"],
        "etag": "0nvpcxzh",
        "kind": "TEXT",
    },
]
COMMENT_BODY = {
    "id": COMMENT,
    "title": "Comment text",
    "createdTime": "2026-04-07T09:00:00+0000",
    "modifiedTime": "2026-04-07T09:00:00+0000",
}
HABIT_BODY = {
    "id": HABIT,
    "name": "Read",
    "iconRes": "habit_reading",
    "color": "#4D8CF5",
    "sortOrder": 12345,
    "status": 0,
    "encouragement": "Keep going",
    "totalCheckIns": 12,
    "createdTime": "2024-01-01T00:00:00+0000",
    "modifiedTime": "2024-01-08T00:00:00+0000",
    "type": "Boolean",
    "goal": 1.0,
    "step": 1.0,
    "unit": "Count",
    "etag": "p4r8t2wd",
    "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
    "reminders": [],
    "recordEnable": False,
    "sectionId": SECTION,
    "targetDays": 0,
    "targetStartDate": 20240101,
    "completedCycles": 12,
    "exDates": [],
    "style": 0,
}
HABIT_NEW = {
    "name": "Read",
    "iconRes": "habit_reading",
    "color": "#4D8CF5",
    "type": "Boolean",
    "goal": 1.0,
    "step": 1.0,
    "unit": "Count",
    "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
    "recordEnable": False,
}
CHECKIN = {
    "habitId": HABIT,
    "year": 2026,
    "checkins": [{"stamp": 20260407, "value": 1.0, "goal": 1.0}],
}
