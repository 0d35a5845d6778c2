"""The traced client methods against what they really send (the local server counts it).

`callers` reads the source; here each method runs against `tickspec serve` on
127.0.0.1, and every operation the server saw it send must be one the tracer
lists for it: a method that sends more than the changelog says is a bug here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

import tickspec
from tickspec.drift import callers
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True)
SIGN_ON = {"signon", "signin"}
Step = tuple[str, Callable[[tickspec.Client, dict[str, Any]], Any]]
STEPS: list[Step] = [
    ("client.sync", lambda c, _: c.sync()),
    ("client.tasks.get_all", lambda c, _: c.tasks.get_all()),
    ("client.tasks.create", lambda c, ids: ids.update(task=c.tasks.create("Milk").id)),
    ("client.tasks.get", lambda c, ids: c.tasks.get(ids["task"])),
    ("client.tasks.update_fields", lambda c, ids: c.tasks.update_fields(ids["task"], title="Oat")),
    ("client.tasks.complete", lambda c, ids: c.tasks.complete(ids["task"])),
    ("client.tasks.delete", lambda c, ids: c.tasks.delete(ids["task"])),
    ("client.tasks.get_trash", lambda c, _: c.tasks.get_trash()),
    ("client.projects.get_all", lambda c, _: c.projects.get_all()),
    ("client.tags.get_all", lambda c, _: c.tags.get_all()),
    ("client.countdowns.get_all", lambda c, _: c.countdowns.get_all()),
    ("client.user.get_profile", lambda c, _: c.user.get_profile()),
    ("client.user.get_settings", lambda c, _: c.user.get_settings()),
]


def test_each_method_sends_only_operations_the_tracer_lists(server: ServerHandle) -> None:
    listed: dict[str, set[str]] = {}
    for operation, names in callers.callers().items():
        for name in names:
            listed.setdefault(name, set()).add(operation)
    client = tickspec.Client(
        base_url=server.base_url,
        username=server.username,
        password=server.password,
        http_client=httpx.Client(trust_env=False, timeout=10.0),
    )
    ids: dict[str, Any] = {}
    with client:
        client.login()
        for name, step in STEPS:
            server.reset_stats()
            step(client, ids)
            sent = {op for op, n in server.stats()["requests"].items() if n} - SIGN_ON
            assert sent, name
            assert sent <= listed.get(name, set()), (name, sent)
