"""Manager logic written once, as typed generators, run by four drivers.

A manager operation is a generator (a "flow") that yields the typed calls the
generated code builds (`tickspec_generated.endpoints.<tag>.<operation>(...)`,
an `ApiCall[T]`: the request together with the decoder of its answer) and gets
each decoded answer back:

    @operation
    def get(self, task_id: str, **options: Unpack[RequestOptions]) -> Flow[Task]:
        task = yield from tasks_api.get_task(task_id)   # mypy: task is a Task
        ...
        return task

All decisions (which request, what body, how the local state changes) live in
the flow. `operation` turns it into a method whose driver is chosen by the
manager's mode: blocking (`Client`), awaiting (`AsyncClient`), and the raw
variants of both (`client.with_raw_response`), which also hand back every
HTTP answer. Mypy types each of them from the one definition, so sync and
async cannot drift apart and no wrapper is written by hand.

The `RequestOptions` keywords (`extra_headers`, `extra_query`, `extra_body`,
`timeout`) that every operation accepts are taken by the driver and applied to
each request the flow makes. Errors raised by a call are thrown back into the
flow, so a flow may catch (say) `NotFoundError` exactly where it made the
request. A pydantic `ValidationError` leaving a flow comes from the caller's
own values (answers that do not fit raise `ResponseValidationError`), so it
becomes `InvalidRequestError` naming the field. The error that leaves an
operation is settled by the driver (`TickTickError.settle`): it keeps the
tries of the request it concerns (a `BatchError` gets those of the answer it
was raised for), and its `outcome` is
"unknown" when an earlier write of the same operation was applied, since
part of the operation then happened (a check-in's habit update, say).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Callable, Coroutine, Generator, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, Concatenate, Generic, ParamSpec, Self, TypeVar, overload

from pydantic import ValidationError
from tickspec_generated.endpoints import ApiCall, ApiRequest, ApiResponse, RequestOptions

from tickspec.errors import Attempt, ResponseValidationError, TickTickError, input_error

from ._fields import fields_check

__all__ = [
    "AWAITING",
    "BLOCKING",
    "RAW_AWAITING",
    "RAW_BLOCKING",
    "Awaiting",
    "Blocking",
    "Flow",
    "ManagerMode",
    "Page",
    "RawAwaiting",
    "RawBlocking",
    "RawResponse",
    "arun",
    "is_write",
    "last_attempts",
    "operation",
    "paginated",
    "run",
]

T = TypeVar("T")
P = ParamSpec("P")

Flow = Generator[ApiCall[Any], Any, T]
"""A generator of typed calls returning `T` (see the module docstring)."""

OPTION_NAMES = frozenset(RequestOptions.__annotations__)

_RESULT_FORMS = {
    # (awaiting, raw, paginated) -> how the method's result wraps the flow's `T`; an
    # awaiting method is an `async def`, annotated with what awaiting it gives
    (False, False, False): "{}",
    (True, False, False): "{}",
    (False, True, False): "RawResponse[{}]",
    (True, True, False): "RawResponse[{}]",
    (False, False, True): "Iterator[{}]",
    (True, False, True): "AsyncIterator[{}]",
}


def _flow_result(annotation: Any, paged: bool) -> str:
    """`T` out of the flow's return annotation `Flow[T]` (`Flow[Page[T]]` when `paged`)."""
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    for prefix in ("Flow[", "Page[") if paged else ("Flow[",):
        if text.startswith(prefix) and text.endswith("]"):
            text = text[len(prefix) : -1]
    return text


def method_signature(
    flow: Callable[..., Any], *, awaiting: bool, raw: bool, paged: bool = False
) -> inspect.Signature:
    """The signature a user sees for `flow` bound as a method of a manager in one mode.

    The flow's own parameters without `self`, and its `Flow[T]` return turned
    into what the driver hands back (`T`, a `RawResponse[T]`, an iterator; an
    awaiting method is a coroutine function, annotated as `async def` is).
    Annotations stay text, as `from __future__ import annotations` wrote them,
    so no type is imported to show them.
    """
    signature = inspect.signature(flow)
    params = list(signature.parameters.values())[1:]
    result = _RESULT_FORMS[(awaiting, raw and not paged, paged)]
    returns = result.format(_flow_result(signature.return_annotation, paged))
    return signature.replace(parameters=params, return_annotation=returns)


def _present(method: Any, flow: Callable[..., Any], signature: inspect.Signature) -> None:
    """Give a bound driver the flow's name, docstring and user-facing signature."""
    method.__name__ = flow.__name__
    method.__qualname__ = flow.__qualname__
    method.__module__ = flow.__module__
    method.__doc__ = flow.__doc__
    method.__signature__ = signature


@dataclass(frozen=True, slots=True)
class RawResponse(Generic[T]):
    """What `client.with_raw_response.<manager>.<method>(...)` returns.

    `parsed` is the method's usual result; `responses` every HTTP answer the
    operation received, in order. `status_code`, `headers` and `content` are
    those of the last one (an operation answered from the local state made none).
    """

    parsed: T
    responses: tuple[ApiResponse, ...]

    @property
    def response(self) -> ApiResponse:
        if not self.responses:
            raise LookupError("answered from the local state: no request was made")
        return self.responses[-1]

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> Mapping[str, str]:
        return self.response.headers

    @property
    def content(self) -> bytes:
        return self.response.content


