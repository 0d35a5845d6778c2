"""Rendering a check `Report` for people (text), tools (json) and CI dashboards (junit).

The text table is grouped by operation because drift is fixed per operation
(one schema edit fixes every entry of it). The JSON document's keys are an
interface: add keys, never rename them. JUnit has one testcase per operation so
that CI systems list API drift like failing tests, by endpoint.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tickspec.contract.findings import Finding, Report, Severity
from tickspec.contract.safe_text import escape, json_safe

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


def summary(report: Report) -> str:
    counts = report.counts()
    return (
        f"{len(report.files)} file(s), {report.entries} entries: {report.matched} matched, "
        f"{report.skipped} skipped, {report.rejected_as_documented} rejected as documented; "
        f"{counts['breaking']} breaking, {counts['lenient']} lenient, "
        f"{counts['additive']} additive finding(s)"
    )


def render_text(report: Report) -> str:
    """A readable table, one block per operation that has findings."""
    lines = [f"tickspec check: {summary(report)}"]
    order = {Severity.BREAKING: 0, Severity.LENIENT: 1, Severity.ADDITIVE: 2}
    groups = {op: fs for op, fs in _by_operation(report).items() if fs}
    if not groups:
        lines.append(f"no drift: {len(report.operations)} operation(s) match the spec")
        return "\n".join(lines) + "\n"
    for operation, findings in groups.items():
        checked = report.operations.get(operation, 0)
        title = f"{operation} ({checked} entries checked, {len(findings)} finding(s))"
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


def render_json(report: Report) -> str:
    return json_safe(json.dumps(report.to_json(), indent=2, ensure_ascii=False)) + "\n"


def render_junit(report: Report, fail_on: Iterable[Severity] | Severity = Severity.BREAKING) -> str:
    """JUnit XML: a testsuite `tickspec check`, one testcase per operation. Every string
    from the capture is escaped: XML 1.0 cannot hold control characters or surrogates."""
    groups = _by_operation(report)
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
    report: Report, fmt: str, fail_on: Iterable[Severity] | Severity = Severity.BREAKING
) -> str:
    if fmt == "json":
        return render_json(report)
    if fmt == "junit":
        return render_junit(report, fail_on)
    return render_text(report)
