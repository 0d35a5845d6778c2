"""`tickspec probe` on the Open API: OAuth tokens and their scopes, drift, cleanup.

Against `tickspec serve --seed-demo`. As in test_probe.py, the account is
compared by ids and names before and after each run.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.probe.probe_support import findings, oauth_token, objects, probe, probe_leftovers
from tickspec.probe.cli import NO_WEB_DELETE
from tickspec.probe.table import STEPS
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)
NEEDS_WEB = {"openCreateTag", "openCreateHabit", "openGetHabit", "openUpdateHabit",
             "openCheckinHabit", "openListHabitCheckins"}  # fmt: skip


@pytest.fixture
def fresh(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server


def assert_untouched(server: ServerHandle, before: dict[str, object]) -> None:
    after = server.state()
    assert objects(after) == objects(before)
    assert probe_leftovers(after) == []


def test_an_oauth_token_alone_probes_the_open_api_and_leaves_nothing(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    token = oauth_token(fresh, "tasks:read tasks:write")
    run = probe(fresh, tmp_path, web=False, open_token=token)
    assert run.code == 0, run.err
    assert run.report["counts"]["breaking"] == 0
    ops = run.coverage["operations"]
    assert run.coverage["totals"]["open"]["exercised"] == 47 - len(NEEDS_WEB)
    assert run.coverage["totals"]["web"]["exercised"] == 0
    # what only the web API can delete is not created without a web session
    assert {op: ops[op]["why"] for op in NEEDS_WEB} == dict.fromkeys(NEEDS_WEB, NO_WEB_DELETE)
    assert ops["openDeleteFocus"]["statuses"] == [200]
    assert ops["openDeleteProjectGroup"]["statuses"] == [200]
    assert fresh.stats()["applied"].get("batchTag", 0) == 0
    assert token not in run.har.read_text(encoding="utf-8")
    assert_untouched(fresh, before)


def test_a_read_only_token_skips_the_writes_and_says_why(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    run = probe(fresh, tmp_path, web=False, open_token=oauth_token(fresh, "tasks:read"))
    assert run.code == 0, run.err
    assert run.report["counts"]["breaking"] == 0
    ops = run.coverage["operations"]
    assert ops["openCreateProject"]["statuses"] == [403]  # the one write it tried
    why = ops["openCreateProjectGroup"]["why"]
    assert why.startswith("the Open API token may not write (openCreateProject was answered 403)")
    assert "tasks:write" in why
    assert ops["openDeleteFocus"]["why"] == why
    assert ops["openGetProject"]["why"] == why  # needs the project it could not create
    for read in ("openListProjects", "openGetPreference", "openListTags", "openListFocuses"):
        assert ops[read]["statuses"] == [200], read
    applied = {op for op, n in fresh.stats()["applied"].items() if n}
    assert applied and not applied & {s.operation_id for s in STEPS if s.writes}
    assert "stopped" not in run.err
    assert_untouched(fresh, before)


def test_drift_on_an_open_api_answer_is_reported_on_its_operation(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    retyped = [{"op": "replace", "path": "/duration", "value": "25"}]
    fresh.inject_fault("openGetFocus", patch=retyped)
    added = [{"op": "add", "path": "/0/role", "value": 1}]
    fresh.inject_fault("openListProjectMembers", patch=added)
    run = probe(fresh, tmp_path)
    assert run.code == 1
    assert findings(run) == [
        ("additive", "unknown_field", "openListProjectMembers"),
        ("breaking", "type_mismatch", "openGetFocus"),
    ]
    assert_untouched(fresh, before)


def test_cleanup_with_the_open_api_alone_removes_its_leftovers(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    for op in ("openDeleteProject", "openDeleteProjectGroup", "openDeleteFocus"):
        fresh.inject_fault(op, status=500, times=None)
    (tmp_path / "run").mkdir()
    run = probe(fresh, tmp_path / "run", web=False)
    assert "left behind (run `tickspec probe --cleanup`)" in run.err
    left = probe_leftovers(fresh.state())
    kinds = {entry.split(": ", 1)[0] for entry in left}
    assert {"projects", "projectGroups", "focusRecords"} <= kinds
    fresh.clear_faults()
    (tmp_path / "sweep").mkdir()
    sweep = probe(fresh, tmp_path / "sweep", "--cleanup", web=False)
    assert sweep.code == 0, sweep.err
    assert_untouched(fresh, before)
