"""The handler registry: operationId -> function, filled by `@handles(...)`.

Handlers are registered by the spec's operationIds, so the spec stays the one
source of routing: `Spec.match` finds the operation, the registry finds its
behaviour, and an operation nobody registered gets the generic answer.
`test_server_spec.py` checks every registered id exists in the spec.
"""

from __future__ import annotations

from collections.abc import Callable

from tickspec.server.context import Handler

HANDLERS: dict[str, Handler] = {}


def handles(*operation_ids: str) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        for operation_id in operation_ids:
            if operation_id in HANDLERS:
                raise RuntimeError(f"two handlers for {operation_id}")
            HANDLERS[operation_id] = func
        return func

    return register
