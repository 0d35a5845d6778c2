"""Rendering a check `Report` for people (text), tools (json) and CI dashboards (junit).

The text table is grouped by operation because drift is fixed per operation
(one schema edit fixes every entry of it). The JSON document's keys are an
interface: add keys, never rename them. JUnit has one testcase per operation so
that CI systems list API drift like failing tests, by endpoint.

Each operation's block says where the spec knows it from (`x-evidence`): drift on an
operation seen in a seed capture likely means the server changed, drift on one only
inferred likely means the spec guessed wrong.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tickspec import spec_evidence as evidence
from tickspec.contract.findings import Finding, Report, Severity
from tickspec.contract.safe_text import escape, json_safe

if TYPE_CHECKING:
    from tickspec.spec import Spec

FORMATS = ("text", "json", "junit")


def _where(finding: Finding) -> str:
    return f"{Path(finding.file).name}#{finding.entry}"


def _by_operation(report: Report) -> dict[str, list[Finding]]:
    groups: dict[str, list[Finding]] = defaultdict(list)
    for operation in sorted(report.operations):
        groups[operation] = []
    for finding in report.findings:
        groups[finding.operation].append(finding)
    return dict(sorted(groups.items()))


def _evidence(spec: Spec | None) -> dict[str, tuple[str, ...]]:
    """operationId -> `x-evidence` of the spec the report was checked against (the bundled
    one unless given); loaded only when a report names operations."""
    if spec is None:
        from tickspec.spec import load

        spec = load()
    return {op.operation_id: op.evidence for op in spec.operations}


def operations_json(report: Report, spec: Spec | None = None) -> dict[str, dict[str, Any]]:
    """Per operation checked: its entries and where the spec knows it from."""
    known = _evidence(spec) if report.operations else {}
    return {
        op: {
            "entries": count,
            "evidence": list(known.get(op, ())),
            "evidence_summary": evidence.summary(known.get(op, ())),
        }
        for op, count in sorted(report.operations.items())
    }


def summary(report: Report) -> str:
    counts = report.counts()
    return (
        f"{len(report.files)} file(s), {report.entries} entries: {report.matched} matched, "
        f"{report.skipped} skipped, {report.rejected_as_documented} rejected as documented; "
        f"{counts['breaking']} breaking, {counts['lenient']} lenient, "
        f"{counts['additive']} additive finding(s)"
    )


def render_text(report: Report, spec: Spec | None = None) -> str:
    """A readable table, one block per operation that has findings, its header naming
    where the operation is known from (none for an operation the spec lacks)."""
    lines = [f"tickspec check: {summary(report)}"]
    order = {Severity.BREAKING: 0, Severity.LENIENT: 1, Severity.ADDITIVE: 2}
    groups = {op: fs for op, fs in _by_operation(report).items() if fs}
    if not groups:
        lines.append(f"no drift: {len(report.operations)} operation(s) match the spec")
        return "\n".join(lines) + "\n"
    known = _evidence(spec)
    for operation, findings in groups.items():
        checked = report.operations.get(operation, 0)
        title = f"{operation} ({checked} entries checked, {len(findings)} finding(s))"
        if operation in known:
            title += f" [evidence: {evidence.summary(known[operation])}]"
        lines += ["", escape(title)]
        rows = [
            tuple(
                map(escape, (f.severity.value, f.side, f.kind.value, _where(f), f.path, f.message))
            )
            for f in sorted(findings, key=lambda f: (order[f.severity], f.file, f.entry, f.path))
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(5)]
        for row in rows:
            cells = [cell.ljust(width) for cell, width in zip(row[:5], widths, strict=True)]
            lines.append("  " + "  ".join([*cells, row[5]]).rstrip())
    return "\n".join(lines) + "\n"


def render_json(report: Report, spec: Spec | None = None) -> str:
    doc = {**report.to_json(), "operations": operations_json(report, spec)}
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def render_junit(
    report: Report,
    fail_on: Iterable[Severity] | Severity = Severity.BREAKING,
    spec: Spec | None = None,
) -> str:
    """JUnit XML: a testsuite `tickspec check`, one testcase per operation, with an
    `evidence` property where the spec has the operation. Every string from the capture
    is escaped: XML 1.0 cannot hold control characters or surrogates."""
    groups = _by_operation(report)
    known = _evidence(spec) if groups else {}
    failing_ids = {id(f) for f in report.failing(fail_on)}
    suite = ET.Element(
        "testsuite",
        name="tickspec check",
        tests=str(len(groups)),
        failures="0",
        errors="0",
        skipped="0",
    )
    failures = 0
    for operation, findings in groups.items():
        case = ET.SubElement(suite, "testcase", classname="tickspec.check", name=escape(operation))
        if operation in known:
            properties = ET.SubElement(case, "properties")
            ET.SubElement(
                properties, "property", name="evidence", value=escape("; ".join(known[operation]))
            )
        failing = [f for f in findings if id(f) in failing_ids]
        body = "\n".join(
            escape(f"{f.severity.value} {f.side} {f.kind.value} {_where(f)} {f.path}: {f.message}")
            for f in findings
        )
        if failing:
            failures += 1
            failure = ET.SubElement(
                case,
                "failure",
                message=escape(
                    f"{len(failing)} finding(s), first: {failing[0].kind.value} "
                    f"at {failing[0].path}"
                ),
                type=failing[0].kind.value,
            )
            failure.text = body
        elif findings:
            ET.SubElement(case, "system-out").text = body
    suite.set("failures", str(failures))
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def render(
    report: Report,
    fmt: str,
    fail_on: Iterable[Severity] | Severity = Severity.BREAKING,
    spec: Spec | None = None,
) -> str:
    if fmt == "json":
        return render_json(report, spec)
    if fmt == "junit":
        return render_junit(report, fail_on, spec)
    return render_text(report, spec)
