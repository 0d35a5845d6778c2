"""The web endpoints only one or two public clients call (issue 10's "dozen").

Each answers from the store the other handlers keep, so what a client wrote
through the main endpoints reads back here:

* listings without a sync: `projects`, `tags`, `project/{id}/tasks` (open
  tasks), `project/{id}/closed` (like `project/all/closed`, one project),
  `project/all/trash/page` (like `trash/pagination`); `trash/cleanUp` deletes
  the trash for good;
* `project/{id}/users`: the account alone (no sharing locally), owner of
  every project;
* `task/assign` sets `assignee` (new etag); `batch/order` stores the orders it
  is sent; `tag/delete {name}` deletes like `DELETE /tag/{name}`;
* templates are kept as sent; the task activity is the creation and the last
  change (the server keeps no finer log);
* statistics: completed tasks per day, totals, this week's habit check-ins;
  the daily reminder is a fixed answer (the calendar reads, which hold nothing
  locally, are `x-tickspec-serve: empty-list` in the spec: served.py).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch, listings, user
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.tags import TAG_KIND
from tickspec.server.handlers.tasks import find_task
from tickspec.server.ids import new_object_id, timestamp
from tickspec.server.store import CHECKINS, HABITS, PROJECTS, TAGS, TASKS, TRASH

JsonObject = dict[str, Any]
TEMPLATES = "taskTemplates"
ORDERS = "taskOrders"


@handles("getProjects")
def projects(call: Call) -> list[JsonObject]:
    return call.store.values(PROJECTS)


@handles("getTags")
def tags(call: Call) -> list[JsonObject]:
    return call.store.values(TAGS)


@handles("getProjectTasks")
def project_tasks(call: Call) -> list[JsonObject]:
    wanted = str(call.path["projectId"])
    return [
        t
        for t in call.store.values(TASKS)
        if t.get("projectId") == wanted and t.get("status", 0) == 0
    ]


@handles("getClosedInProject")
def closed_in_project(call: Call) -> list[Any]:
    status = call.query.get("status")
    statuses = {"Completed": (listings.COMPLETED,), "Abandoned": (listings.ABANDONED,)}.get(
        str(status), (listings.COMPLETED, listings.ABANDONED)
    )
    return listings._closed(call, statuses, str(call.path["projectId"]))


@handles("getTrashPage")
def trash_page(call: Call) -> JsonObject:
    page: JsonObject = listings.trash(call)
    return page


@handles("emptyTrash")
def empty_trash(call: Call) -> None:
    for key, _ in call.store.items(TRASH):
        call.store.remove(TRASH, key)


@handles("getProjectUsers")
def project_users(call: Call) -> list[JsonObject]:
    project_id = str(call.path["projectId"])
    if call.store.get(PROJECTS, project_id) is None:
        raise errors.semantic(errors.PROJECT_NOT_FOUND, f"project not found: {project_id}")
    account = call.state.config.account
    return [
        {
            "userId": account.user_id,
            "displayName": account.display_name,
            "isOwner": True,
            "permission": "write",
        }
    ]


@handles("assignTasks")
def assign(call: Call) -> JsonObject:
    id2etag: dict[str, str] = {}
    id2error: dict[str, str] = {}
    for item in call.body:
        task_id = str(item["taskId"])
        task = call.store.get(TASKS, task_id)
        if task is None or task.get("projectId") != item["projectId"]:
            id2error[task_id] = "TASK_NOT_FOUND"
            continue
        assigned = {**task, "assignee": item["assignee"], "modifiedTime": timestamp()}
        id2etag[task_id] = batch.touch(call.store, TASKS, task_id, assigned)
    return {"id2etag": id2etag, "id2error": id2error}


@handles("batchOrder")
def batch_order(call: Call) -> JsonObject:
    call.store.set_document(ORDERS, {**call.store.document(ORDERS), **call.body})
    return {"id2etag": {}, "id2error": {}}


@handles("deleteTagByBody")
def delete_tag(call: Call) -> None:
    name = str(call.body["name"])
    result = batch.BatchResult()
    batch.delete(call.store, TAG_KIND, [name], result)
    if result.id2error:
        raise errors.semantic(errors.TAG_NOT_FOUND, f"tag not found: {name}")


@handles("getTemplates")
def templates(call: Call) -> JsonObject:
    stored = call.store.document(TEMPLATES)
    return {"taskTemplates": list(stored.values()), "projectTemplates": []}


@handles("createTaskTemplate")
def create_template(call: Call) -> JsonObject:
    template = {"id": new_object_id(), "createdTime": timestamp(), **call.body}
    stored = call.store.document(TEMPLATES)
    stored[str(template["id"])] = template
    call.store.set_document(TEMPLATES, stored)
    return template


@handles("getTaskActivity")
def activity(call: Call) -> list[JsonObject]:
    task = find_task(call.store, str(call.path["taskId"]))
    found = []
    for action, field in (("T_CREATE", "createdTime"), ("T_UPDATE", "modifiedTime")):
        if isinstance(task.get(field), str):
            entry_id = f"{task['id']}-{action.lower()}"
            found.append({"id": entry_id, "action": action, "when": task[field]})
    return [{**entry, "deviceChannel": "web"} for entry in found]


def _completed_per_day(call: Call) -> Counter[str]:
    per_day: Counter[str] = Counter()
    for task in call.store.values(TASKS):
        stamp = task.get("completedTime")
        if task.get("status") == listings.COMPLETED and isinstance(stamp, str):
            per_day[stamp[:10].replace("-", "")] += 1
    return per_day


@handles("getTaskStatistics")
def task_statistics(call: Call) -> list[JsonObject]:
    first, last = str(call.path["start"]), str(call.path["end"])
    per_day = _completed_per_day(call)
    return [
        {"day": day, "completeCount": n, "notCompleteCount": 0}
        for day, n in sorted(per_day.items())
        if first <= day <= last
    ]


@handles("getUserStatistics")
def user_statistics(call: Call) -> JsonObject:
    general = user.statistics(call)
    return {k: general[k] for k in ("score", "level", "totalCompleted")}


@handles("getUserRanking")
def ranking(call: Call) -> JsonObject:
    general = user.statistics(call)
    return {
        "ranking": 0,
        "taskCount": len(call.store.values(TASKS)),
        "projectCount": len(call.store.values(PROJECTS)),
        "dayCount": len(_completed_per_day(call)),
        "completedCount": general["totalCompleted"],
        "score": general["score"],
        "level": general["level"],
    }


@handles("getHabitWeekStatistics")
def habit_week(call: Call) -> JsonObject:
    today = datetime.now(tz=UTC)
    monday = today - timedelta(days=today.weekday())
    week = {int((monday + timedelta(days=i)).strftime("%Y%m%d")) for i in range(7)}
    counts: Counter[str] = Counter()
    for checkin in call.store.values(CHECKINS):
        if checkin.get("checkinStamp") in week and checkin.get("status") == listings.COMPLETED:
            counts[str(checkin.get("habitId"))] += 1
    habits = [str(h["id"]) for h in call.store.values(HABITS)]
    return {habit: {"totalCheckIns": counts[habit]} for habit in habits}


@handles("getDailyReminder")
def daily_reminder(call: Call) -> JsonObject:
    del call
    return {"time": "09:00", "daysOfWeek": ["MO", "TU", "WE", "TH", "FR"], "enable": False}
