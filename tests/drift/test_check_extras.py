"""`check --coverage`, `--baseline` / `--write-baseline`, `--format markdown|github`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.drift.drift_support import three_drifts
from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract import baseline, coverage, formats
from tickspec.contract.checker import check_paths
from tickspec.contract.findings import Finding, Report
from tickspec.spec import load


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_coverage_per_operation_status_and_property() -> None:
    cov = coverage.measure(load(), [FIXTURES / "getTask.har"])
    by_id = {op.operation: op.to_json() for op in cov.operations}
    assert by_id["getTask"]["captured"] is True
    assert by_id["getTask"]["statuses_seen"] == ["200"]
    assert by_id["getTask"]["statuses_not_seen"] == ["400", "401", "429", "500"]
    assert by_id["signon"]["captured"] is False
    uncovered = cov.uncovered()
    assert "task.json#/properties/title" not in uncovered  # getTask's answer carries it
    assert "signon-response.json#/properties/token" in uncovered
    assert all("#/" in pointer for pointer in uncovered)
    totals = cov.totals()
    assert totals["operations"] == round(100 / len(cov.operations), 1)
    assert 0 < totals["properties"] < 100


def test_coverage_cli_and_min_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    one = str(FIXTURES / "getTask.har")
    code, out, _ = run(capsys, one, "--coverage", "--format", "json")
    assert code == 0
    assert json.loads(out)["coverage"]["totals"]["operations"] < 5
    code, out, _ = run(capsys, one, "--min-coverage", "50")
    assert code == 1
    assert "below --min-coverage" in out
    one_share = 100 / len(load().operations)  # what one captured operation is worth
    assert run(capsys, one, "--min-coverage", f"{one_share / 2:.2f}")[0] == 0
    code, out, _ = run(capsys, one, "--coverage", "--format", "markdown")
    assert "### Coverage" in out and "| `getTask` | 1 | 200 | 400, 401, 429, 500 |" in out
    code, out, _ = run(capsys, one, "--coverage")
    assert "[x] getTask" in out and "[ ] signon" in out


def test_write_then_check_with_baseline_is_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = str(three_drifts(tmp_path / "drift.har"))
    file = tmp_path / "baseline.json"
    code, out, _ = run(capsys, capture, "--write-baseline", str(file))
    assert code == 0  # the drift is accepted now, though the report still lists it
    assert "syncV3" in out and f"next: commit {file}" in out
    accepted = json.loads(file.read_text(encoding="utf-8"))["accepted"]
    assert [(e["operation"], e["kind"], e["path"]) for e in accepted] == [
        ("GET /api/v2/reminder/{reminderId}", "unknown_operation", "request"),
        ("syncV3", "enum_violation", "response.body.syncTaskBean.update[*].priority"),
        ("syncV3", "unknown_field", "response.body.lastFocusId"),
    ]
    code, out, _ = run(capsys, capture, "--baseline", str(file), "--fail-on", "additive")
    assert code == 0
    assert "baseline: 4 finding(s) suppressed" in out


def test_stale_and_expired_entries_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = str(three_drifts(tmp_path / "drift.har"))
    file = tmp_path / "baseline.json"
    entries = [
        {"operation": "syncV3", "kind": "enum_violation",
         "path": "response.body.syncTaskBean.update[7].priority", "note": "priority 2 = ?"},
        {"operation": "getTask", "kind": "unknown_field", "path": "response.body.gone",
         "note": "fixed long ago"},
        {"operation": "syncV3", "kind": "unknown_field", "path": "response.body.lastFocusId",
         "expires": "2020-01-01"},
    ]  # fmt: skip
    file.write_text(json.dumps({"version": 1, "accepted": entries}), encoding="utf-8")
    code, out, _ = run(capsys, capture, "--baseline", str(file), "--format", "json")
    doc = json.loads(out)
    assert code == 0  # the breaking enum finding was accepted
    assert (doc["counts"]["breaking"], doc["counts"]["additive"]) == (0, 3)
    assert doc["baseline"]["suppressed"] == 1
    assert [e["path"] for e in doc["baseline"]["stale"]] == ["response.body.gone"]
    assert doc["baseline"]["expired"] == [{**entries[2], "note": ""}]
    code, out, _ = run(capsys, capture, "--baseline", str(file))
    assert "stale (matches nothing, remove it): getTask unknown_field response.body.gone" in out
    assert "expired 2020-01-01 (no longer suppresses)" in out


def test_apply_uses_today_for_expiry() -> None:
    report = Report(findings=[_finding("unknown_field", "response.body.items[3].x")])
    entry = baseline.Entry("op", "unknown_field", "response.body.items[0].x", "", date(2026, 1, 1))
    live = baseline.apply(report, [entry], today=date(2026, 1, 1))
    assert (live.suppressed, live.report.findings, live.expired) == (1, [], [])
    dead = baseline.apply(report, [entry], today=date(2026, 1, 2))
    assert (dead.suppressed, len(dead.report.findings), dead.expired) == (0, 1, [entry])


def test_write_keeps_notes_and_dates(tmp_path: Path) -> None:
    report = Report(findings=[_finding("unknown_field", "response.body.a[1].b")])
    old = [baseline.Entry("op", "unknown_field", "response.body.a[*].b", "why", date(2030, 1, 1))]
    file = tmp_path / "b.json"
    baseline.write(file, baseline.entries_of(report, old))
    assert baseline.load(file) == old


@pytest.mark.parametrize(
    "text", ["{nope", "[]", '{"accepted": [{"kind": 1}]}', '{"accepted": [{"operation": "a", '
             '"kind": "b", "path": "c", "expires": "soon"}]}']
)  # fmt: skip
def test_unusable_baseline_is_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    file = tmp_path / "b.json"
    file.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, str(FIXTURES / "getTask.har"), "--baseline", str(file))
    assert code == 2 and out == ""
    assert err.startswith("tickspec check: ") and err.count("\n") == 1


def _finding(kind: str, path: str, severity: str = "additive", message: str = "m") -> Finding:
    fake = SimpleNamespace(kind=kind, operation="op", file="/x/cap.har", entry=3, path=path,
                           message=message, severity=severity)  # fmt: skip
    return cast(Finding, fake)


def test_markdown_report(tmp_path: Path) -> None:
    report = check_paths([three_drifts(tmp_path / "drift.har")])
    text = formats.render_markdown(report)
    assert text.startswith("## tickspec check: API drift found\n")
    assert "### `syncV3` (2 finding(s))" in text
    assert "| breaking | enum_violation | drift.har#0 | " in text
    assert formats.render_markdown(Report()).startswith("## tickspec check: no drift")


def test_github_annotations_escape_and_read_severity_as_text() -> None:
    findings: list[Any] = [
        _finding("enum_violation", "response.body.a", "breaking", "100% off\nnext, line"),
        _finding("rejected_request", "request.body.b", "lenient"),
    ]
    text = formats.render_github(Report(entries=2, findings=findings))
    lines = text.splitlines()
    assert lines[0] == (
        "::error file=/x/cap.har,title=breaking enum_violation%3A op::"
        "response.body.a (entry 3): 100%25 off\\x0anext, line"
    )
    assert lines[1].startswith("::warning file=/x/cap.har,title=lenient rejected_request%3A op::")
    assert lines[2] == "::notice title=tickspec check::2 entries checked: 1 breaking, 1 lenient"


anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["accepted", "operation", "kind", "path", "note", "expires", "x"]),
        inner, max_size=5),
    max_leaves=12,
)  # fmt: skip


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=anything | st.text(max_size=30).map(lambda t: t + "\ud800"))
def test_any_baseline_file_loads_or_is_one_clear_error(tmp_path: Path, doc: Any) -> None:
    """Property: whatever a baseline file holds (any JSON, non-JSON, lone surrogates), it
    loads into entries or raises BaselineError with a one-line message, nothing else."""
    file = tmp_path / "b.json"
    text = doc if isinstance(doc, str) else json.dumps(doc)
    file.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        entries = baseline.load(file)
    except baseline.BaselineError as exc:
        assert "\n" not in str(exc) and str(file) in str(exc)
    else:
        assert all(isinstance(e, baseline.Entry) for e in entries)


hostile = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=20)


@given(op=hostile, path=hostile, message=hostile, file=hostile)
def test_hostile_finding_text_renders_safely(op: str, path: str, message: str, file: str) -> None:
    """Property: whatever text a capture puts into a finding (controls, newlines, bidi
    overrides, lone surrogates, '%', '|'), the github output is one line per finding and
    both formats encode as UTF-8."""
    fake = SimpleNamespace(kind="unknown_field", operation=op, file=file, entry=0, path=path,
                           message=message, severity="additive")  # fmt: skip
    report = Report(entries=1, findings=[cast(Finding, fake)])
    github = formats.render_github(report)
    assert len(github.splitlines()) == 2
    github.encode("utf-8")
    markdown = formats.render_markdown(report)
    markdown.encode("utf-8")
    rows = [line for line in markdown.splitlines() if line.startswith("| additive")]
    assert len(rows) == 1
