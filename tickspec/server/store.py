"""The in-memory account: every collection, a checkpoint, and a change log.

Objects are stored as the JSON dicts the client sent (plus the fields the server
owns: `etag`, `creator`, `deleted`...), never as models, so fields the server does
not know survive a round trip unchanged: that is what the real server does and
what a drift-tolerant client relies on.

Delta sync needs "what changed after checkpoint N". Every write goes through
`put`/`remove`, which advance `checkpoint` (a Unix-millisecond clock, forced to
be strictly increasing) and record a `Change`; `changes_since(n)` answers
collection -> key -> deleted?. Only a key's last change matters to that
answer, so the log is compacted as it is written: it keeps one entry per key,
in checkpoint order, and a write to a key replaces its entry. Entries of live
objects are bounded by the store itself; entries of deleted keys (and their
tombstones) are kept for the last `MAX_DELETIONS` deletions only. Dropping
older ones moves `origin` past them, so a delta from before is answered in
full, as one from before the store began. Memory then follows the data, not
the number of writes.

Concurrency: handlers run on the event loop thread without awaiting in between
reads and writes, so a request's writes are atomic with respect to others and
no lock is needed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from tickspec.server.ids import now_ms

JsonObject = dict[str, Any]

TASKS = "tasks"
PROJECTS = "projects"
PROJECT_GROUPS = "projectGroups"
TAGS = "tags"
FILTERS = "filters"
COLUMNS = "columns"
HABITS = "habits"
CHECKINS = "habitCheckins"
HABIT_SECTIONS = "habitSections"
TRASH = "trash"
"""Deleted tasks (with `deleted: 1`), keyed by id; listed by the trash endpoint."""

COLLECTIONS = (
    TASKS,
    PROJECTS,
    PROJECT_GROUPS,
    TAGS,
    FILTERS,
    COLUMNS,
    HABITS,
    CHECKINS,
    HABIT_SECTIONS,
    TRASH,
)


MAX_DELETIONS = 10_000
"""Deleted keys the change log (and the tombstones) remember at most."""


@dataclass(frozen=True)
class Change:
    checkpoint: int
    collection: str
    key: str
    deleted: bool


class Store:
    """One user's data. Keys: ids, except tags (by name)."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id
        self.inbox_id = f"inbox{user_id}"
        self.collections: dict[str, dict[str, JsonObject]] = {name: {} for name in COLLECTIONS}
        self.documents: dict[str, JsonObject] = {}
        """Singletons (settings, habit preferences...), written by the handlers that own them."""
        self.checkpoint = now_ms()
        self.origin = self.checkpoint
        """The oldest checkpoint a delta can start from (the store's start, or the last
        compacted deletion): a delta from before it is answered in full."""
        self.log: dict[tuple[str, str], Change] = {}
        """(collection, key) -> its last change, in checkpoint order."""
        self.deleted: dict[tuple[str, str], int] = {}
        """The keys whose last change in `log` is a deletion -> its checkpoint, oldest first."""
        self.submitted: dict[tuple[str, str], str] = {}
        """(collection, key) -> canonical JSON of the last body a client wrote there; a
        batch that repeats it is a retry, answered without writing again."""
        self.tombstones: set[tuple[str, str]] = set()
        """(collection, key) of deleted objects: deleting one again is a harmless retry."""

    # -- reads -------------------------------------------------------------

    def get(self, collection: str, key: str) -> JsonObject | None:
        return self.collections[collection].get(key)

    def values(self, collection: str) -> list[JsonObject]:
        return list(self.collections[collection].values())

    def items(self, collection: str) -> Iterator[tuple[str, JsonObject]]:
        yield from list(self.collections[collection].items())

    def document(self, name: str) -> JsonObject:
        return self.documents.setdefault(name, {})

    # -- writes ------------------------------------------------------------

    def _advance(self, collection: str, key: str, deleted: bool) -> int:
        self.checkpoint = max(self.checkpoint + 1, now_ms())
        where = (collection, key)
        self.log.pop(where, None)  # re-inserted last: the log stays in checkpoint order
        self.log[where] = Change(self.checkpoint, collection, key, deleted)
        self.deleted.pop(where, None)
        if deleted:
            self.deleted[where] = self.checkpoint
            if len(self.deleted) > MAX_DELETIONS:
                oldest = next(iter(self.deleted))
                self.origin = max(self.origin, self.deleted.pop(oldest))
                del self.log[oldest]
                self.tombstones.discard(oldest)
        return self.checkpoint

    def put(self, collection: str, key: str, obj: JsonObject) -> int:
        """Store `obj` under `key` (replacing any old object); returns the new checkpoint."""
        self.collections[collection][key] = obj
        self.tombstones.discard((collection, key))
        return self._advance(collection, key, deleted=False)

    def was_deleted(self, collection: str, key: str) -> bool:
        return (collection, key) in self.tombstones

    def remove(self, collection: str, key: str) -> JsonObject | None:
        """Drop `key`; logs a deletion (and leaves a tombstone) only if something was there."""
        old = self.collections[collection].pop(key, None)
        if old is not None:
            self._advance(collection, key, deleted=True)
            self.tombstones.add((collection, key))
            self.submitted.pop((collection, key), None)
        return old

    def rekey(self, collection: str, old_key: str, new_key: str, obj: JsonObject) -> None:
        """Rename (tags are keyed by name): a deletion of the old key, a write of the new."""
        self.remove(collection, old_key)
        self.put(collection, new_key, obj)

    def set_document(self, name: str, doc: JsonObject) -> int:
        self.documents[name] = doc
        return self._advance("documents", name, deleted=False)

    # -- delta sync --------------------------------------------------------

    def changes_since(self, checkpoint: int) -> dict[str, dict[str, bool]]:
        """collection -> key -> True if the key's last change was a deletion."""
        recent: list[Change] = []
        for change in reversed(self.log.values()):  # newest first: stop at the checkpoint
            if change.checkpoint <= checkpoint:
                break
            recent.append(change)
        changed: dict[str, dict[str, bool]] = {}
        for change in reversed(recent):
            changed.setdefault(change.collection, {})[change.key] = change.deleted
        return changed

    # -- admin -------------------------------------------------------------

    def snapshot(self) -> JsonObject:
        """Everything, as JSON, for `GET /__tickspec__/state` (a deep copy: safe to keep)."""
        return copy.deepcopy(
            {
                "userId": self.user_id,
                "inboxId": self.inbox_id,
                "checkpoint": self.checkpoint,
                **{name: self.collections[name] for name in COLLECTIONS},
                "documents": self.documents,
                "changes": len(self.log),
            }
        )


SETTINGS = "settings"
"""The user settings document (user.py serves it)."""
DEFAULT_TZ = "UTC"


def time_zone(store: Store) -> str:
    """The account's time zone (its settings), what the server fills in where none was sent."""
    return str(store.document(SETTINGS).get("timeZone") or DEFAULT_TZ)
