"""tickspec: TickTick's web API as a spec, a typed client, and a drift check.

    import tickspec
    with tickspec.Client(username="me@example.com", password="...") as client:
        client.sync()

`import tickspec` stays cheap (no httpx, no pydantic): the client, its models
and the error classes load on first attribute access. The CLI and the
contract checker import this package too, and must not pay for the HTTP stack.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from tickspec._options import ClientOptions
    from tickspec.auth import LoginResult
    from tickspec.client import AsyncClient, Client
    from tickspec.errors import (
        AuthError,
        BatchError,
        ConflictError,
        InvalidRequestError,
        MfaRequiredError,
        NotFoundError,
        RateLimitError,
        ResponseValidationError,
        ServerError,
        TickTickError,
        TransportError,
    )
    from tickspec.managers._flow import RawResponse
    from tickspec.state import LocalState

_LAZY = {
    "Client": "tickspec.client",
    "AsyncClient": "tickspec.client",
    "ClientOptions": "tickspec._options",
    "LoginResult": "tickspec.auth",
    "LocalState": "tickspec.state",
    "RawResponse": "tickspec.managers._flow",
    "TickTickError": "tickspec.errors",
    "AuthError": "tickspec.errors",
    "MfaRequiredError": "tickspec.errors",
    "InvalidRequestError": "tickspec.errors",
    "NotFoundError": "tickspec.errors",
    "RateLimitError": "tickspec.errors",
    "ResponseValidationError": "tickspec.errors",
    "ServerError": "tickspec.errors",
    "BatchError": "tickspec.errors",
    "ConflictError": "tickspec.errors",
    "TransportError": "tickspec.errors",
}

__all__ = [
    "AsyncClient",
    "AuthError",
    "BatchError",
    "Client",
    "ClientOptions",
    "ConflictError",
    "InvalidRequestError",
    "LocalState",
    "LoginResult",
    "MfaRequiredError",
    "NotFoundError",
    "RateLimitError",
    "RawResponse",
    "ResponseValidationError",
    "ServerError",
    "TickTickError",
    "TransportError",
    "__version__",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tickspec' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
