"""`client.countdowns`: countdowns (days until or since a date).

Countdowns are not in the sync, so `list()` asks the server; writes go through
`countdown/batch` with the client's own ids, like the web app's other batches,
and a failed object raises `BatchError` naming it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import countdowns as countdowns_api
from tickspec_generated.fields import CountdownCreateFields, CountdownUpdateFields
from tickspec_generated.models.countdown import Countdown
from tickspec_generated.models.countdown_batch_request import CountdownBatchRequest

from tickspec import wire
from tickspec.errors import BatchError

from ._base import ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncCountdownsManager", "CountdownsManager"]
KIND = "countdowns"


class CountdownsManager(ManagerBase[ModeT]):
    """Countdown reads and writes; blocking on `Client`, awaited on `AsyncClient`."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Countdown]]:
        """Every countdown, from the server.

        For example:

            for c in client.countdowns.get_all(): print(c.name, c.date)   # date: YYYYMMDD
        """
        return (yield from countdowns_api.get_countdowns())

    def _send(self, name: str, items: list[Any]) -> Flow[dict[str, str]]:
        body = {"add": [], "update": [], "delete": [], name: items}
        answer = yield from countdowns_api.batch_countdowns(wire.parse(CountdownBatchRequest, body))
        if answer.id2error:
            succeeded: dict[str, str | None] = dict(answer.id2etag)
            raise BatchError.from_failures(
                KIND, succeeded, dict(answer.id2error), operation_id="batchCountdowns"
            )
        return dict(answer.id2etag)

    @operation
    def create(
        self, /, name: str, day: date | int, **fields: Unpack[CountdownCreateFields]
    ) -> Flow[Countdown]:
        """A new countdown to `day` (a date or yyyyMMdd); `fields` are Countdown's."""
        stamp = int(day.strftime("%Y%m%d")) if isinstance(day, date) else int(day)
        countdown: dict[str, Any] = {"id": self._new_id(), "name": name, "date": stamp}
        countdown.update(to_wire_fields(Countdown, fields))
        etags = yield from self._send("add", [countdown])
        return wire.parse(Countdown, {**countdown, "etag": etags[countdown["id"]]})

    @operation
    def update(
        self, /, countdown: Countdown | Mapping[str, Any], **fields: Unpack[CountdownUpdateFields]
    ) -> Flow[Countdown]:
        """Write a whole countdown back, with `fields` changed."""
        body = {**wire_of(countdown), **to_wire_fields(Countdown, fields)}
        etags = yield from self._send("update", [body])
        return wire.parse(Countdown, {**body, "etag": etags[str(body["id"])]})

    @operation
    def delete(self, countdown_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a countdown by id.

        For example:

            client.countdowns.delete(countdown.id)
        """
        yield from self._send("delete", [countdown_id])


AsyncCountdownsManager = CountdownsManager
"""The same class: `AsyncClient.countdowns` is a `CountdownsManager[Awaiting]`."""
