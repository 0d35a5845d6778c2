"""Each collection's batch rules: its key, the fields the server owns, its defaults.

Defaults are what the real server answers for a field a client left out (seed
000's task has `deleted: 0`, `creator`, `etag`); they are filled in on add only,
since an update replaces the whole object. Owned fields are set on every write.
"""

from __future__ import annotations

from typing import Any

from tickspec.server.handlers.batch import Kind, touch
from tickspec.server.ids import timestamp
from tickspec.server.store import (
    CHECKINS,
    COLUMNS,
    FILTERS,
    HABITS,
    PROJECT_GROUPS,
    PROJECTS,
    TAGS,
    TASKS,
    TRASH,
    Store,
    time_zone,
)

JsonObject = dict[str, Any]


def _task_owned(store: Store, task: JsonObject, existing: JsonObject | None) -> JsonObject:
    """creator, deleted: 0, and for a closed task (2 done, -1 won't do) who/when, if missing."""
    creator = existing.get("creator", store.user_id) if existing else store.user_id
    owned: JsonObject = {"creator": creator, "deleted": 0}
    if task.get("status") in (2, -1):
        if not task.get("completedTime"):
            owned["completedTime"] = timestamp()
        if task.get("completedUserId") is None:
            owned["completedUserId"] = store.user_id
    return owned


def _task_defaults(store: Store) -> JsonObject:
    """Seed 000's task as the server answers it has status 0, priority 0, items [],
    reminders [] and kind "TEXT"; the web app's tasks (seed 002) carry tags []. Every
    real task answer also carries isFloating, isAllDay, sortOrder and timeZone
    (fixtures_har/real/tpy18-getTask.har, tpy-getTask-subtask.har; pyticktick 0.3.0's
    live-tested TaskV2 requires them), so a task added with only a title gets them too:
    not floating, not all-day, sortOrder 0 (what the Open API doc's examples show for a
    task nobody ordered) and the account's time zone."""
    return {
        "status": 0,
        "priority": 0,
        "tags": [],
        "items": [],
        "reminders": [],
        "kind": "TEXT",
        "isFloating": False,
        "isAllDay": False,
        "sortOrder": 0,
        "timeZone": time_zone(store),
    }


def trash_task(store: Store, key: str, task: JsonObject) -> None:
    """Deleting a task moves it to the trash (deleted: 1) and logs a deletion for sync."""
    store.remove(TASKS, key)
    touch(store, TRASH, key, {**task, "deleted": 1, "modifiedTime": timestamp()})


def _untrash(store: Store, key: str) -> None:
    """A deleted task's id added again is the task restored: it leaves the trash."""
    if store.get(TRASH, key) is not None:
        store.remove(TRASH, key)


def _task_delete_key(ref: Any) -> str:
    return str(ref["taskId"]) if isinstance(ref, dict) else str(ref)


TASK = Kind(
    collection=TASKS,
    label="TASK",
    schema="task.json",
    defaults=_task_defaults,
    owned=_task_owned,
    delete_key=_task_delete_key,
    on_delete=trash_task,
    time_fields=("createdTime", "modifiedTime"),
    after_write=_untrash,
)


def _project_defaults(store: Store) -> JsonObject:
    del store
    return {
        "color": None,
        "sortOrder": 0,
        "sortType": "sortOrder",
        "viewMode": "list",
        "kind": "TASK",
        "groupId": None,
        "closed": None,
        "inAll": True,
        "isOwner": True,
        "muted": False,
        "userCount": 1,
        "permission": None,
        "teamId": None,
        # named by pyticktick's ProjectV2 (issue 8); what an ordinary list answers
        "background": None,
        "sortOption": None,
        "timeline": None,
        "barcodeNeedAudit": False,
        "needAudit": True,
        "openToTeam": False,
        "teamMemberPermission": None,
        "transferred": None,
        "notificationOptions": None,
        "source": 1,
        "showType": None,
        "reminderType": None,
    }