READ_PREFIXES = ("get", "query", "openGet", "openList", "openFilter", "openSearch")
"""operationIds of the POST operations that only read (`queryHabitCheckins`...)."""


def is_write(request: ApiRequest) -> bool:
    """Whether a request may change the account (a read's success applies nothing)."""
    return request.method not in ("GET", "HEAD") and not request.operation_id.startswith(
        READ_PREFIXES
    )


_LAST_ATTEMPTS: ContextVar[tuple[Attempt, ...]] = ContextVar("tickspec_attempts", default=())


def last_attempts() -> tuple[Attempt, ...]:
    """The tries of the answer the running flow just got (per thread and task), so an
    error the flow raises about that answer (a `BatchError`) can keep them."""
    return _LAST_ATTEMPTS.get()


class _Ledger:
    """What an operation has written so far, to settle the error that ends it."""

    def __init__(self) -> None:
        self.writes = 0
        self.before = 0
        """Writes applied before the request now in flight (or last answered)."""
        self.attempts: tuple[Attempt, ...] = ()

    def sending(self) -> None:
        self.before = self.writes
        self.attempts = ()

    def answered(self, request: ApiRequest, response: ApiResponse) -> None:
        self.attempts = tuple(getattr(response, "attempts", ()))
        _LAST_ATTEMPTS.set(self.attempts)
        self.writes += is_write(request)

    def settled(self, exc: TickTickError) -> TickTickError:
        self.settle(exc)
        return exc

    def settle(self, exc: Exception) -> None:
        if isinstance(exc, TickTickError):
            # a write answered 2xx whose body did not fit the spec was applied all the same
            undecoded = isinstance(exc, ResponseValidationError) and self.writes > self.before
            exc.settle(
                exc.attempts or list(self.attempts), applied_before=self.before > 0 or undecoded
            )


def _split_options(kwargs: dict[str, Any]) -> RequestOptions:
    options: RequestOptions = {}
    for name in OPTION_NAMES & kwargs.keys():
        options[name] = kwargs.pop(name)  # type: ignore[literal-required]
    return options


def run(
    client: Any,
    flow: Flow[T],
    options: RequestOptions | None = None,
    record: list[ApiResponse] | None = None,
) -> T:
    """Drive a flow with blocking calls (for `Client`)."""
    sender = client._transport
    ledger = _Ledger()
    try:
        call = next(flow)
        while True:
            try:
                if options:
                    call = call.with_options(**options)
                ledger.sending()
                response = sender.send(call.request)
                ledger.answered(call.request, response)
                if record is not None:
                    record.append(response)
                result = call.decode(sender, response)
            except Exception as exc:  # handed to the flow, which may handle it
                call = flow.throw(exc)
            else:
                call = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    except ValidationError as exc:  # answers fail as ResponseValidationError: this is input
        raise ledger.settled(input_error(exc)) from exc
    except Exception as exc:
        ledger.settle(exc)
        raise


async def arun(
    client: Any,
    flow: Flow[T],
    options: RequestOptions | None = None,
    record: list[ApiResponse] | None = None,
) -> T:
    """Drive a flow with awaited calls (for `AsyncClient`)."""
    sender = client._transport
    ledger = _Ledger()
    try:
        call = next(flow)
        while True:
            try:
                if options:
                    call = call.with_options(**options)
                ledger.sending()
                response = await sender.send(call.request)
                ledger.answered(call.request, response)
                if record is not None:
                    record.append(response)
                result = call.decode(sender, response)
            except Exception as exc:
                call = flow.throw(exc)
            else:
                call = flow.send(result)
    except StopIteration as stop:
        value: T = stop.value
        return value
    except ValidationError as exc:  # answers fail as ResponseValidationError: this is input
        raise ledger.settled(input_error(exc)) from exc
    except Exception as exc:
        ledger.settle(exc)
        raise


class ManagerMode:
    """How a manager's operations run; one instance per kind below."""

    awaiting = False
    raw = False

    def bind(self, client: Any, flow: Callable[..., Flow[Any]]) -> Callable[..., Any]:
        if self.awaiting:

            async def call_async(*args: Any, **kwargs: Any) -> Any:
                options = _split_options(kwargs)
                record: list[ApiResponse] | None = [] if self.raw else None
                value = await arun(client, flow(*args, **kwargs), options, record)
                return RawResponse(value, tuple(record)) if record is not None else value

            return call_async

        def call(*args: Any, **kwargs: Any) -> Any:
            options = _split_options(kwargs)
            record: list[ApiResponse] | None = [] if self.raw else None
            value = run(client, flow(*args, **kwargs), options, record)
            return RawResponse(value, tuple(record)) if record is not None else value

        return call


class Blocking(ManagerMode):
    """Methods return their value (`Client`)."""


