"""Countdowns and task comments: small collections kept in store documents.

* countdowns (`countdown/list`, `countdown/batch {add, update, delete}`): id ->
  countdown, answered like every batch (`id2etag`, `id2error`); an update of an
  unknown id is `COUNTDOWN_NOT_FOUND`, a repeated add of the same body a retry.
* comments (`project/{p}/task/{t}/comments`, `.../comment`, `.../comment/{id}`):
  the task must exist (else 500 `task_not_found`); a comment posted with the id
  of a stored one replaces it (a retry); deleting an unknown comment succeeds.
* both are stored as answered: nulls the schema does not allow dropped (the
  server's value stands), timestamps in TickTick's form (batch.answer_form).
"""

from __future__ import annotations

from typing import Any

from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.tasks import find_task
from tickspec.server.ids import new_etag, new_object_id, timestamp

JsonObject = dict[str, Any]
COUNTDOWNS = "countdowns"
COMMENTS = "comments"


@handles("getCountdowns")
def countdowns(call: Call) -> list[JsonObject]:
    return sorted(call.store.document(COUNTDOWNS).values(), key=lambda c: c.get("sortOrder", 0))


@handles("batchCountdowns")
def batch_countdowns(call: Call) -> JsonObject:
    stored = call.store.document(COUNTDOWNS)
    id2etag: dict[str, str] = {}
    id2error: dict[str, str] = {}
    for name in ("add", "update"):
        for raw in call.body.get(name) or []:
            key = str(raw["id"])
            old = stored.get(key)
            if name == "update" and old is None:
                id2error[key] = "COUNTDOWN_NOT_FOUND"
                continue
            now = timestamp()
            sent = batch.answer_form(raw, "countdown.json")
            countdown = {"createdTime": now, **(old or {}), **sent, "modifiedTime": now}
            countdown["etag"] = new_etag(old.get("etag") if old else None)
            stored[key] = countdown
            id2etag[key] = countdown["etag"]
    for key in call.body.get("delete") or []:
        stored.pop(str(key), None)
    call.store.set_document(COUNTDOWNS, stored)
    return {"id2etag": id2etag, "id2error": id2error}


def _comments_of(call: Call) -> dict[str, JsonObject]:
    find_task(call.store, str(call.path["taskId"]))
    every: dict[str, dict[str, JsonObject]] = call.store.document(COMMENTS)
    return every.setdefault(str(call.path["taskId"]), {})


@handles("getTaskComments")
def comments(call: Call) -> list[JsonObject]:
    found = _comments_of(call).values()
    return sorted(found, key=lambda c: str(c.get("createdTime") or ""))


@handles("createTaskComment")
def create_comment(call: Call) -> JsonObject:
    stored = _comments_of(call)
    comment: JsonObject = {
        "id": new_object_id(),
        "createdTime": timestamp(),
        **batch.answer_form(call.body, "comment.json"),
        "taskId": str(call.path["taskId"]),
        "projectId": str(call.path["projectId"]),
        "userProfile": {"displayName": call.state.config.account.display_name, "isMyself": True},
    }
    stored[str(comment["id"])] = comment
    call.store.set_document(COMMENTS, call.store.document(COMMENTS))
    return comment


@handles("deleteTaskComment")
def delete_comment(call: Call) -> None:
    _comments_of(call).pop(str(call.path["commentId"]), None)
    call.store.set_document(COMMENTS, call.store.document(COMMENTS))
