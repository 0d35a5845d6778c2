"""What every endpoint shares: the typed call it builds and the sender it needs.

Each operation of the spec is a module-level function returning an `ApiCall[T]`:
the `ApiRequest` (method, path, query, body) together with the decoder of its
2xx body into `T`. The runtime's managers yield these calls (so mypy checks the
arguments of every request and the type of every answer), and the `*Api`
classes send them through a sender. A sender (the runtime's transport, or a
test double) turns an `ApiRequest` into an `ApiResponse`: it adds the headers,
auth and retries, and raises for any non-2xx status, so a call only ever
decodes a success body; when that body does not fit the spec, the sender also
chooses the exception (`decode_error`), so all errors a client raises come from
one hierarchy.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypedDict, TypeVar, cast
from urllib.parse import quote

if TYPE_CHECKING:
    # pydantic's models load on first use (`adapter`), not with this module: a
    # client that has sent nothing yet has not paid for them
    from pydantic import BaseModel, TypeAdapter

T = TypeVar("T")
M = TypeVar("M", bound="BaseModel")


class RequestOptions(TypedDict, total=False):
    """Per-request control, accepted by every endpoint stub and manager method.

    `extra_headers` win over every header the client computes; `extra_query`
    is appended to the query; `extra_body` is merged into a JSON object body
    (or becomes the body of a request that has none); `timeout` (seconds)
    replaces the client's for this request.
    """

    extra_headers: Mapping[str, str] | None
    extra_query: Mapping[str, object] | None
    extra_body: Mapping[str, Any] | None
    timeout: float | None


@dataclass(frozen=True, slots=True)
class ApiRequest:
    """One HTTP request of an OpenAPI operation, before the client's headers and auth."""

    operation_id: str
    method: str
    path: str
    params: tuple[tuple[str, str], ...] = ()
    content: bytes | None = None
    idempotent: bool = False
    """True when repeating the request cannot duplicate or corrupt data (x-idempotent)."""
    headers: tuple[tuple[str, str], ...] = ()
    """Headers of this request only (`extra_headers`), applied after the client's own."""
    timeout: float | None = None
    """Seconds for this request; None: the client's timeout."""
    servers: tuple[tuple[str, str], ...] = ()
    """(spec server, this operation's server) pairs, from an operation whose OpenAPI
    `servers` differ from the spec's: `focusOp` is served by ms.ticktick.com, not
    api.ticktick.com. Empty for every other operation."""

    def url(self, base_url: str) -> str:
        """Where to send this request from a client whose base URL is `base_url`: the
        operation's own server in that region, or `base_url` itself when it is none of
        the spec's servers (a local `tickspec serve` answers every operation)."""
        for server, own in self.servers:
            if base_url == server:
                return own + self.path
        return base_url + self.path

    def with_options(
        self,
        *,
        extra_headers: Mapping[str, str] | None = None,
        extra_query: Mapping[str, object] | None = None,
        extra_body: Mapping[str, Any] | None = None,
        timeout: float | None = None,
    ) -> ApiRequest:
        """This request with per-request options applied (see `RequestOptions`)."""
        changes: dict[str, Any] = {}
        if extra_headers:
            changes["headers"] = (*self.headers, *extra_headers.items())
        if extra_query:
            changes["params"] = (*self.params, *query(*extra_query.items()))
        if extra_body:
            changes["content"] = merge_body(self.content, extra_body)
        if timeout is not None:
            changes["timeout"] = timeout
        return replace(self, **changes) if changes else self


@dataclass(frozen=True, slots=True)
class ApiResponse:
    """A 2xx response as the sender received it."""

    status_code: int
    content: bytes
    headers: Mapping[str, str] = field(default_factory=dict)


class DecodeErrors(Protocol):
    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> Exception:
        """The exception to raise when a 2xx body does not fit its model (API drift)."""
        ...


class SyncSender(DecodeErrors, Protocol):
    def send(self, request: ApiRequest) -> ApiResponse: ...


class AsyncSender(DecodeErrors, Protocol):
    async def send(self, request: ApiRequest) -> ApiResponse: ...


