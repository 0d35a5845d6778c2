"""The add/update/delete batch every TickTick collection is written through.

Semantics (seeds 002/003 where they speak; the rest chosen and documented here):

* Answer `{"id2etag": {id: new etag}, "id2error": {id: CODE}}`; one object's
  failure never stops the others. Arrays are applied in the order add, update,
  delete, each in body order. Keys are ids (tag names for tags).
* add: stored as sent plus the fields the server owns (`etag`, and per kind e.g.
  `creator`, `deleted: 0`) and defaults for missing fields it always answers.
  An id that exists: if the body equals the last one written there, it is a
  client retry: success with the stored etag, nothing written (no duplicate,
  no etag churn); a different body -> `<KIND>_ALREADY_EXISTS`.
* update: REPLACES the stored object (fields left out are gone, unknown fields
  kept verbatim), except for kinds marked `merge` (habits), where the fields
  sent overwrite the stored ones and the rest stay; a new etag. Unknown id ->
  `<KIND>_NOT_FOUND`. An `etag` that is present, non-empty and not the stored
  one -> `ETAG_MISMATCH`, not applied, even when the body equals the last one
  written there (two clients' identical writes within a second must not pass for
  a retry; a client's own retry after a lost answer is refused too, and learns
  the outcome by re-reading). An empty etag (habits in seed 003) skips the check;
  then a body equal to the last write is a retry, answered like the re-add above.
* delete: unknown id -> `<KIND>_NOT_FOUND`; an id deleted before -> success (retry).
  Deleted ids are not in id2etag.
* Kinds without etags (check-ins, seed 003) answer both maps empty on success.
* Upsert kinds (columns: "the API upserts by column id") treat an add of a known
  id and an update of an unknown id alike: write it.
* An add without an id (ticktick-sdk and ticktick-py send tasks, projects and
  folders so) gets a server-made 24-hex id, returned as its key in id2etag.
* A field sent as `null` is a field not set (pyticktick sends every unset field
  as null). Where the kind's response schema allows null (`dueDate`,
  `repeatFlag`: TickTick answers those null), the null is kept, as the web app's
  own nulls always were; any other null is dropped before anything else, so an
  add gets the server's default (`priority: 0`) and an update leaves it out.
  Nested objects (checklist items) lose their nulls.
* What is stored is what the server answers, never an echo of the request form
  (`Kind.answer_form`): timestamps in TickTick's form at any depth
  (canonical.py), request-only fields and values resolved per kind (`prepare`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tickspec.server.canonical import timestamps
from tickspec.server.ids import new_etag, new_object_id, timestamp
from tickspec.server.store import Store
from tickspec.spec import BASE_URI, load

JsonObject = dict[str, Any]

ETAG_MISMATCH = "ETAG_MISMATCH"


def _no_fields(store: Store, obj: JsonObject, existing: JsonObject | None) -> JsonObject:
    del store, obj, existing
    return {}


def _no_defaults(store: Store) -> JsonObject:
    del store
    return {}


@dataclass(frozen=True)
class Kind:
    """How one collection is written by a batch."""

    collection: str
    label: str
    """Upper-case name in id2error codes: TASK -> TASK_NOT_FOUND."""
    key_field: str = "id"
    etags: bool = True
    upsert: bool = False
    defaults: Callable[[Store], JsonObject] = _no_defaults
    """Filled in when missing, on add only (what the server always answers)."""
    owned: Callable[[Store, JsonObject, JsonObject | None], JsonObject] = _no_fields
    """Set by the server on every write (creator, deleted, a missing completedTime):
    (store, object being written, stored object or None) -> fields to set."""
    delete_key: Callable[[Any], str] = str
    on_delete: Callable[[Store, str, JsonObject], None] | None = None
    """Replaces the plain removal (tasks go to the trash)."""
    validate: Callable[[Store, JsonObject], str | None] | None = None
    """A per-object check before writing; returns an id2error code to refuse it."""
    time_fields: tuple[str, ...] = field(default=())
    """Timestamps set to now when missing on add (createdTime, modifiedTime)."""
    after_write: Callable[[Store, str], None] | None = None
    """Side effects of a write (a task written again leaves the trash)."""

    schema: str | None = None
    """The response schema of the kind (`task.json`): which fields may be answered null."""
    merge: bool = False
    """Updates MERGE into the stored object instead of replacing it (habits: ticktick-sdk
    checks in by sending only `id`, `totalCheckIns`, `currentStreak`, `modifiedTime`)."""
    prepare: Callable[[JsonObject], JsonObject] | None = None
    """Turns a request form into what the server stores and answers (a project's
    `groupId: "NONE"` becomes null; a folder's request-only `listType` is dropped)."""

    def key(self, obj: JsonObject) -> str:
        if obj.get(self.key_field) in (None, "") and self.key_field == "id":
            obj["id"] = new_object_id()  # id-less adds: the server names the object
        return str(obj.get(self.key_field, ""))

    def answer_form(self, raw: JsonObject) -> JsonObject:
        """The object as the server stores and answers it (see `answer_form`), with the
        kind's request forms resolved."""
        obj = answer_form(raw, self.schema) if self.schema else without_nulls(raw)
        return self.prepare(obj) if self.prepare is not None else obj

    @property
    def nullable(self) -> frozenset[str]:
        return nullable_fields(self.schema) if self.schema else frozenset()

    @property
    def not_found(self) -> str:
        return f"{self.label}_NOT_FOUND"


def answer_form(raw: JsonObject, schema_file: str) -> JsonObject:
    """A client's object as TickTick answers it: without the nulls `schema_file` does
    not allow at the top (nor any nested), timestamps in its form (canonical.py)."""
    return timestamps(without_nulls(raw, nullable_fields(schema_file)), schema_file)


def without_nulls(obj: JsonObject, nullable: frozenset[str] = frozenset()) -> JsonObject:
    """`obj` without the null-valued fields TickTick never answers as null (those not
    in `nullable`), and without any null in nested objects (list items stay)."""
    return {k: drop_nulls(v) for k, v in obj.items() if v is not None or k in nullable}


def drop_nulls(value: Any) -> Any:
    """`value` with every null field of every object in it dropped (list items stay): what
    a liberal server reads a null as, "not sent"."""
    if isinstance(value, dict):
        return without_nulls(value)
    if isinstance(value, list):
        return [drop_nulls(item) for item in value]
    return value


@functools.cache
def nullable_fields(schema_file: str) -> frozenset[str]:
    """Top-level fields that `schema_file` lets a response carry as null."""
    spec = load()
    properties = spec.schemas[schema_file].get("properties", {})
    return frozenset(
        name
        for name in properties
        if spec.validator({"$ref": f"{BASE_URI}{schema_file}#/properties/{name}"}).is_valid(None)
    )


def canonical(obj: JsonObject) -> str:
    """The body as written by the client, etag aside: what a retry repeats exactly."""
    return json.dumps({k: v for k, v in obj.items() if k != "etag"}, sort_keys=True)


@dataclass
class BatchResult:
    id2etag: dict[str, Any] = field(default_factory=dict)
    id2error: dict[str, str] = field(default_factory=dict)

    def body(self) -> JsonObject:
        return {"id2etag": self.id2etag, "id2error": self.id2error}


def write(store: Store, kind: Kind, key: str, obj: JsonObject, existing: JsonObject | None) -> str:
    """Store `obj` (a client body) under `key` with the server's fields; returns its etag."""
    stored = {**existing, **obj} if kind.merge and existing is not None else dict(obj)
    stored.pop("etag", None)
    if existing is None:
        for name, value in kind.defaults(store).items():
            stored.setdefault(name, value)
        for name in kind.time_fields:
            stored.setdefault(name, timestamp())
    stored.update(kind.owned(store, stored, existing))
    etag = ""
    if kind.etags:
        etag = new_etag(existing.get("etag") if existing else None)
        stored["etag"] = etag
    store.put(kind.collection, key, stored)
    store.submitted[(kind.collection, key)] = canonical(obj)
    if kind.after_write is not None:
        kind.after_write(store, key)
    return etag


def _is_retry(store: Store, kind: Kind, key: str, obj: JsonObject) -> bool:
    return store.submitted.get((kind.collection, key)) == canonical(obj)


def _accept(result: BatchResult, kind: Kind, key: str, etag: str) -> None:
    if kind.etags:
        result.id2etag[key] = etag


def apply(
    store: Store, kind: Kind, body: JsonObject, result: BatchResult | None = None
) -> BatchResult:
    result = result if result is not None else BatchResult()
    # Every object is made canonical before anything is written: a refused one (a date
    # that does not exist) refuses the whole request, never half of it.
    adds = [kind.answer_form(raw) for raw in body.get("add") or []]
    updates = [kind.answer_form(raw) for raw in body.get("update") or []]
    for obj in adds:
        key = kind.key(obj)
        existing = store.get(kind.collection, key)
        if existing is not None and not kind.upsert:
            if _is_retry(store, kind, key, obj):
                _accept(result, kind, key, str(existing.get("etag", "")))
            else:
                result.id2error[key] = f"{kind.label}_ALREADY_EXISTS"
            continue
        refused = kind.validate(store, obj) if kind.validate else None
        if refused:
            result.id2error[key] = refused
            continue
        _accept(result, kind, key, write(store, kind, key, obj, existing))
    for obj in updates:
        key = kind.key(obj)
        existing = store.get(kind.collection, key)
        if existing is None and not kind.upsert:
            result.id2error[key] = kind.not_found
            continue
        sent = obj.get("etag")
        if kind.etags and existing is not None and sent and sent != existing.get("etag"):
            # checked before the retry test: a stale etag is refused even when the body
            # equals the last write, which another client's identical write can be
            result.id2error[key] = ETAG_MISMATCH
            continue
        if existing is not None and _is_retry(store, kind, key, obj):
            _accept(result, kind, key, str(existing.get("etag", "")))
            continue
        refused = kind.validate(store, obj) if kind.validate else None
        if refused:
            result.id2error[key] = refused
            continue
        _accept(result, kind, key, write(store, kind, key, obj, existing))
    delete(store, kind, body.get("delete") or [], result)
    return result


def delete(store: Store, kind: Kind, refs: Iterable[Any], result: BatchResult) -> None:
    for ref in refs:
        key = kind.delete_key(ref)
        existing = store.get(kind.collection, key)
        if existing is None:
            if not store.was_deleted(kind.collection, key):
                result.id2error[key] = kind.not_found
            continue
        if kind.on_delete is not None:
            kind.on_delete(store, key, existing)
        else:
            store.remove(kind.collection, key)


def touch(store: Store, collection: str, key: str, obj: JsonObject) -> str:
    """A server-side change of a stored object (rename a tag on it, move it): new etag."""
    obj["etag"] = new_etag(obj.get("etag"))
    store.put(collection, key, obj)
    store.submitted.pop((collection, key), None)  # no longer what the client last sent
    return str(obj["etag"])
