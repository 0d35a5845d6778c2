"""What a fresh store holds: default settings always, demo data on request.

Seed objects go through the same batch writer as client writes, so they carry
the same server fields (etags, defaults) and show up in the change log.
"""

from __future__ import annotations

from typing import Any

from tickspec.server.context import Seeder, ServerState
from tickspec.server.handlers import batch
from tickspec.server.handlers.habits import HABIT_PREFERENCES
from tickspec.server.handlers.kinds import (
    CHECKIN,
    COLUMN,
    FILTER,
    HABIT,
    PROJECT,
    PROJECT_GROUP,
    TAG,
    TASK,
)
from tickspec.server.ids import date_stamp, new_etag, new_object_id, timestamp
from tickspec.server.store import HABIT_SECTIONS, SETTINGS

JsonObject = dict[str, Any]
STEP = 1099511627776
"""TickTick's sortOrder step (2^40)."""


def base(state: ServerState) -> None:
    """Singletons every account has: settings, habit preferences, the 3 habit sections."""
    store = state.store
    store.set_document(
        SETTINGS,
        {
            "id": new_object_id(),  # ticktick-py reads it as the profile id
            "timeZone": "Europe/Istanbul",
            "locale": "en_US",
            "startDayOfWeek": 1,
            "dateFormat": None,
            "timeFormat": "24hour",
            "defaultPriority": 0,
            "defaultProjectId": None,
            "defaultReminders": ["TRIGGER:PT0S"],
            "theme": None,
            "sortTypeOfInbox": "sortOrder",
            "etag": new_etag(),
        },
    )
    store.set_document(
        HABIT_PREFERENCES,
        {
            "showInCalendar": True,
            "showInToday": True,
            "enabled": True,
            "defaultSection": None,
            "displayMode": None,
        },
    )
    for n, name in enumerate(("_morning", "_afternoon", "_night")):
        section_id = new_object_id()
        store.put(
            HABIT_SECTIONS,
            section_id,
            {
                "id": section_id,
                "name": name,
                "sortOrder": n * STEP,
                "createdTime": timestamp(),
                "modifiedTime": timestamp(),
                "etag": new_etag(),
            },
        )


def _task(project_id: str, title: str, n: int, **fields: Any) -> JsonObject:
    return {
        "id": new_object_id(),
        "projectId": project_id,
        "title": title,
        "content": "",
        "sortOrder": -n * STEP,
        "timeZone": "Europe/Istanbul",
        "isAllDay": False,
        "isFloating": False,
        **fields,
    }


def _item(title: str, status: int, n: int) -> JsonObject:
    """A checklist item with every field the Open API answers (pyticktick requires them)."""
    item: JsonObject = {"id": new_object_id(), "title": title, "status": status}
    item.update(isAllDay=False, sortOrder=n * STEP, timeZone="Europe/Istanbul")
    if status == 1:
        item["completedTime"] = timestamp()
    return item


def demo(state: ServerState) -> None:
    """Two projects in a folder, tags, five tasks (one done), a filter, two habits."""
    store = state.store
    group: JsonObject = {"id": new_object_id(), "name": "Personal"}
    work: JsonObject = {
        "id": new_object_id(),
        "name": "Work",
        "color": "#4CA1FF",
        "viewMode": "kanban",
    }
    home: JsonObject = {
        "id": new_object_id(),
        "name": "Home",
        "groupId": group["id"],
        "sortOrder": STEP,
    }
    doing: JsonObject = {"id": new_object_id(), "projectId": work["id"], "name": "Doing"}
    for kind, obj in ((PROJECT_GROUP, group), (PROJECT, work), (PROJECT, home), (COLUMN, doing)):
        batch.write(store, kind, obj["id"], obj, None)
    for tag in (
        {"name": "errands", "label": "Errands"},
        {"name": "work", "label": "Work"},
        {"name": "urgent", "label": "Urgent", "parent": "work"},  # names hold no "/"
    ):
        batch.write(store, TAG, tag["name"], {**tag, "rawName": tag["name"]}, None)
    tasks = [
        _task(
            store.inbox_id,
            "Buy groceries",
            1,
            tags=["errands"],
            priority=3,
            items=[_item("Milk", 0, 0), _item("Bread", 1, 1)],
        ),
        _task(
            work["id"],
            "Write the quarterly report",
            2,
            tags=["urgent"],
            priority=5,
            columnId=doing["id"],
            dueDate=timestamp(),
        ),
        _task(
            work["id"],
            "Review pull requests",
            3,
            tags=["work"],
            repeatFlag="RRULE:FREQ=DAILY;INTERVAL=1",
            repeatFrom="2",
        ),
        _task(home["id"], "Fix the bike", 4),
        _task(
            home["id"],
            "Call the plumber",
            5,
            status=2,
            completedTime=timestamp(),
            completedUserId=store.user_id,
        ),
    ]
    for task in tasks:
        batch.write(store, TASK, task["id"], task, None)
    rule = '{"and":[{"or":[5,3],"conditionType":1,"conditionName":"priority"}],"type":0}'
    flt = {"id": new_object_id(), "name": "Important", "rule": rule}
    batch.write(store, FILTER, flt["id"], flt, None)
    for n, (name, habit_type, goal) in enumerate(
        (("Read", "Boolean", 1), ("Drink water", "Real", 8))
    ):
        habit: JsonObject = {
            "id": new_object_id(),
            "name": name,
            "color": "#97E38B",
            "iconRes": "habit_daily_check_in",
            "type": habit_type,
            "goal": goal,
            "step": 1,
            "unit": "Count",
            "style": 1,
            "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
            "reminders": ["20:00"],
            "exDates": [],
            "sortOrder": n * STEP,
            "encouragement": "",
            "recordEnable": False,
            "targetDays": 0,
            "targetStartDate": date_stamp(),
            "completedCycles": 0,
            "sectionId": None,
        }
        batch.write(store, HABIT, habit["id"], habit, None)
        checkin: JsonObject = {
            "id": new_object_id(),
            "habitId": habit["id"],
            "checkinStamp": date_stamp(),
            "goal": goal,
            "value": 1,
            "status": 2 if goal == 1 else 0,
        }
        batch.write(store, CHECKIN, checkin["id"], checkin, None)


def seeder(with_demo: bool) -> Seeder:
    def run(state: ServerState) -> None:
        base(state)
        if with_demo:
            demo(state)

    return run
