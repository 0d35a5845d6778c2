"""What a run created, how to remove it, and `--cleanup` of earlier runs by prefix.

The ledger holds, per context key, the call that deletes that object: recorded
before the create is sent when the id is the client's (a create whose answer is
lost may still have happened), else as soon as the answer names the id. A
delete step of the plan takes its key off; whatever is left at the end (a
failure, Ctrl-C, a refused request) is deleted last-created first.

`--cleanup` finds objects by name prefix (`tickspec-probe`, tags
`tickspec-probe-`) in the account's own listings and deletes those, and only
those: a project of that name takes its tasks with it to the trash.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Literal

from tickspec_generated.endpoints import (
    ApiCall,
    countdowns,
    filters,
    focus,
    habits,
    projects,
    sync,
    tags,
    tasks,
)
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models import (
    countdown_batch_request,
    filter_batch_request,
    habit_batch_request,
    project_batch_request,
    project_group_batch_request,
    tag_batch_request,
    task_batch_request,
)

from tickspec.probe.plan import PREFIX, Build, Context


class Ledger:
    """Context key -> the call that deletes it, in creation order."""

    def __init__(self) -> None:
        self._undo: dict[str, Build] = {}

    def record(self, key: str, undo: Build) -> None:
        self._undo.pop(key, None)
        self._undo[key] = undo

    def forget(self, key: str) -> None:
        self._undo.pop(key, None)

    def pending(self) -> list[tuple[str, Build]]:
        """What is still to delete, the last created first."""
        return list(reversed(self._undo.items()))

    def __bool__(self) -> bool:
        return bool(self._undo)


def ours(name: Any) -> bool:
    """Named by a probe run: `tickspec-probe ...` or, for tags, `tickspec-probe-...`."""
    return isinstance(name, str) and name.lower().startswith(PREFIX)


def _named(items: Any, key: str = "name") -> list[dict[str, Any]]:
    return [i for i in items or [] if isinstance(i, dict) and ours(i.get(key))]


def web_listings() -> Iterator[tuple[str, ApiCall[Any]]]:
    """The reads `--cleanup` looks in (kind, call)."""
    yield "sync", sync.sync_v3(0)
    yield "habits", habits.get_habits()
    yield "countdowns", countdowns.get_countdowns()
    yield "focus", focus.get_focus_timeline()


def web_leftovers(kind: str, answer: Any) -> list[tuple[str, ApiCall[Any]]]:
    """(what, delete call) for each probe object in the answer of a `web_listings` read."""
    out: list[tuple[str, ApiCall[Any]]] = []
    if kind == "sync" and isinstance(answer, dict):
        mine = {p["id"] for p in _named(answer.get("projectProfiles"))}
        bean = answer.get("syncTaskBean") or {}
        strays = [t for t in _named(bean.get("update"), "title") if t.get("projectId") not in mine]
        if strays:
            body = {"delete": [{"taskId": t["id"], "projectId": t["projectId"]} for t in strays]}
            out.append(
                (
                    "tasks",
                    tasks.batch_task(task_batch_request.TaskBatchRequest.model_validate(body)),
                )
            )
        for pid in sorted(mine):
            out.append(
                (
                    f"project {pid}",
                    projects.batch_project(
                        project_batch_request.ProjectBatchRequest.model_validate({"delete": [pid]})
                    ),
                )
            )
        groups = [g["id"] for g in _named(answer.get("projectGroups"))]
        if groups:
            out.append(
                (
                    "folders",
                    projects.batch_project_group(
                        project_group_batch_request.ProjectGroupBatchRequest.model_validate(
                            {"delete": groups}
                        )
                    ),
                )
            )
        names = [t["name"] for t in _named(answer.get("tags"))]
        if names:
            out.append(
                (
                    "tags",
                    tags.batch_tag(
                        tag_batch_request.TagBatchRequest.model_validate({"delete": names})
                    ),
                )
            )
        found = [f["id"] for f in _named(answer.get("filters"))]
        if found:
            out.append(
                (
                    "filters",
                    filters.batch_filter(
                        filter_batch_request.FilterBatchRequest.model_validate({"delete": found})
                    ),
                )
            )
    elif kind == "habits":
        ids = [h["id"] for h in _named(answer)]
        if ids:
            body = {"add": [], "update": [], "delete": ids}
            out.append(
                (
                    "habits",
                    habits.batch_habit(habit_batch_request.HabitBatchRequest.model_validate(body)),
                )
            )
    elif kind == "countdowns":
        ids = [c["id"] for c in _named(answer)]
        if ids:
            out.append(
                (
                    "countdowns",
                    countdowns.batch_countdowns(
                        countdown_batch_request.CountdownBatchRequest.model_validate(
                            {"delete": ids}
                        )
                    ),
                )
            )
    elif kind == "focus" and isinstance(answer, list):
        for record in _named(answer, "note"):
            out.append((f"focus record {record['id']}", focus.delete_focus_record(record["id"])))
    return out


FOCUS_DAYS = 30
"""How far back `--cleanup` looks for focus records with the Open API (its list's limit)."""


def open_listings(ctx: Context, *, with_web: bool) -> Iterator[tuple[str, ApiCall[Any]]]:
    """The Open API reads `--cleanup` looks in (kind, call). Its tags, habits and
    check-ins are made only with a web session, whose sweep finds them; with one,
    that sweep finds the folders and focus records too (one account, both APIs)."""
    yield "projects", open_api.open_list_projects()
    if not with_web:
        yield "groups", open_api.open_list_project_groups()
        since = ctx.time(-FOCUS_DAYS * 24 * 60 + 1)
        for kind in (0, 1):
            yield f"focus{kind}", open_api.open_list_focuses(from_=since, to=ctx.time(5), type=kind)


def open_leftovers(kind: str, answer: Any) -> list[tuple[str, ApiCall[Any]]]:
    """(what, delete call) for each probe object in the answer of an `open_listings` read."""
    if kind == "projects":
        return [
            (f"project {p['id']}", open_api.open_delete_project(p["id"])) for p in _named(answer)
        ]
    if kind == "groups":
        return [
            (f"folder {g['id']}", open_api.open_delete_project_group(g["id"]))
            for g in _named(answer)
        ]
    if kind in ("focus0", "focus1"):
        focus_type: Literal[0, 1] = 0 if kind == "focus0" else 1
        return [
            (f"focus record {f['id']}", open_api.open_delete_focus(f["id"], type=focus_type))
            for f in _named(answer, "note")
        ]
    return []


def describe(ctx: Context, key: str) -> str:
    """A ledger key as the report names it."""
    return f"{key} {ctx.ids.get(key, '')}".strip()
