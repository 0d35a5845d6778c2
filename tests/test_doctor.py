"""`tickspec doctor`: every operation complete, and each missing piece named with its fix.

The first test replaces the scattered completeness checks (every operation has a
capture, a handler, a stub, a test): it runs doctor on this checkout and, when
something is missing, prints doctor's own rows, which say the file to edit and the
command to run. The others take one piece away at a time from a loaded checkout.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from codegen import captures
from tests.paths import ROOT
from tickspec import doctor
from tickspec import spec as runtime
from tickspec.cli import main
from tickspec.doctor.repo import EXAMPLE_CAPTURE, EXAMPLES_TEST, Repo, load_repo

REPO = load_repo(ROOT)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["doctor", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_operation_of_the_checkout_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--missing", "--root", str(ROOT))
    total = len(REPO.spec.operations)
    assert (code, err) == (0, ""), "tickspec doctor found missing pieces:\n" + out
    assert out.splitlines()[-1] == f"{total} of {total} operations complete"


def test_the_readme_checklist_has_one_item_per_doctor_column() -> None:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Adding an endpoint")[1]
    section = section.split("\n## ", 1)[0]
    items = re.findall(r"^(\d+)\. \*\*(\w+)\*\*:", section, re.M)
    assert items == [(str(i), name) for i, name in enumerate(doctor.PIECES, 1)]
    assert "uv run --frozen tickspec doctor --missing" in section


def row(repo: Repo, operation_id: str) -> doctor.Row:
    [found] = [r for r in doctor.diagnose(repo) if r.operation_id == operation_id]
    return found


def piece(repo: Repo, operation_id: str, name: str) -> doctor.Piece:
    [found] = [p for p in row(repo, operation_id).pieces if p.name == name]
    return found


def with_node(operation_id: str, change: Any) -> Repo:
    """REPO with one operation's node changed (and the runtime spec rebuilt from it)."""
    openapi = copy.deepcopy(REPO.openapi)
    for item in openapi["paths"].values():
        for node in item.values():
            if isinstance(node, dict) and node.get("operationId") == operation_id:
                change(node)
    spec = runtime.Spec({"openapi": openapi, "schemas": REPO.schemas})
    return replace(REPO, openapi=openapi, spec=spec)


def test_a_complete_operation_names_what_it_found() -> None:
    found = {p.name: (p.ok, p.detail) for p in row(REPO, "getUnreadNotifications").pieces}
    assert found == {
        "schema": (True, "json-list.json"),
        "example": (True, "none (a hand capture instead)"),
        "evidence": (True, "seed 001"),
        "fixture": (True, "fixtures_har/getUnreadNotifications.har"),
        "server": (True, "x-tickspec-serve: empty-list"),
        "client": (True, "api.user.get_unread_notifications"),
        "test": (True, "tests/server/test_served.py (every x-tickspec-serve operation)"),
    }


def test_no_capture_and_no_example_asks_for_either() -> None:
    captures = {k: v for k, v in REPO.captures.items() if k != "getLimits"}
    repo = replace(REPO, captures=captures)
    assert piece(repo, "getLimits", "fixture") == doctor.Piece(
        "fixture",
        False,
        "no capture: add a captured example to the spec, or a hand scenario",
        "fixtures_har/scenarios/",
        doctor.BUILD,
    )
    example = piece(repo, "getLimits", "example")
    assert (example.ok, example.edit, example.run) == (False, doctor.SPEC_FILE, doctor.GENERATE)


def test_an_example_without_its_capture_asks_for_generate() -> None:
    def add_example(node: dict[str, Any]) -> None:
        media = node["responses"]["200"]["content"]["application/json"]
        media["examples"] = {"captured": {"value": [], "x-evidence": ["seed 001"]}}

    repo = with_node("getUnreadNotifications", add_example)
    repo = replace(
        repo, captures={k: v for k, v in repo.captures.items() if k != "getUnreadNotifications"}
    )
    assert piece(repo, "getUnreadNotifications", "example").detail == "captured (seed 001)"
    fixture = piece(repo, "getUnreadNotifications", "fixture")
    assert (fixture.ok, fixture.run) == (False, doctor.GENERATE)
    assert "fixtures_har/getUnreadNotifications-example.har" in fixture.detail


def test_an_example_that_does_not_fit_its_schema_is_missing() -> None:
    def bad_example(node: dict[str, Any]) -> None:
        media = node["responses"]["200"]["content"]["application/json"]
        media["examples"] = {"captured": {"value": {"not": "a list"}}}

    example = piece(with_node("getHabits", bad_example), "getHabits", "example")
    assert not example.ok
    assert example.detail.startswith("example 'captured' does not fit its schema: ")


