"""Safety of `tickspec probe` as a property, against random accounts and bad days."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.probe.probe_support import KINDS, probe, probe_leftovers
from tickspec._headers import object_id
from tickspec.probe.sandbox import ours
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True)

LETTERS = st.characters(categories=("L", "N"), max_codepoint=0x2FF)
NAMES = st.text(LETTERS, min_size=1, max_size=12)
TARGETS = (
    *("createProject", "batchProject", "batchTask", "createTask", "batchTag", "renameTag"),
    *("batchHabit", "batchCountdowns", "batchFocusRecords", "deleteProject", "getProjects"),
    *("createTaskComment", "openCreateProject", "openDeleteProject", "batchFilter"),
    *("openCreateTag", "openCreateHabit", "openCreateFocus", "openCreateProjectGroup"),
)
FAULTS = st.fixed_dictionaries(
    {
        "operationId": st.sampled_from(TARGETS),
        "kind": st.sampled_from(("drop", "500", "429")),
        "when": st.sampled_from(("before", "after")),
        "skip": st.integers(0, 2),
    }
)


def _seed(server: ServerHandle, projects: list[str], tags: list[str]) -> None:
    """The user's own data: projects with a task each, and tags."""
    with server.client() as client:
        ids = [object_id() for _ in projects]
        add = [{"id": i, "name": n} for i, n in zip(ids, projects, strict=True)]
        client.post("/api/v2/batch/project", json={"add": add}).raise_for_status()
        tasks = [
            {"id": object_id(), "projectId": i, "title": n}
            for i, n in zip(ids, projects, strict=True)
        ]
        client.post("/api/v2/batch/task", json={"add": tasks}).raise_for_status()
        if tags:
            body = {"add": [{"name": t.lower(), "label": t} for t in dict.fromkeys(tags)]}
            client.post("/api/v2/batch/tag", json=body).raise_for_status()


def _inject(server: ServerHandle, fault: dict[str, Any]) -> None:
    kind, when = fault["kind"], fault["when"]
    options: dict[str, Any] = {"skip": fault["skip"], "times": 1}
    if kind == "drop":
        server.inject_fault(fault["operationId"], drop_connection=True, when=when, **options)
    elif kind == "500":
        server.inject_fault(fault["operationId"], status=500, when=when, **options)
    else:
        server.inject_fault(fault["operationId"], status=429, retry_after=0, **options)


def users(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The user's objects, whole, by kind (whatever carries the probe's prefix aside)."""
    out = {}
    for kind in KINDS:
        out[kind] = {
            key: obj for key, obj in state[kind].items()
            if not ours(obj.get("name") or obj.get("title") or key)
        }  # fmt: skip
    return out


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    projects=st.lists(NAMES, min_size=1, max_size=3),
    tags=st.lists(NAMES, max_size=3),
    faults=st.lists(FAULTS, min_size=1, max_size=3),
)
def test_the_users_objects_survive_and_nothing_of_the_probe_is_left(
    server: ServerHandle,
    tmp_path_factory: pytest.TempPathFactory,
    projects: list[str],
    tags: list[str],
    faults: list[dict[str, Any]],
) -> None:
    """Property: whatever the account holds and whatever fails mid-run (dropped
    connections, 500s, 429s, before or after the write), the user's objects are
    identical afterwards and no object of the probe is left, after `--cleanup` at worst."""
    server.reset()
    _seed(server, projects, tags)
    before = copy.deepcopy(users(server.state()))
    for fault in faults:
        _inject(server, fault)
    tmp = tmp_path_factory.mktemp("safety")
    (tmp / "run").mkdir()
    run = probe(server, tmp / "run")
    assert run.code in (0, 1), run.err
    server.clear_faults()
    if probe_leftovers(server.state()):
        (tmp / "sweep").mkdir()
        assert probe(server, tmp / "sweep", "--cleanup").code == 0
    after = server.state()
    assert users(after) == before
    assert probe_leftovers(after) == []
    assert all(ours(task["title"]) for task in after["trash"].values())


def test_a_probe_run_with_no_fault_needs_no_cleanup(server: ServerHandle, tmp_path: Path) -> None:
    server.reset()
    _seed(server, ["Groceries"], ["home"])
    before = users(server.state())
    assert probe(server, tmp_path).code == 0
    assert users(server.state()) == before
    assert probe_leftovers(server.state()) == []
