"""`check --format markdown|github`: a report for an issue body, and workflow annotations.

Markdown is what the daily drift job pastes into the issue it opens, so it leads
with the verdict and groups findings by operation (one schema edit per
operation). GitHub annotations (`::error file=...::`) put each finding on the
capture file in the workflow run's summary; severities are read as strings so a
new one (such as `lenient`) renders as a warning without a code change here.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from tickspec.contract.findings import Finding, Report
from tickspec.contract.safe_text import escape

FORMATS = ("markdown", "github")


def severity(finding: Finding) -> str:
    """The finding's severity as a string (a new severity renders without a code change)."""
    return str(getattr(finding.severity, "value", finding.severity))


def kind(finding: Finding) -> str:
    """The finding's kind as a string."""
    return str(getattr(finding.kind, "value", finding.kind))


def _counts(report: Report) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for finding in report.findings:
        out[severity(finding)] += 1
    return out


def _cell(text: str) -> str:
    return escape(text).replace("|", "\\|")


def render_markdown(
    report: Report, extra: list[str] | None = None, reasons: list[str] | None = None
) -> str:
    """An issue or PR comment: the verdict, then the findings by operation; `reasons`
    says why the run fails when it does (a coverage minimum fails with no finding)."""
    counts = _counts(report)
    verdict = "no drift" if not report.findings else "API drift found"
    tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no findings"
    lines = [
        f"## tickspec check: {verdict}",
        "",
        f"{len(report.files)} capture file(s), {report.entries} entries ({report.matched} "
        f"matched an operation, {report.skipped} skipped): {tally}.",
        "",
    ]
    if reasons:
        lines[2:2] = [f"**The run fails:** {_cell('; '.join(reasons))}.", ""]
    groups: dict[str, list[Finding]] = defaultdict(list)
    for finding in report.findings:
        groups[finding.operation].append(finding)
    for operation in sorted(groups):
        findings = groups[operation]
        lines += [
            f"### `{escape(operation)}` ({len(findings)} finding(s))",
            "",
            "| severity | kind | where | path | message |",
            "|---|---|---|---|---|",
        ]
        for f in sorted(findings, key=lambda f: (severity(f) != "breaking", f.path, f.entry)):
            where = f"{Path(f.file).name}#{f.entry}"
            lines.append(
                f"| {severity(f)} | {kind(f)} | {_cell(where)} | `{_cell(f.path)}` | "
                f"{_cell(f.message)} |"
            )
        lines.append("")
    if extra:
        lines += [*extra, ""]
    return "\n".join(lines)


def annotation(level: str, title: str, text: str) -> str:
    """One workflow command (`::notice title=...::text`), its parts escaped."""
    return f"::{level} title={_escape_property(escape(title))}::{_escape_data(escape(text))}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: Report) -> str:
    """One workflow command per finding: `::error` for breaking, `::warning` otherwise."""
    lines = []
    for f in report.findings:
        level = "error" if severity(f) == "breaking" else "warning"
        title = _escape_property(escape(f"{severity(f)} {kind(f)}: {f.operation}"))
        file = _escape_property(escape(f.file))
        message = _escape_data(escape(f"{f.path} (entry {f.entry}): {f.message}"))
        lines.append(f"::{level} file={file},title={title}::{message}")
    counts = _counts(report)
    tally = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no findings"
    lines.append(f"::notice title=tickspec check::{report.entries} entries checked: {tally}")
    return "\n".join(lines) + "\n"