@dataclass(frozen=True, slots=True)
class ApiCall(Generic[T]):
    """A request and the decoder of its 2xx body: one typed step of a flow.

    In a generator, `task = yield from get_task(task_id)` yields the call to
    whoever drives the generator and evaluates to the decoded `Task` it sends
    back, so the step is type-checked end to end.
    """

    request: ApiRequest
    decoder: Callable[[bytes], T]

    def with_options(self, **options: Any) -> ApiCall[T]:
        """The same call with `RequestOptions` applied to its request."""
        request = self.request.with_options(**options)
        return self if request is self.request else ApiCall(request, self.decoder)

    def decode(self, sender: DecodeErrors, response: ApiResponse) -> T:
        """Decode a 2xx body; a body that does not fit becomes the sender's error."""
        try:
            return self.decoder(response.content)
        except ValueError as exc:  # pydantic.ValidationError is a ValueError
            raise sender.decode_error(self.request, response, exc) from exc

    def __iter__(self) -> Generator[ApiCall[Any], Any, T]:
        return cast(T, (yield self))


def send_sync(sender: SyncSender, call: ApiCall[T], options: RequestOptions) -> T:
    """Send `call` with `options` through a blocking sender and decode the answer."""
    call = call.with_options(**options)
    return call.decode(sender, sender.send(call.request))


async def send_async(sender: AsyncSender, call: ApiCall[T], options: RequestOptions) -> T:
    """Send `call` with `options` through an async sender and decode the answer."""
    call = call.with_options(**options)
    return call.decode(sender, await sender.send(call.request))


_MODEL_DECODERS: dict[type[BaseModel], Callable[[bytes], Any]] = {}
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}


def model_decoder(model: type[M]) -> Callable[[bytes], M]:
    """Parse a body into `model` by wire names only (one cached decoder per model)."""
    found = _MODEL_DECODERS.get(model)
    if found is None:

        def found(content: bytes) -> M:
            return model.model_validate_json(content, by_alias=True, by_name=False)

        _MODEL_DECODERS[model] = found
    return cast("Callable[[bytes], M]", found)


def alias_decoder(tp: Any) -> Callable[[bytes], Any]:
    """Parse a body into a type alias (a list of models, say) by wire names only."""
    validate = adapter(tp).validate_json

    def decode(content: bytes) -> Any:
        return validate(content, by_alias=True, by_name=False)

    return decode


def json_decoder(content: bytes) -> Any:
    """A body the spec leaves untyped, as plain JSON (None when empty)."""
    return json.loads(content) if content else None


def no_content(content: bytes) -> None:
    """A success the spec documents without a body; whatever came is ignored."""
    del content


def adapter(tp: Any) -> TypeAdapter[Any]:
    """A cached TypeAdapter, for bodies that are type aliases rather than models."""
    found = _ADAPTERS.get(tp)
    if found is None:
        from pydantic import TypeAdapter

        found = _ADAPTERS[tp] = TypeAdapter(tp)
    return found


def dump_model(body: BaseModel) -> bytes:
    return body.model_dump_json(by_alias=True, exclude_unset=True).encode()


def dump_alias(tp: Any, body: Any) -> bytes:
    return adapter(tp).dump_json(body, by_alias=True, exclude_unset=True)


def merge_body(content: bytes | None, extra: Mapping[str, Any]) -> bytes:
    """`extra` merged into a JSON object body (which it becomes when there is none)."""
    body = json.loads(content) if content else {}
    if not isinstance(body, dict):
        raise TypeError("extra_body needs a request whose body is a JSON object")
    return json.dumps({**body, **extra}, separators=(",", ":")).encode()


def path_arg(value: object) -> str:
    return quote(str(value), safe="")


def query(*pairs: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    """Encode query parameters as the web app does: booleans lower-case, None left out."""
    out: list[tuple[str, str]] = []
    for name, value in pairs:
        values = value if isinstance(value, list | tuple) else [value]
        for item in values:
            if item is None:
                continue
            out.append((name, str(item).lower() if isinstance(item, bool) else str(item)))
    return tuple(out)
