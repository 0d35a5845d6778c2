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
What a web page in the user's browser could still do is refused: the `Host`
must be a loopback name (127.0.0.1, localhost, [::1], any port), which defeats
DNS rebinding (403 `forbidden_host`), and POST/DELETE need a JSON
`Content-Type`, which a cross-site form or `text/plain` fetch cannot send
without a CORS preflight this server never grants (415 `unsupported_media_type`).
Unknown admin paths answer 404, other methods 405, with the JSON error body.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from tickspec.server import errors, safejson
from tickspec.server.context import ServerState
from tickspec.server.dispatch import JsonResponse, error_reply, render
from tickspec.server.errors import ApiError
from tickspec.server.faults import Fault
from tickspec.server.hosts import is_loopback_name

PREFIX = "/__tickspec__"
FORBIDDEN_HOST = "forbidden_host"
"""403: an admin request whose Host is not a loopback name (DNS rebinding)."""
UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
"""415: an admin POST/DELETE without `Content-Type: application/json`."""


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
            raw = safejson.loads(await request.body(), "fault")
            for item in raw if isinstance(raw, list) else [raw]:
                state.add_fault(Fault.from_json(item))
        except ApiError as exc:
            return render(error_reply(exc))
    return JsonResponse({"faults": [f.to_json() for f in state.faults.faults]})


Endpoint = Callable[[Request], Awaitable[Response]]
ROUTES: dict[str, tuple[Endpoint, tuple[str, ...]]] = {
    f"{PREFIX}/health": (health, ("GET",)),
    f"{PREFIX}/state": (get_state, ("GET",)),
    f"{PREFIX}/reset": (reset, ("POST",)),
    f"{PREFIX}/stats": (stats, ("GET", "DELETE")),
    f"{PREFIX}/faults": (faults, ("GET", "POST", "DELETE")),
}


def is_admin(path: str) -> bool:
    return path == PREFIX or path.startswith(PREFIX + "/")


def refusal(request: Request) -> ApiError | None:
    """Why this admin request may not run (see the module docstring), or None."""
    path: str = request.scope["path"]
    if not is_loopback_name(request.headers.get("host", "")):
        return ApiError(403, FORBIDDEN_HOST, "the admin API answers only a loopback Host")
    if path not in ROUTES:
        return ApiError(404, errors.NOT_FOUND, f"no such admin endpoint: {path}")
    allowed = ROUTES[path][1]
    if request.method not in allowed:
        return ApiError(
            405,
            errors.METHOD_NOT_ALLOWED,
            f"{request.method} is not allowed on {path}; allowed: {', '.join(allowed)}",
            {"allowed": list(allowed)},
            headers={"Allow": ", ".join(allowed)},
        )
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method != "GET" and media != "application/json":
        needs = f"{request.method} {path} needs Content-Type: application/json"
        return ApiError(415, UNSUPPORTED_MEDIA_TYPE, needs)
    return None


async def handle(request: Request) -> Response:
    refused = refusal(request)
    if refused is not None:
        return render(error_reply(refused))
    return await ROUTES[request.scope["path"]][0](request)
