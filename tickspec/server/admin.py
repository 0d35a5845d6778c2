"""The admin API under `/__tickspec__/`, outside TickTick's namespace, for tests.

    GET    /__tickspec__/health   {"ok": true, ...}: readiness probe
    GET    /__tickspec__/state    the whole store as JSON (Store.snapshot)
    POST   /__tickspec__/reset    store back to its start (seeded again), faults and
                                  counters cleared, signon lockout lifted; sessions stay
    GET    /__tickspec__/stats    {"requests": {opId: n}, "applied": {...}, "faulted": {...},
                                   "total": n, "faults": [...]}
    DELETE /__tickspec__/stats    zero the counters
    GET    /__tickspec__/faults   the faults and how often each hit
    POST   /__tickspec__/faults   add one fault (object) or several (array); see faults.py
    DELETE /__tickspec__/faults   remove all faults

No auth: the server only listens where its owner put it (127.0.0.1 by default).
"""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tickspec.server.context import ServerState
from tickspec.server.dispatch import JsonResponse, error_reply, render
from tickspec.server.errors import ApiError, invalid_request
from tickspec.server.faults import Fault

PREFIX = "/__tickspec__"


def _state(request: Request) -> ServerState:
    state: ServerState = request.app.state.tickspec
    return state


async def health(request: Request) -> Response:
    state = _state(request)
    return JsonResponse(
        {"ok": True, "spec": state.spec.version, "checkpoint": state.store.checkpoint}
    )


async def get_state(request: Request) -> Response:
    return JsonResponse(_state(request).store.snapshot())


async def reset(request: Request) -> Response:
    state = _state(request)
    state.reset()
    return JsonResponse({"ok": True, "checkpoint": state.store.checkpoint})


async def stats(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.faults.reset_stats()
    return JsonResponse(state.faults.stats())


async def faults(request: Request) -> Response:
    state = _state(request)
    if request.method == "DELETE":
        state.faults.clear()
    elif request.method == "POST":
        try:
            try:
                raw = json.loads(await request.body())
            except ValueError:
                raise invalid_request("fault: body is not JSON") from None
            for item in raw if isinstance(raw, list) else [raw]:
                state.add_fault(Fault.from_json(item))
        except ApiError as exc:
            return render(error_reply(exc))
    return JsonResponse({"faults": [f.to_json() for f in state.faults.faults]})


ROUTES = [
    Route(f"{PREFIX}/health", health, methods=["GET"]),
    Route(f"{PREFIX}/state", get_state, methods=["GET"]),
    Route(f"{PREFIX}/reset", reset, methods=["POST"]),
    Route(f"{PREFIX}/stats", stats, methods=["GET", "DELETE"]),
    Route(f"{PREFIX}/faults", faults, methods=["GET", "POST", "DELETE"]),
]