def test_no_handler_and_no_declared_answer_is_only_the_generic_body() -> None:
    repo = replace(REPO, handlers={k: v for k, v in REPO.handlers.items() if k != "getHabits"})
    server = piece(repo, "getHabits", "server")
    assert (server.ok, server.edit) == (False, doctor.SPEC_FILE)
    assert server.detail.startswith("only the generic minimal body: declare `x-tickspec-serve")
    assert '@handles("getHabits")' in server.detail


def test_a_handler_and_a_declared_answer_together_are_a_conflict() -> None:
    repo = with_node("getHabits", lambda node: node.update({"x-tickspec-serve": "empty-list"}))
    server = piece(repo, "getHabits", "server")
    assert not server.ok
    assert server.detail == (
        "both a handler (tickspec/server/handlers/habits.py) and x-tickspec-serve: empty-list;"
        " the handler wins: drop one"
    )


def test_an_unknown_serve_mode_is_missing_with_the_choices() -> None:
    repo = with_node(
        "getUnreadNotifications", lambda node: node.update({"x-tickspec-serve": "store:nope"})
    )
    server = piece(repo, "getUnreadNotifications", "server")
    assert not server.ok and server.detail.startswith(
        "x-tickspec-serve: 'store:nope': no collection"
    )


def test_no_evidence_no_stub_and_no_test_each_say_their_fix() -> None:
    repo = with_node("getLimits", lambda node: node.pop("x-evidence"))
    stubs = {k: v - {"get_limits"} for k, v in repo.stubs.items()}
    repo = replace(repo, stubs=stubs, tests={})
    evidence = piece(repo, "getLimits", "evidence")
    assert (evidence.ok, evidence.edit) == (False, doctor.SPEC_FILE)
    client = piece(repo, "getLimits", "client")
    assert (client.ok, client.detail, client.run) == (
        False,
        "no stub api.user.get_limits in generated/ (stale)",
        doctor.GENERATE,
    )
    test = piece(repo, "getLimits", "test")
    assert (test.ok, test.edit) == (False, "tests/")
    assert "client.api.user.get_limits(...)" in test.detail


def test_an_example_capture_is_tested_by_the_replay_only_when_both_exist() -> None:
    """getLimits (a handler, no x-tickspec-serve) with no test naming it: the replay
    test counts only with its `-example.har` capture and the replay file both present."""
    assert EXAMPLE_CAPTURE.format("getLimits") == f"getLimits{captures.SUFFIX}.har"
    examples = {EXAMPLES_TEST: REPO.tests[EXAMPLES_TEST]}
    generated = {**REPO.captures, "getLimits": ["getLimits-example.har"]}
    hand_made = {**REPO.captures, "getLimits": ["getLimits.har"]}
    found = piece(replace(REPO, tests=examples, captures=generated), "getLimits", "test")
    assert found == doctor.Piece("test", True, f"{EXAMPLES_TEST} (replays its example capture)")
    for repo in (
        replace(REPO, tests=examples, captures=hand_made),
        replace(REPO, tests={}, captures=generated),
    ):
        missing = piece(repo, "getLimits", "test")
        assert (missing.ok, missing.edit) == (False, "tests/")
        assert missing.detail.startswith(
            f"no test names it: give it a captured example (then {EXAMPLES_TEST} replays"
        )


def test_text_rows_mark_the_missing_piece_and_its_fix() -> None:
    repo = replace(REPO, handlers={k: v for k, v in REPO.handlers.items() if k != "getHabits"})
    rows = [r for r in doctor.diagnose(repo) if r.operation_id in ("getHabits", "getLimits")]
    lines = doctor.render_text(rows, only_missing=True).splitlines()
    assert lines[0].split() == ["operation", *doctor.PIECES]
    assert lines[1].split() == ["getHabits", "+", "+", "+", "+", "-", "+", "+"]
    assert lines[2].startswith("getHabits (GET /api/v2/habits) server: only the generic")
    assert lines[3] == f"    edit {doctor.SPEC_FILE}, then run `{doctor.GENERATE}`"
    assert lines[4] == "1 of 2 operations complete"


def test_json_has_every_piece(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", "--operation", "getLimits", "--root", str(ROOT))
    doc = json.loads(out)
    assert (code, doc["complete"], doc["total"]) == (0, 1, 1)
    [op] = doc["operations"]
    assert list(op["pieces"]) == list(doctor.PIECES)
    assert op["pieces"]["server"]["detail"] == "handler (tickspec/server/handlers/account.py)"


def test_an_unknown_operation_and_a_folder_without_a_spec_are_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "--operation", "noSuchThing", "--root", str(ROOT))
    assert (code, err) == (2, "tickspec doctor: no operation noSuchThing in schemas/openapi.yaml\n")
    code, _, err = run(capsys, "--root", str(tmp_path))
    assert code == 2
    assert err == (
        f"tickspec doctor: {tmp_path}: no schemas/openapi.yaml (run doctor in a tickspec "
        "checkout)\n"
    )
