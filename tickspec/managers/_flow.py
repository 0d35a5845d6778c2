"""Manager logic written once, run by a blocking or an awaiting driver.

A manager operation is a generator (a "flow") that yields `Call`s - "call
`client.api.<group>.<method>(*args)`" - and receives each call's result back,
then returns the operation's value. All decisions (which request, what body,
how the local state changes) live in the flow; `run` drives it with blocking
calls for `Client`, `arun` with `await` for `AsyncClient`. The sync and async
manager classes are then one-line wrappers, and cannot drift apart.

Errors raised by a call are thrown back into the flow, so a flow may catch
(say) `NotFoundError` exactly where it made the request.

A method with a long signature is declared once, on its flow: `blocking(flow)`
and `awaiting(flow)` make the two public methods from it (same parameters, same
docstring), so the parameter list is not written twice.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine, Generator, Mapping
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, Protocol, TypeVar

__all__ = ["Call", "Flow", "arun", "awaiting", "blocking", "run"]

T = TypeVar("T")
P = ParamSpec("P")


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


class _Manager(Protocol):
    _client: Any


S = TypeVar("S", bound=_Manager)


def blocking(flow: Callable[Concatenate[S, P], Flow[T]]) -> Callable[Concatenate[S, P], T]:
    """The `Client` manager method that runs `flow` (`_create` -> `create`).

    The flow takes `self` positional-only (`def _create(self, /, ...)`) when it
    also takes `**fields`, so that the method's keywords cannot clash with it.
    """

    def method(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return run(self._client, flow(self, *args, **kwargs))

    _name_after(method, flow)
    return method


def awaiting(
    flow: Callable[Concatenate[S, P], Flow[T]],
) -> Callable[Concatenate[S, P], Coroutine[Any, Any, T]]:
    """The `AsyncClient` manager method that runs `flow`; see `blocking`."""

    async def method(self: S, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await arun(self._client, flow(self, *args, **kwargs))

    _name_after(method, flow)
    return method


def _name_after(method: Callable[..., Any], flow: Callable[..., Any]) -> None:
    """Give `method` the flow's public name, docstring and parameters (for `help()`)."""
    name = flow.__name__.lstrip("_")
    method.__module__ = flow.__module__
    method.__name__ = name
    method.__qualname__ = f"{flow.__qualname__.rpartition('.')[0]}.{name}"
    method.__doc__ = flow.__doc__
    method.__signature__ = inspect.signature(flow).replace(  # type: ignore[attr-defined]
        return_annotation=inspect.Signature.empty
    )
