"""Manager logic written once, run by a blocking or an awaiting driver.

A manager operation is a generator (a "flow") that yields `Call`s - "call
`client.api.<group>.<method>(*args)`" - and receives each call's result back,
then returns the operation's value. All decisions (which request, what body,
how the local state changes) live in the flow; `run` drives it with blocking
calls for `Client`, `arun` with `await` for `AsyncClient`. The sync and async
manager classes are then one-line wrappers, and cannot drift apart.

Errors raised by a call are thrown back into the flow, so a flow may catch
(say) `NotFoundError` exactly where it made the request.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = ["Call", "Flow", "arun", "run"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Call:
    """One request step: `client.api.<group>.<method>(*args, **kwargs)`.

    `group=None` calls a method of the client itself (`client.sync(...)`).
    """

    group: str | None
    method: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    def target(self, client: Any) -> Any:
        owner = client if self.group is None else getattr(client.api, self.group)
        return getattr(owner, self.method)


Flow = Generator[Call, Any, T]


def run(client: Any, flow: Flow[T]) -> T:
    """Drive a flow with blocking calls (for `Client`)."""
    try:
        call = next(flow)
        while True:
            try:
                result = call.target(client)(*call.args, **call.kwargs)
            except Exception as exc:  # handed to the flow, which may handle it
                call = flow.throw(exc)
            else:
                call = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value


async def arun(client: Any, flow: Flow[T]) -> T:
    """Drive a flow with awaited calls (for `AsyncClient`)."""
    try:
        call = next(flow)
        while True:
            try:
                result = await call.target(client)(*call.args, **call.kwargs)
            except Exception as exc:
                call = flow.throw(exc)
            else:
                call = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