def _project_prepare(project: JsonObject) -> JsonObject:
    """`groupId: "NONE"` (pyticktick 0.3.0's way to take a list out of its folder) is
    answered as null, the only form project.json allows for "no folder"."""
    if project.get("groupId") == "NONE":
        return {**project, "groupId": None}
    return project


PROJECT = Kind(
    collection=PROJECTS,
    label="PROJECT",
    schema="project.json",
    defaults=_project_defaults,
    time_fields=("modifiedTime",),
    prepare=_project_prepare,
)


def _group_owned(store: Store, group: JsonObject, existing: JsonObject | None) -> JsonObject:
    del group, existing
    return {"userId": store.user_id, "deleted": 0}


def _group_defaults(store: Store) -> JsonObject:
    """The fields pyticktick 0.3.0's live-tested ProjectGroupV2 requires (showAll,
    sortOrder, sortType, teamId, timeline, background) with an ordinary folder's values."""
    del store
    return {
        "showAll": True,
        "sortOrder": 0,
        "sortType": "project",
        "viewMode": None,
        "teamId": None,
        "background": None,
        "sortOption": None,
        "timeline": None,
    }


def _group_prepare(group: JsonObject) -> JsonObject:
    """`listType: "group"` is part of the creation request (ticktick-sdk 0.4.3 sends it);
    the real server does not answer it: pyticktick 0.3.0's ProjectGroupV2, tested
    against the live service and forbidding unknown fields, has no such field."""
    return {k: v for k, v in group.items() if k != "listType"}


PROJECT_GROUP = Kind(
    collection=PROJECT_GROUPS,
    label="PROJECT_GROUP",
    schema="project-group.json",
    defaults=_group_defaults,
    owned=_group_owned,
    prepare=_group_prepare,
)


def _tag_defaults(store: Store) -> JsonObject:
    del store
    return {
        "sortOrder": 0,
        "sortType": "project",
        "color": None,
        "parent": None,
        "type": 1,
        "sortOption": None,
        "timeline": None,
    }


def _tag_prepare(tag: JsonObject) -> JsonObject:
    """A tag is always answered with `label` and `rawName` (pyticktick 0.3.0's TagV2,
    tested against the live service, requires both); when a client leaves them out they
    are the name, as pyticktick itself fills a missing rawName (UpdateTagV2). Inferred."""
    name = tag.get("name")
    if not isinstance(name, str):
        return tag
    return {"label": name, "rawName": name, **tag}


TAG = Kind(
    collection=TAGS,
    label="TAG",
    schema="tag.json",
    key_field="name",
    prepare=_tag_prepare,
    defaults=_tag_defaults,
)

FILTER = Kind(
    collection=FILTERS,
    label="FILTER",
    schema="filter.json",
    defaults=lambda store: {"sortOrder": 0, "sortType": "project", "viewMode": "list"},
    time_fields=("createdTime", "modifiedTime"),
)


def _column_delete_key(ref: Any) -> str:
    if isinstance(ref, dict):
        return str(ref.get("columnId") or ref.get("id"))
    return str(ref)


COLUMN = Kind(
    collection=COLUMNS,
    label="COLUMN",
    schema="column.json",
    upsert=True,
    defaults=lambda store: {"sortOrder": 0},
    delete_key=_column_delete_key,
    time_fields=("createdTime", "modifiedTime"),
)

HABIT = Kind(
    collection=HABITS,
    label="HABIT",
    schema="habit.json",
    merge=True,
    defaults=lambda store: {"status": 0, "totalCheckIns": 0, "currentStreak": 0},
    time_fields=("createdTime", "modifiedTime"),
)


def _checkin_habit_exists(store: Store, obj: JsonObject) -> str | None:
    return None if store.get(HABITS, str(obj.get("habitId"))) is not None else "HABIT_NOT_FOUND"


CHECKIN = Kind(
    collection=CHECKINS,
    label="CHECKIN",
    schema="habit-checkin.json",
    etags=False,
    validate=_checkin_habit_exists,
    time_fields=("opTime",),
)