class Awaiting(ManagerMode):
    """Methods are coroutines (`AsyncClient`)."""

    awaiting = True


class RawBlocking(ManagerMode):
    """Methods return a `RawResponse` (`Client.with_raw_response`)."""

    raw = True


class RawAwaiting(ManagerMode):
    """Coroutines of a `RawResponse` (`AsyncClient.with_raw_response`)."""

    awaiting = True
    raw = True


BLOCKING = Blocking()
AWAITING = Awaiting()
RAW_BLOCKING = RawBlocking()
RAW_AWAITING = RawAwaiting()

ModeT = TypeVar("ModeT", bound=ManagerMode)


class Moded(Generic[ModeT]):
    """A manager: its client and the mode its operations run in."""

    def __init__(self, client: Any, mode: ModeT) -> None:
        self._client = client
        self._mode: ManagerMode = mode


S = TypeVar("S", bound=Moded[Any])


class operation(Generic[S, P, T]):
    """Turn a flow method into the manager method of each mode (see module docstring)."""

    def __init__(self, flow: Callable[Concatenate[S, P], Flow[T]]) -> None:
        self.flow = flow
        self.__doc__ = flow.__doc__
        self.__name__ = flow.__name__
        self.__qualname__ = flow.__qualname__
        self.__module__ = flow.__module__
        self.__wrapped__ = flow
        self._signatures: dict[tuple[bool, bool], inspect.Signature] = {}
        self._check_fields = fields_check(flow)

    def signature(self, mode: ManagerMode) -> inspect.Signature:
        """The method's signature in `mode` (computed once per mode)."""
        key = (mode.awaiting, mode.raw)
        found = self._signatures.get(key)
        if found is None:
            found = method_signature(self.flow, awaiting=mode.awaiting, raw=mode.raw)
            self._signatures[key] = found
        return found

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(self, obj: Moded[Blocking], owner: type[Any]) -> Callable[P, T]: ...
    @overload
    def __get__(
        self, obj: Moded[Awaiting], owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, T]]: ...
    @overload
    def __get__(self, obj: Moded[RawBlocking], owner: type[Any]) -> Callable[P, RawResponse[T]]: ...
    @overload
    def __get__(
        self, obj: Moded[RawAwaiting], owner: type[Any]
    ) -> Callable[P, Coroutine[Any, Any, RawResponse[T]]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        flow, check = self.flow, self._check_fields

        def start(*args: Any, **kwargs: Any) -> Flow[Any]:
            if check is not None:  # before the flow exists, so before any request
                check(kwargs)
            return flow(obj, *args, **kwargs)

        method = obj._mode.bind(obj._client, start)
        _present(method, flow, self.signature(obj._mode))
        return method


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a listing, and the flow fetching the next one (None: the last page)."""

    items: list[T]
    next: Callable[[], Flow[Page[T]]] | None = None


def _iterate(client: Any, flow: Flow[Page[T]] | None, options: RequestOptions) -> Iterator[T]:
    while flow is not None:
        page = run(client, flow, options)
        yield from page.items
        flow = page.next() if page.next is not None else None


async def _aiterate(
    client: Any, flow: Flow[Page[T]] | None, options: RequestOptions
) -> AsyncIterator[T]:
    while flow is not None:
        page = await arun(client, flow, options)
        for item in page.items:
            yield item
        flow = page.next() if page.next is not None else None


class paginated(Generic[S, P, T]):
    """Turn a first-page flow into an iterator over every item of every page.

    Blocking managers return an `Iterator[T]`, awaiting ones an `AsyncIterator[T]`;
    pages are fetched lazily, as the iteration reaches them.
    """

    def __init__(self, flow: Callable[Concatenate[S, P], Flow[Page[T]]]) -> None:
        self.flow = flow
        self.__doc__ = flow.__doc__
        self.__name__ = flow.__name__
        self.__qualname__ = flow.__qualname__
        self.__module__ = flow.__module__
        self.__wrapped__ = flow
        self._signatures = {
            awaiting: method_signature(flow, awaiting=awaiting, raw=False, paged=True)
            for awaiting in (False, True)
        }

    @overload
    def __get__(self, obj: None, owner: type[Any]) -> Self: ...
    @overload
    def __get__(
        self, obj: Moded[Blocking] | Moded[RawBlocking], owner: type[Any]
    ) -> Callable[P, Iterator[T]]: ...
    @overload
    def __get__(
        self, obj: Moded[Awaiting] | Moded[RawAwaiting], owner: type[Any]
    ) -> Callable[P, AsyncIterator[T]]: ...
    def __get__(self, obj: Any, owner: type[Any]) -> Any:
        if obj is None:
            return self
        flow, client, awaiting = self.flow, obj._client, obj._mode.awaiting

        def method(*args: Any, **kwargs: Any) -> Any:
            options = _split_options(kwargs)
            first = flow(obj, *args, **kwargs)
            return (_aiterate if awaiting else _iterate)(client, first, options)

        _present(method, self.flow, self._signatures[awaiting])
        return method
