"""The peers' model report (fixtures_har/peers/models-report.json) covers every fixture answer.

The report is written by fixtures_har/peers/models_report.py, which installs
pyticktick and ticktick-sdk; CI does not. These tests only read it: a capture's
answer that a peer parses must be in the report with the same body hash (else the
report is stale: re-run the script), and every disagreement in it must carry a
verdict with an explanation and evidence.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from fixtures_har.peers.models_report import REPORT, capture_cases
from tests.paths import ROOT

RERUN = "re-run `uv run python fixtures_har/peers/models_report.py`"


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(REPORT.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def parsed(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The captures' answers to operations some peer reads with a model."""
    operations = {op for ops in report["operations"].values() for op in ops}
    return [c for c in capture_cases() if c["operation"] in operations]


def test_every_parsed_answer_is_in_the_report(
    report: dict[str, Any], parsed: list[dict[str, Any]]
) -> None:
    """A new or changed capture answer (by file, entry and body hash) is not covered."""
    checked = report["checked"]
    missing = [c["key"] for c in parsed if c["key"] not in checked]
    changed = [c["key"] for c in parsed if c["key"] in checked
               and checked[c["key"]]["sha256"] != c["sha256"]]  # fmt: skip
    assert (missing, changed) == ([], []), RERUN


def test_the_report_names_no_capture_that_is_gone(
    report: dict[str, Any], parsed: list[dict[str, Any]]
) -> None:
    """Entries of removed captures are stale too (server answers are keyed `serve: ...`)."""
    keys = {c["key"] for c in parsed}
    stale = [k for k in report["checked"] if not k.startswith("serve: ") and k not in keys]
    assert stale == [], RERUN
    files = {k.split("#")[0] for k in report["checked"] if not k.startswith("serve: ")}
    assert all((ROOT / f).is_file() for f in files)


def test_every_disagreement_has_a_verdict_with_evidence(report: dict[str, Any]) -> None:
    """0 unexplained: each disagreement is explained or assigned, and cites evidence."""
    bare = [
        d["id"]
        for d in report["disagreements"]
        if d["verdict"] == "unexplained" or not d["explanation"] or not d["evidence"]
    ]
    assert bare == []
    assert report["summary"].get("unexplained", 0) == 0


def test_the_report_checked_both_peers_on_fixtures_and_server(report: dict[str, Any]) -> None:
    """Both peers ran, on captures (top level, peers/, real/) and on the server's answers."""
    assert set(report["operations"]) == {"pyticktick", "ticktick-sdk"}
    keys = list(report["checked"])
    for prefix in ("fixtures_har/real/", "fixtures_har/peers/", "serve: "):
        assert any(k.startswith(prefix) for k in keys), prefix
    assert {"syncV2", "signon", "getUserStatus"} <= set(report["operations"]["pyticktick"])
    assert {"syncV2", "getHabits", "getTask"} <= set(report["operations"]["ticktick-sdk"])
