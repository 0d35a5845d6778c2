"""Open API objects around tasks: preference, comments, members, groups, columns, tags,
countdowns. Each lives where the web API keeps it, so both APIs see one account.

* `preference` (POST, as the doc has it) answers `{timeZone}` from the settings.
* comments are the web's (`comments` document, per task): the task must be in
  the path's project (else 500 `task_not_found`); an Open API comment is
  `{id, title, createdTime, modifiedTime, userId}`; deleting an unknown comment
  succeeds (a retry).
* members of a project (or the inbox): the account alone, `self: true`.
* groups (folders) are the web's project groups, answered as
  `{id, name, sortOrder, showAll, viewMode}` (the request-only `listType` and the
  server's bookkeeping stay out); deleting one ungroups its projects.
* columns: the web's kanban columns; a new one goes after the last.
* tags: `name` is stored trimmed and lower-cased, `label` lower-cased must be that
  name (else 400); answered as `{name, label, sortOrder, color, parent, type}`.
* countdowns: the web's, with the Open API's fields.
"""

from __future__ import annotations

from typing import Any

from tickspec.server import errors
from tickspec.server.context import Call
from tickspec.server.handlers import batch
from tickspec.server.handlers.base import handles
from tickspec.server.handlers.countdowns import COMMENTS, COUNTDOWNS
from tickspec.server.handlers.kinds import COLUMN
from tickspec.server.handlers.open_api import require_bearer, task_in
from tickspec.server.handlers.open_convert import (
    liberal,
    project_id_of,
    require_project,
)
from tickspec.server.handlers.projects import GROUP_KIND
from tickspec.server.handlers.tags import TAG_KIND
from tickspec.server.handlers.tasks import raise_for
from tickspec.server.ids import new_object_id, timestamp
from tickspec.server.store import COLUMNS, PROJECT_GROUPS, TAGS, time_zone

JsonObject = dict[str, Any]
STEP = 1099511627776
"""TickTick's sortOrder step (2^40): a new column goes one step after the last."""
COMMENT_FIELDS = ("id", "title", "createdTime", "modifiedTime", "replyCommentId")
GROUP_FIELDS = ("id", "name", "sortOrder", "showAll", "viewMode")
COLUMN_FIELDS = ("id", "projectId", "name", "sortOrder")
TAG_FIELDS = ("name", "label", "sortOrder", "color", "parent", "type")
COUNTDOWN_FIELDS = (
    "id",
    "type",
    "iconRes",
    "color",
    "name",
    "date",
    "ignoreYear",
    "showCalendarType",
    "reminders",
    "annoyingAlert",
    "repeatFlag",
    "remark",
    "status",
    "sortOrder",
    "style",
    "styleColor",
    "dateDisplayFormat",
    "timerMode",
    "showAge",
    "daysOption",
    "showRemark",
    "createdTime",
    "modifiedTime",
)


def pick(obj: JsonObject, fields: tuple[str, ...]) -> JsonObject:
    """The `fields` of `obj` that are set (TickTick leaves unset fields out)."""
    return {k: obj[k] for k in fields if obj.get(k) is not None}


@handles("openGetPreference")
def preference(call: Call) -> JsonObject:
    require_bearer(call)
    return {"timeZone": time_zone(call.store)}


def _comments(call: Call) -> dict[str, JsonObject]:
    task = task_in(call, str(call.path["taskId"]), str(call.path["projectId"]))
    every: dict[str, dict[str, JsonObject]] = call.store.document(COMMENTS)
    return every.setdefault(str(task["id"]), {})


def _open_comment(call: Call, comment: JsonObject) -> JsonObject:
    out = pick(comment, COMMENT_FIELDS)
    out.setdefault("modifiedTime", comment.get("createdTime"))
    out["userId"] = call.store.user_id
    return out


@handles("openListTaskComments")
def list_comments(call: Call) -> list[JsonObject]:
    require_bearer(call)
    found = sorted(_comments(call).values(), key=lambda c: str(c.get("createdTime") or ""))
    return [_open_comment(call, c) for c in found]


@handles("openCreateTaskComment")
def create_comment(call: Call) -> JsonObject:
    require_bearer(call)
    stored = _comments(call)
    body = liberal(call.body)
    now = timestamp()
    comment: JsonObject = {
        "id": new_object_id(),
        "title": str(body["title"]),
        "createdTime": now,
        "modifiedTime": now,
        "taskId": str(call.path["taskId"]),
        "projectId": project_id_of(call.store, call.path["projectId"]),
        "userProfile": {"displayName": call.state.config.account.display_name, "isMyself": True},
    }
    if body.get("replyCommentId"):
        comment["replyCommentId"] = str(body["replyCommentId"])
    stored[comment["id"]] = comment
    call.store.set_document(COMMENTS, call.store.document(COMMENTS))
    return _open_comment(call, comment)


@handles("openDeleteTaskComment")
def delete_comment(call: Call) -> None:
    require_bearer(call)
    _comments(call).pop(str(call.path["commentId"]), None)
    call.store.set_document(COMMENTS, call.store.document(COMMENTS))


