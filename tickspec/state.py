"""`LocalState`: the client's mirror of the account, kept as generated models.

It is filled two ways:

* `apply_sync(answer)` merges `GET /api/v3/batch/check/{checkpoint}`. A full
  sync (checkpoint 0) replaces everything. A delta keeps a collection as is
  when the answer has `null` for it (TickTick's "unchanged"), and replaces it
  when the answer carries a list: `projectProfiles`, `projectGroups`, `tags`
  and `filters` are always sent whole (an archived or deleted project is
  simply absent, and the wire format has no delete list for them). Tasks are
  the exception: `syncTaskBean.update`/`add` upsert, `syncTaskBean.delete`
  removes.
* `apply_batch(kind, sent, deleted, answer)` writes a batch answer through:
  each sent object the server accepted is stored with its new etag from
  `id2etag`; each accepted delete is removed; failures (`id2error`) leave the
  local object untouched and are returned. `write_batch` does the same and
  raises `BatchError` for the failures (what the managers call).

Columns, habits and check-ins are not part of the sync answer; their managers
fill them with `replace`/`upsert`, and once habits were read `client.sync()`
re-reads them and the check-ins read so far (`habits_loaded`). Keys are ids,
except tags (by name) and check-ins without an id (`habitId:checkinStamp`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, cast, get_args

from pydantic import BaseModel
from tickspec_generated.models.column import Column
from tickspec_generated.models.filter import Filter
from tickspec_generated.models.habit import Habit
from tickspec_generated.models.habit_checkin import HabitCheckin
from tickspec_generated.models.project import Project
from tickspec_generated.models.project_group import ProjectGroup
from tickspec_generated.models.sync_response import SyncResponse
from tickspec_generated.models.tag import Tag
from tickspec_generated.models.task import Task

from tickspec import wire
from tickspec.errors import BatchError

Kind = Literal[
    "tasks", "projects", "project_groups", "tags", "filters", "columns", "habits", "habit_checkins"
]
KINDS: tuple[Kind, ...] = get_args(Kind)

MODELS: dict[str, type[BaseModel]] = {
    "tasks": Task,
    "projects": Project,
    "project_groups": ProjectGroup,
    "tags": Tag,
    "filters": Filter,
    "columns": Column,
    "habits": Habit,
    "habit_checkins": HabitCheckin,
}


class LocalState:
    """Everything the client knows about the account, by collection and key."""

    def __init__(self) -> None:
        self.tasks: dict[str, Task] = {}
        self.projects: dict[str, Project] = {}
        self.project_groups: dict[str, ProjectGroup] = {}
        self.tags: dict[str, Tag] = {}
        """By tag name: tags have no id, and batch answers key them by name."""
        self.filters: dict[str, Filter] = {}
        self.columns: dict[str, Column] = {}
        self.habits: dict[str, Habit] = {}
        self.habit_checkins: dict[str, HabitCheckin] = {}
        self.inbox_id: str | None = None
        self.checkpoint: int = 0
        """0 until the first sync; the next `client.sync()` then asks for a delta from here."""
        self.checkins_read_after: dict[str, int] = {}
        """Habit id -> the afterStamp its check-ins were read from (they are not synced)."""
        self.habits_loaded = False
        """True once habits were read: from then on `client.sync()` re-reads them too."""

    # -- generic access ---------------------------------------------------------------

    def collection(self, kind: str) -> dict[str, Any]:
        """The dict behind `kind` (e.g. "tasks"); raises KeyError for unknown kinds."""
        if kind not in MODELS:
            raise KeyError(f"unknown collection {kind!r}; expected one of {', '.join(KINDS)}")
        return cast(dict[str, Any], getattr(self, kind))

    @staticmethod
    def key_of(kind: str, obj: BaseModel | Mapping[str, Any]) -> str:
        """The key an object is stored (and named in batch answers) under."""
        data = obj if isinstance(obj, Mapping) else wire_keys(obj)
        if kind == "tags":
            return str(data["name"])
        if data.get("id"):
            return str(data["id"])
        if kind == "habit_checkins":
            return f"{data['habitId']}:{data['checkinStamp']}"
        raise KeyError(f"{kind} object has no id")

    @staticmethod
    def coerce(kind: str, obj: BaseModel | Mapping[str, Any]) -> BaseModel:
        """Return `obj` as the collection's model (drafts and wire dicts are re-validated)."""
        model = MODELS[kind]
        if isinstance(obj, model):
            return obj
        return wire.parse(model, obj if isinstance(obj, Mapping) else wire.dump(obj))

    def upsert(self, kind: str, objects: Iterable[BaseModel | Mapping[str, Any]]) -> None:
        target = self.collection(kind)
        for obj in objects:
            model = self.coerce(kind, obj)
            target[self.key_of(kind, model)] = model

    def remove(self, kind: str, keys: Iterable[str]) -> None:
        target = self.collection(kind)
        for key in keys:
            target.pop(key, None)

    def replace(self, kind: str, objects: Iterable[BaseModel | Mapping[str, Any]]) -> None:
        self.collection(kind).clear()
        self.upsert(kind, objects)

    def clear(self) -> None:
        for kind in KINDS:
            self.collection(kind).clear()
        self.inbox_id = None
        self.checkpoint = 0
        self.habits_loaded = False
        self.checkins_read_after.clear()

    # -- sync ---------------------------------------------------------------------------

    def apply_sync(self, answer: SyncResponse, *, full: bool | None = None) -> None:
        """Merge a sync answer; `full` defaults to "this state had no checkpoint yet"."""
        if full is None:
            full = self.checkpoint == 0
        bean = answer.sync_task_bean
        if full:
            self.tasks.clear()
        for tasks in (bean.update, bean.add):
            if tasks:
                self.upsert("tasks", tasks)
        if bean.delete:
            self.remove("tasks", [item.task_id for item in bean.delete])
        for kind, objects in (
            ("projects", answer.project_profiles),
            ("project_groups", answer.project_groups),
            ("tags", answer.tags),
            ("filters", answer.filters),
        ):
            if objects is not None:
                self.replace(kind, objects)
            elif full:
                self.collection(kind).clear()
        self.inbox_id = answer.inbox_id
        self.checkpoint = answer.check_point

    # -- batch write-through -----------------------------------------------------------

    def apply_batch(
        self,
        kind: str,
        sent: Iterable[BaseModel | Mapping[str, Any]],
        deleted: Iterable[str],
        answer: Any,
    ) -> dict[str, Any]:
        """Store what the server accepted; return `id2error` (key -> error) untouched.

        `answer` is a `BatchResponse` (or any object/dict with `id2etag` and
        `id2error`). An object missing from both maps counts as accepted
        without a new etag: check-in batches answer with both maps empty.
        """
        id2etag = _field(answer, "id2etag")
        id2error = dict(_field(answer, "id2error"))
        target = self.collection(kind)
        for obj in sent:
            model = self.coerce(kind, obj)
            key = self.key_of(kind, model)
            if key in id2error:
                continue
            etag = id2etag.get(key)
            if etag is not None:
                model = model.model_copy(update={"etag": etag})
            target[key] = model
        self.remove(kind, [key for key in deleted if key not in id2error])
        return id2error

    def write_batch(
        self,
        kind: str,
        sent: Iterable[BaseModel | Mapping[str, Any]],
        answer: Any,
        *,
        deleted: Iterable[str] = (),
        operation_id: str | None = None,
    ) -> dict[str, str | None]:
        """Write a batch answer through (`apply_batch`); raise `BatchError` on any failure.

        Successes are stored first (with their new etags), so after a
        `BatchError` the state already reflects what the server applied.
        Returns key -> new etag for every success.
        """
        sent = list(sent)
        deleted = list(deleted)
        failed = self.apply_batch(kind, sent, deleted, answer)
        keys = [self.key_of(kind, obj) for obj in sent] + deleted
        id2etag = _field(answer, "id2etag")
        succeeded = {key: id2etag.get(key) for key in keys if key not in failed}
        if failed:
            raise BatchError.from_failures(kind, succeeded, failed, operation_id=operation_id)
        return succeeded

    # -- comparison ---------------------------------------------------------------------

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """Every collection as key -> wire-form JSON, e.g. to compare with a server's store.

        Only collections (named as the attributes above); `inbox_id` and
        `checkpoint` are attributes, not part of the snapshot.
        """
        return {
            kind: {key: wire.dump(model) for key, model in self.collection(kind).items()}
            for kind in KINDS
        }


def wire_keys(model: BaseModel) -> dict[str, Any]:
    """The wire-name fields needed for keys, without a full dump."""
    return {
        "id": getattr(model, "id", None),
        "name": getattr(model, "name", None),
        "habitId": getattr(model, "habit_id", None),
        "checkinStamp": getattr(model, "checkin_stamp", None),
    }


def _field(answer: Any, name: str) -> Mapping[str, Any]:
    value = answer.get(name) if isinstance(answer, Mapping) else getattr(answer, name, None)
    return value if isinstance(value, Mapping) else {}
