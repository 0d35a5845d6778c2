"""`tickspec probe` against `tickspec serve --seed-demo`: the issue's done-when checks.

Each test resets the server, runs the probe in-process, and compares the
account before and after by ids and names (kinds and the countdown, focus and
comment documents); the probe's deleted tasks in the trash are the only trace
TickTick keeps, and they carry the probe's prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.probe.probe_support import findings, objects, probe, probe_leftovers
from tickspec.cli import main
from tickspec.probe.sandbox import ours
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def fresh(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server


def assert_untouched(server: ServerHandle, before: dict[str, object]) -> None:
    after = server.state()
    assert objects(after) == objects(before)
    assert probe_leftovers(after) == []
    assert all(ours(task["title"]) for task in after["trash"].values())


def test_plan_sends_nothing(fresh: ServerHandle, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["probe", "--plan", "--token", fresh.token, "--base-url", fresh.base_url])
    out = capsys.readouterr().out
    assert code == 0
    assert fresh.stats()["total"] == 0
    lines = out.splitlines()
    assert lines[0] == "tickspec probe plan (nothing is sent):"
    assert "write web  createProject  creates the sandbox project 'tickspec-probe <run id>'" in out
    assert "  emptyTrash: account-wide destructive: it empties the whole trash" in out
    assert "  openCreateProject: no --open-api-token given" in out  # web token only
    order = [line.split()[3] for line in lines if line[:4].strip().rstrip(".").isdigit()]
    assert (
        order.index("createProject") < order.index("getProjectTasks") < order.index("deleteProject")
    )
    assert order[-1] == "deleteProject"


def test_clean_probe_exits_0_covers_70_percent_and_leaves_the_account_as_it_was(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    run = probe(fresh, tmp_path)
    assert run.code == 0, run.err
    assert run.report["counts"]["breaking"] == 0
    totals = run.coverage["totals"]
    assert totals["web"]["percent"] >= 70.0
    assert totals["web"]["exercised"] >= 80
    assert totals["open"]["percent"] >= 90.0
    assert totals["open"]["exercised"] == 47  # all but the three OAuth2 steps below
    not_open = {op for op, row in run.coverage["operations"].items()
                if row["api"] == "open" and not row["statuses"]}  # fmt: skip
    assert not_open == {"oauthAuthorize", "oauthExchangeCode", "oauthRevoke"}
    ops = run.coverage["operations"]
    assert ops["emptyTrash"] == {"api": "web", "statuses": [], "why": ops["emptyTrash"]["why"]}
    assert ops["emptyTrash"]["why"].startswith("account-wide destructive")
    assert ops["createHabit"]["statuses"] == [405]  # documented for a web session
    assert ops["batchTask"]["statuses"] == [200]
    assert_untouched(fresh, before)
    settings = fresh.state()["documents"]["settings"]
    assert {k: v for k, v in settings.items() if k != "etag"} == {
        k: v for k, v in before["documents"]["settings"].items() if k != "etag"
    }


def test_capture_is_redacted(fresh: ServerHandle, tmp_path: Path) -> None:
    run = probe(fresh, tmp_path, "--read-only")
    text = run.har.read_text(encoding="utf-8")
    assert run.code == 0, run.err
    assert fresh.token not in text
    assert fresh.api_token not in text
    assert str(fresh.state()["userId"]) not in text
    assert '"comment": "recorded by `tickspec probe`' in text
    assert fresh.stats()["applied"].get("batchTask", 0) == 0  # read-only


def test_added_field_is_additive_and_exits_0(fresh: ServerHandle, tmp_path: Path) -> None:
    before = fresh.state()
    fresh.inject_fault("getUserStatus", patch=[{"op": "add", "path": "/newFlag", "value": True}])
    run = probe(fresh, tmp_path)
    assert run.code == 0, run.err
    assert findings(run) == [("additive", "unknown_field", "getUserStatus")]
    assert_untouched(fresh, before)


def test_changed_type_is_breaking_and_exits_1(fresh: ServerHandle, tmp_path: Path) -> None:
    before = fresh.state()
    fresh.inject_fault(
        "getLimits", patch=[{"op": "replace", "path": "/projectNumber", "value": "9"}]
    )
    run = probe(fresh, tmp_path)
    assert run.code == 1
    assert findings(run) == [("breaking", "type_mismatch", "getLimits")]
    assert_untouched(fresh, before)


def test_batch_write_refused_with_405_is_rejected_request(
    fresh: ServerHandle, tmp_path: Path
) -> None:
    before = fresh.state()
    fresh.inject_fault("batchProjectGroup", status=405, times=None)
    run = probe(fresh, tmp_path)
    assert run.code == 1
    got = findings(run, "batchProjectGroup")
    assert got and set(got) == {("breaking", "rejected_request", "batchProjectGroup")}
    assert findings(run) == got
    assert run.coverage["operations"]["batchProjectGroup"]["statuses"] == [405]
    assert_untouched(fresh, before)


def test_cleanup_removes_leftovers_by_prefix_only(fresh: ServerHandle, tmp_path: Path) -> None:
    before = fresh.state()
    # every delete of the run and of its cleanup is refused: everything is left behind
    for op in ("deleteProject", "batchProject", "batchTag", "batchFilter", "batchHabit",
               "batchCountdowns", "deleteFocusRecord", "deleteTagByBody", "deleteTag",
               "deleteTagByQuery", "openDeleteProject", "batchProjectGroup",
               "deleteProjectGroup"):  # fmt: skip
        fresh.inject_fault(op, status=500, times=2, skip=0)
    (tmp_path / "run").mkdir()
    probe(fresh, tmp_path / "run")
    assert probe_leftovers(fresh.state()) != []
    fresh.clear_faults()
    (tmp_path / "sweep").mkdir()
    run = probe(fresh, tmp_path / "sweep", "--cleanup")
    assert run.code == 0, run.err
    assert "tickspec probe --cleanup: deleted" in run.err
    assert_untouched(fresh, before)


def test_no_credentials_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("TOKEN", "USERNAME", "PASSWORD", "OPEN_API_TOKEN"):
        monkeypatch.delenv(f"TICKTICK_{name}", raising=False)
    assert main(["probe"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("tickspec probe: no credentials") and err.count("\n") == 1


def test_bad_password_stops_at_once(fresh: ServerHandle, tmp_path: Path) -> None:
    code = main(["probe", "--username", fresh.username, "--password", "wrong",
                 "--base-url", fresh.base_url, "--rate", "1000"])  # fmt: skip
    assert code == 2
    assert fresh.stats()["requests"] == {"signon": 1}  # no retry storm