@handles("openListProjectMembers")
def project_members(call: Call) -> list[JsonObject]:
    require_bearer(call)
    require_project(call.store, project_id_of(call.store, call.path["projectId"]))
    account = call.state.config.account
    return [{"username": account.username, "displayName": account.display_name, "self": True}]


def _group(call: Call, group_id: str) -> JsonObject:
    group = call.store.get(PROJECT_GROUPS, group_id)
    if group is None:
        raise errors.semantic("project_group_not_found", f"project group not found: {group_id}")
    return group


@handles("openListProjectGroups")
def list_groups(call: Call) -> list[JsonObject]:
    require_bearer(call)
    groups = sorted(call.store.values(PROJECT_GROUPS), key=lambda g: int(g.get("sortOrder") or 0))
    return [pick(g, GROUP_FIELDS) for g in groups]


@handles("openCreateProjectGroup")
def create_group(call: Call) -> JsonObject:
    require_bearer(call)
    draft = {"id": new_object_id(), "name": str(liberal(call.body)["name"])}
    raise_for(batch.apply(call.store, GROUP_KIND, {"add": [draft]}), draft["id"])
    return pick(_group(call, draft["id"]), GROUP_FIELDS)


@handles("openUpdateProjectGroup")
def update_group(call: Call) -> JsonObject:
    require_bearer(call)
    group_id = str(call.path["groupId"])
    existing = _group(call, group_id)
    changes = {k: v for k, v in liberal(call.body).items() if k == "name" and v}
    raise_for(batch.apply(call.store, GROUP_KIND, {"update": [{**existing, **changes}]}), group_id)
    return pick(_group(call, group_id), GROUP_FIELDS)


@handles("openDeleteProjectGroup")
def delete_group(call: Call) -> None:
    require_bearer(call)
    group_id = str(call.path["groupId"])
    result = batch.BatchResult()
    batch.delete(call.store, GROUP_KIND, [group_id], result)
    raise_for(result, group_id)


def _columns_of(call: Call) -> tuple[str, list[JsonObject]]:
    project_id = project_id_of(call.store, call.path["projectId"])
    require_project(call.store, project_id)
    found = [c for c in call.store.values(COLUMNS) if c.get("projectId") == project_id]
    return project_id, sorted(found, key=lambda c: int(c.get("sortOrder") or 0))


@handles("openListColumns")
def list_columns(call: Call) -> list[JsonObject]:
    require_bearer(call)
    return [pick(c, COLUMN_FIELDS) for c in _columns_of(call)[1]]


@handles("openCreateColumn")
def create_column(call: Call) -> JsonObject:
    require_bearer(call)
    project_id, columns = _columns_of(call)
    last = max((int(c.get("sortOrder") or 0) for c in columns), default=-STEP)
    column: JsonObject = {
        "id": new_object_id(),
        "projectId": project_id,
        "name": str(liberal(call.body)["name"]),
        "sortOrder": last + STEP,
    }
    column_id = str(column["id"])
    raise_for(batch.apply(call.store, COLUMN, {"add": [column]}), column_id)
    return pick(call.store.get(COLUMNS, column_id) or column, COLUMN_FIELDS)


@handles("openUpdateColumn")
def update_column(call: Call) -> JsonObject:
    require_bearer(call)
    project_id, columns = _columns_of(call)
    column_id = str(call.path["columnId"])
    existing = next((c for c in columns if c.get("id") == column_id), None)
    if existing is None:
        raise errors.semantic("column_not_found", f"column not found: {column_id}")
    changes = {k: v for k, v in liberal(call.body).items() if k == "name" and v}
    updated = {**existing, **changes, "projectId": project_id}
    raise_for(batch.apply(call.store, COLUMN, {"update": [updated]}), column_id)
    return pick(call.store.get(COLUMNS, column_id) or updated, COLUMN_FIELDS)


@handles("openListTags")
def list_tags(call: Call) -> list[JsonObject]:
    require_bearer(call)
    tags = sorted(call.store.values(TAGS), key=lambda t: (int(t.get("sortOrder") or 0), t["name"]))
    return [_open_tag(t) for t in tags]


def _open_tag(tag: JsonObject) -> JsonObject:
    out = pick(tag, TAG_FIELDS)
    out.setdefault("label", tag["name"])
    out.setdefault("sortOrder", 0)
    out.setdefault("type", 1)
    return out


@handles("openCreateTag")
def create_tag(call: Call) -> JsonObject:
    require_bearer(call)
    body = liberal(call.body)
    name = str(body["name"]).strip().lower()
    label = str(body.get("label") or name).strip()
    if not name or label.lower() != name:
        raise errors.invalid_request(
            f"body $.label: {label!r} lower-cased is not the tag's name {name!r}",
            {"location": "body", "path": "$.label", "keyword": "name"},
        )
    tag = {"name": name, "label": label, "rawName": name}
    raise_for(batch.apply(call.store, TAG_KIND, {"add": [tag]}), name)
    return _open_tag(call.store.get(TAGS, name) or tag)


@handles("openListCountdowns")
def list_countdowns(call: Call) -> list[JsonObject]:
    require_bearer(call)
    stored = call.store.document(COUNTDOWNS).values()
    ordered = sorted(stored, key=lambda c: int(c.get("sortOrder") or 0))
    return [pick(c, COUNTDOWN_FIELDS) for c in ordered]
