"""Full and delta sync: `GET /api/v3/batch/check/{checkpoint}` (and the v2 path).

Checkpoint 0 answers everything: every open task (status 0) in
`syncTaskBean.update`, all projects (archived ones carry `closed: true`),
folders, tags and filters, and `checkPoint`, the store's current checkpoint.

Any other checkpoint answers the changes after it:
* `syncTaskBean.update`: the tasks written since, whatever their status now, so
  a client learns of completions (status 2 / -1) too; `syncTaskBean.delete`:
  `{taskId, projectId}` of the tasks deleted (moved to the trash) since;
  `empty: true` when both are empty.
* `projectProfiles`, `projectGroups`, `tags`, `filters`: `null` when nothing in
  the collection changed (seed 001); otherwise the WHOLE current collection, so
  deletions need no separate channel (a client replaces its copy).
* A checkpoint older than the store (e.g. from before an admin reset) or newer
  than its current one cannot be answered as a delta: it gets a full answer.
"""

from __future__ import annotations

from typing import Any

from tickspec.server.context import Call
from tickspec.server.handlers.base import handles
from tickspec.server.store import FILTERS, PROJECT_GROUPS, PROJECTS, TAGS, TASKS, TRASH, Store

JsonObject = dict[str, Any]

COLLECTION_KEYS = {
    PROJECTS: "projectProfiles",
    PROJECT_GROUPS: "projectGroups",
    TAGS: "tags",
    FILTERS: "filters",
}


def _task_bean(update: list[JsonObject], delete: list[JsonObject]) -> JsonObject:
    return {
        "update": update,
        "tagUpdate": [],
        "delete": delete,
        "add": [],
        "empty": not update and not delete,
    }


def _envelope(store: Store, full: bool) -> JsonObject:
    orders: JsonObject | None = {"orderByType": {}} if full else None
    return {
        "checkPoint": store.checkpoint,
        "inboxId": store.inbox_id,
        "syncTaskOrderBean": (
            {"taskOrderByDate": {}, "taskOrderByPriority": {}, "taskOrderByProject": {}}
            if full
            else None
        ),
        "syncOrderBean": orders,
        "syncOrderBeanV3": dict(orders) if orders is not None else None,
        "checks": None,
        "remindChanges": [] if full else None,
    }


def full_sync(store: Store) -> JsonObject:
    open_tasks = [t for t in store.values(TASKS) if t.get("status", 0) == 0]
    return {
        **_envelope(store, full=True),
        "syncTaskBean": _task_bean(open_tasks, []),
        **{key: store.values(name) for name, key in COLLECTION_KEYS.items()},
    }


def delta_sync(store: Store, checkpoint: int) -> JsonObject:
    changed = store.changes_since(checkpoint)
    update: list[JsonObject] = []
    delete: list[JsonObject] = []
    for key, deleted in changed.get(TASKS, {}).items():
        task = store.get(TASKS, key)
        if not deleted and task is not None:
            update.append(task)
        elif deleted and task is None:
            trashed = store.get(TRASH, key) or {}
            gone: JsonObject = {"taskId": key}
            if trashed.get("projectId"):
                gone["projectId"] = trashed["projectId"]
            delete.append(gone)
    return {
        **_envelope(store, full=False),
        "syncTaskBean": _task_bean(update, delete),
        **{
            key: (store.values(name) if name in changed else None)
            for name, key in COLLECTION_KEYS.items()
        },
    }


@handles("syncV3", "syncV2")
def sync(call: Call) -> JsonObject:
    checkpoint = int(call.path["checkpoint"])
    store = call.store
    if checkpoint == 0 or checkpoint < store.origin or checkpoint > store.checkpoint:
        return full_sync(store)
    return delta_sync(store, checkpoint)
