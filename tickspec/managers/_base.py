"""What every manager's flows share: the client, wire conversion, batch write-through.

Managers speak wire dicts internally (the JSON TickTick sent, unknown fields
included) and models at their edges: a model a user passes in is dumped with
`tickspec.wire.dump`, so exactly the fields it was loaded with go back out, and
a request body is parsed with `tickspec.wire.parse` (wire names only).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from tickspec_generated.endpoints import ApiCall
from tickspec_generated.models.sync_response import SyncResponse

from tickspec import wire
from tickspec.errors import BatchError, NotFoundError
from tickspec.state import LocalState
from tickspec.workflows.times import format_ts

from ._flow import Flow, Moded, ModeT, last_attempts

__all__ = ["BatchEndpoint", "ManagerBase", "sync_flow", "to_wire_fields", "wire_of"]

M = TypeVar("M", bound=BaseModel)
B = TypeVar("B", bound=BaseModel)


def wire_of(obj: BaseModel | Mapping[str, Any]) -> dict[str, Any]:
    """A model or a user's mapping as a fresh wire dict (see `_wire_value`)."""
    data: dict[str, Any] = _wire_value(obj)
    return data


def _wire_value(value: Any) -> Any:
    """User input in wire form; input normalisation, not a second model dump.

    Models go through `wire.dump`; datetimes and dates become the text TickTick
    writes; mappings and sequences are copied with their items normalised.
    """
    if isinstance(value, BaseModel):
        return wire.dump(value)
    if isinstance(value, datetime):
        return format_ts(value)
    if isinstance(value, date):
        return value.strftime("%Y%m%d")
    if isinstance(value, Mapping):
        return {key: _wire_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_wire_value(item) for item in value]
    return value


def to_wire_fields(model: type[BaseModel], fields: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword changes (snake_case attribute or wire names) as wire-name changes.

    `due_date=` and `dueDate=` both become `dueDate`; a name the model does not
    know is taken to be a wire name already (a field newer than the spec).
    """
    aliases = {name: info.alias or name for name, info in model.model_fields.items()}
    return {aliases.get(key, key): _wire_value(value) for key, value in fields.items()}


def sync_flow(client: Any, full: bool = False) -> Flow[SyncResponse]:
    """A sync (full the first time or with `full`), applied to `client.state`."""
    # imported here: a client that never syncs does not load the sync endpoints
    from tickspec_generated.endpoints import sync as sync_api

    checkpoint = 0 if full else client.state.checkpoint
    answer = yield from sync_api.sync_v3(checkpoint)
    client.state.apply_sync(answer, full=checkpoint == 0)
    return answer


@dataclass(frozen=True, slots=True)
class BatchEndpoint(Generic[B]):
    """A web-app batch endpoint that writes one collection: `{add, update, delete}` arrays."""

    kind: str
    """The local-state collection it writes (see `LocalState.collection`)."""
    call: Callable[[B], ApiCall[Any]]
    """The generated builder of its request (`endpoints.tasks.batch_task`, say)."""
    operation_id: str
    body: type[B]
    arrays: tuple[str, ...] = ("add", "update", "delete")
    """The arrays its body carries; any beyond add/update/delete are sent empty."""
    delete_key: str | None = None
    """Delete entries are objects naming their key in this field (tasks: `taskId`)."""


class ManagerBase(Moded[ModeT]):
    """Holds the client and the mode; the flows of every manager build on it.

    A manager class defines its public methods as flows decorated with
    `operation` (or `paginated`), each taking `**options: Unpack[RequestOptions]`
    unless it takes `**fields`; private helpers (`_name`) are plain flows.
    """

    @property
    def _state(self) -> LocalState:
        state: LocalState = self._client.state
        return state

    def _now(self) -> str:
        return str(self._client.now())

    def _new_id(self) -> str:
        return str(self._client.new_id())

    @property
    def _user_id(self) -> int | None:
        value = self._client.user_id
        return int(value) if value is not None else None

    @property
    def _timezone(self) -> str:
        options = getattr(self._client, "options", None)
        return str(getattr(options, "timezone", None) or "UTC")

    def _sync(self) -> Flow[Any]:
        """A delta sync (a full one the first time), applied to the state."""
        return (yield from sync_flow(self._client))

    def _ensure_synced(self) -> Flow[None]:
        """Sync once if the state was never filled (collections served from the sync)."""
        if self._state.checkpoint == 0:
            yield from self._sync()

    def _batch(
        self,
        kind: str,
        call: ApiCall[Any],
        *,
        sent: Iterable[Mapping[str, Any]] = (),
        deleted: Iterable[str] = (),
        operation_id: str,
    ) -> Flow[dict[str, str | None]]:
        """Send one batch request and write its answer through to the local state.

        Successes are stored with their new etags and deletes removed before a
        `BatchError` for `id2error` is raised, so the state matches the server
        even when part of a batch failed.
        """
        sent = list(sent)
        deleted = list(deleted)
        response = yield from call
        try:
            result = self._state.write_batch(
                kind, sent, response, deleted=deleted, operation_id=operation_id
            )
        except BatchError as exc:
            # an earlier try of this batch may have been applied: then a failure such as
            # ETAG_MISMATCH may be the server refusing our own write a second time
            exc.settle(list(last_attempts()))
            raise
        return result

    def _write_batch(
        self,
        endpoint: BatchEndpoint[Any],
        *,
        add: Sequence[Mapping[str, Any]] = (),
        update: Sequence[Mapping[str, Any]] = (),
        delete: Sequence[Any] = (),
    ) -> Flow[dict[str, str | None]]:
        """Add, update (wire dicts) and delete in one request to `endpoint`, written through."""
        if delete and "delete" not in endpoint.arrays:
            raise ValueError(f"{endpoint.operation_id} has no delete")
        given = {"add": list(add), "update": list(update), "delete": list(delete)}
        body = wire.parse(endpoint.body, {name: given.get(name, []) for name in endpoint.arrays})
        key = endpoint.delete_key
        return (
            yield from self._batch(
                endpoint.kind,
                endpoint.call(body),
                sent=[*add, *update],
                deleted=[ref[key] for ref in delete] if key else delete,
                operation_id=endpoint.operation_id,
            )
        )

    def _find(
        self,
        kind: str,
        key: str,
        model: type[M],
        missing: str,
        refresh: Callable[[], Flow[Any]] | None = None,
    ) -> Flow[M]:
        """The object under `key`; if the state lacks it, refresh (default: sync) and look again.

        Raises `NotFoundError(missing)` when it is still not there.
        """
        if key not in self._state.collection(kind):
            yield from (refresh or self._sync)()
        found = self._state.collection(kind).get(key)
        if not isinstance(found, model):
            raise NotFoundError(missing)
        return found

    def _stored(self, kind: str, key: str, model: type[M]) -> M:
        """The object the state now holds under `key` (after a write-through)."""
        found = self._state.collection(kind).get(key)
        if not isinstance(found, model):
            raise NotFoundError(f"{kind} {key!r} is not in the local state")
        return found
