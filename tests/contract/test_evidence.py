"""Issue 10 item 5: `tickspec check` says where each operation is known from (`x-evidence`).

A synthetic spec pins the evidence, so these tests see exact report lines; the bundled
spec's own evidence is checked against its OpenAPI document.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tickspec.contract.findings import Finding, Kind, Report
from tickspec.contract.report import render, render_json, render_junit, render_text
from tickspec.contract.safe_text import UNSAFE
from tickspec.spec import HTTP_METHODS, Spec, load
from tickspec.spec_evidence import summary

GET_A = ["seed 002", "pyticktick 0.3.0", "ticktick-sdk 0.4.3"]


def _spec(evidence_a: list[str] | None = None) -> Spec:
    ok = {"200": {"description": "ok"}}
    get_a: dict[str, Any] = {"operationId": "getA", "tags": ["t"], "responses": ok}
    if evidence_a is not None:
        get_a["x-evidence"] = evidence_a
    openapi = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/a": {"get": get_a},
            "/b": {"post": {"operationId": "postB", "x-evidence": ["inferred"], "responses": ok}},
            "/c": {"get": {"operationId": "getC", "responses": ok}},
        },
    }
    return Spec({"openapi": openapi, "schemas": {}})


def _finding(operation: str, kind: Kind = Kind.TYPE_MISMATCH) -> Finding:
    return Finding(kind, operation, "x.har", 0, "response.body.x", "expected integer")


def _report() -> Report:
    return Report(
        entries=4,
        matched=3,
        files=["x.har"],
        operations={"getA": 2, "postB": 1},
        findings=[_finding("getA"), _finding("GET /zzz", Kind.UNKNOWN_OPERATION)],
    )


@pytest.mark.parametrize(
    ("evidence", "short"),
    [
        ([], "not stated"),
        (["inferred"], "inferred"),
        (["ticktick-py 2.0.3"], "ticktick-py 2.0.3"),
        (["seed 001"], "seed 001"),
        (GET_A, "seed 002; 2 clients"),
        (["docs: a/b", "seed 002", "x 1", "seed 001", "y 2", "z 3", "docs: c/d x"],
         "seed 001, 002; 3 clients; 2 docs"),
        (["seed 003", "docs: luke1879012/dida_api"], "seed 003; 1 doc"),
    ],
)  # fmt: skip
def test_short_form(evidence: list[str], short: str) -> None:
    assert summary(evidence) == short


def test_operation_exposes_the_specs_x_evidence() -> None:
    spec = load()
    for path, item in spec.openapi["paths"].items():
        for method, node in item.items():
            if method in HTTP_METHODS:
                op = spec.operation(node["operationId"])
                assert op.evidence == tuple(node["x-evidence"]), (method, path)
                assert op.evidence, op.operation_id
    assert "seed 002" in spec.operation("batchTask").evidence
    assert spec.operation("signin").evidence == ("ticktick-py 2.0.3",)
    assert _spec().operation("getC").evidence == ()


def test_text_header_names_the_evidence_of_known_operations_only() -> None:
    lines = render_text(_report(), _spec(GET_A)).splitlines()
    assert "getA (2 entries checked, 1 finding(s)) [evidence: seed 002; 2 clients]" in lines
    assert "GET /zzz (0 entries checked, 1 finding(s))" in lines
    assert sum("[evidence:" in line for line in lines) == 1


def test_text_header_of_an_operation_without_evidence_says_not_stated() -> None:
    report = Report(entries=1, matched=1, operations={"getC": 1}, findings=[_finding("getC")])
    lines = render_text(report, _spec()).splitlines()
    assert lines[2] == "getC (1 entries checked, 1 finding(s)) [evidence: not stated]"


def test_json_adds_operations_with_their_evidence_and_keeps_every_key() -> None:
    report = _report()
    doc = json.loads(render_json(report, _spec(GET_A)))
    assert {k: v for k, v in doc.items() if k != "operations"} == report.to_json()
    assert doc["operations"] == {
        "getA": {"entries": 2, "evidence": GET_A, "evidence_summary": "seed 002; 2 clients"},
        "postB": {"entries": 1, "evidence": ["inferred"], "evidence_summary": "inferred"},
    }
    assert json.loads(render(Report(), "json", spec=_spec()))["operations"] == {}


def test_junit_testcase_carries_the_full_evidence_as_a_property() -> None:
    suite = ET.fromstring(render_junit(_report(), spec=_spec(GET_A)))
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    props = [(p.get("name"), p.get("value")) for p in cases["getA"].iter("property")]
    assert props == [("evidence", "seed 002; pyticktick 0.3.0; ticktick-sdk 0.4.3")]
    assert cases["GET /zzz"].find("properties") is None
    assert [child.tag for child in cases["getA"]] == ["properties", "failure"]


def test_default_spec_is_the_bundled_one() -> None:
    report = Report(entries=1, matched=1, operations={"signin": 1}, findings=[_finding("signin")])
    assert "[evidence: ticktick-py 2.0.3]" in render_text(report)
    assert json.loads(render_json(report))["operations"]["signin"]["evidence"] == [
        "ticktick-py 2.0.3"
    ]


HOSTILE = st.text(st.one_of(st.characters(), st.sampled_from(["\ud800", "\x1b", "\u202e", "\n"])))


@given(st.lists(HOSTILE, max_size=4))
def test_hostile_evidence_is_escaped_in_every_format(evidence: list[str]) -> None:
    """Property: whatever text `x-evidence` holds, the text report stays one line per
    header with no unsafe character, JUnit stays parseable XML holding the escaped list,
    and JSON (valid UTF-8 even with lone surrogates) keeps the list as given."""
    spec, report = _spec(evidence), _report()
    text = render_text(report, spec)
    assert not any(UNSAFE.search(line) for line in text.splitlines())
    header = next(line for line in text.splitlines() if line.startswith("getA ("))
    assert header.endswith("]")
    suite = ET.fromstring(render_junit(report, spec=spec))
    prop = next(suite.iter("property"))
    assert not UNSAFE.search(prop.get("value") or "")
    doc = json.loads(render_json(report, spec).encode("utf-8"))
    assert doc["operations"]["getA"]["evidence"] == evidence
