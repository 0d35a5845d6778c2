"""What `tickspec check` adds to the checker's report: baseline, coverage, markdown/github.

Kept out of tickspec/contract/cli.py so the check command stays a few lines of
wiring: `add_arguments` adds the options, `run` filters the report through the
baseline and measures coverage, `render` produces the chosen format with the
baseline and coverage sections added to what the contract renderer wrote. It
lives in contract/, with the baseline and coverage it runs, so that `check`
stands without the drift tools (drift/ builds on contract/, never the reverse).
"""

from __future__ import annotations

import argparse
import json
import shlex
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tickspec._tool_errors import ToolError
from tickspec.contract import baseline, coverage, formats, har
from tickspec.contract.findings import Finding, Report, Severity
from tickspec.contract.safe_text import json_safe
from tickspec.spec import Spec

FORMATS = formats.FORMATS


class HookError(ToolError, ValueError):
    """A baseline that cannot be read or written; the message is one line."""


@dataclass
class Outcome:
    """A check run after the baseline and coverage: what fails it, and what to do next."""

    report: Report
    baseline: baseline.Outcome | None = None
    coverage: coverage.Coverage | None = None
    below_minimum: bool = False
    written: str = ""
    minimum: float | None = None
    fail_on: frozenset[Severity] = frozenset({Severity.BREAKING})
    paths: tuple[str, ...] = ()
    baseline_file: str | None = None
    written_file: str | None = None

    def failing(self) -> list[Finding]:
        """The findings that fail the run: none once they were written as the baseline."""
        return [] if self.written_file else self.report.failing(self.fail_on)

    def fails(self) -> bool:
        """Whether the run exits 1."""
        return bool(self.failing()) or self.below_minimum

    def reasons(self) -> list[str]:
        """Why the run fails, one phrase each (empty when it passes)."""
        out = []
        failing = self.failing()
        if failing:
            out.append(f"{len(failing)} failing finding(s)")
        if self.below_minimum and self.coverage:
            out.append(
                f"{self.coverage.totals()['operations']}% of operations captured, below "
                f"--min-coverage {self.minimum:g}"
            )
        return out

    def lines(self) -> list[str]:
        """Baseline and coverage status lines for the text and markdown reports."""
        out = self.baseline.lines() if self.baseline else []
        if self.written:
            out.append(self.written)
        if self.below_minimum and self.coverage:
            out.append(f"coverage: {self.reasons()[-1]}")
        return out

    def next_step(self) -> str:
        """One line saying what to do now: propose, write the baseline, or generate."""
        paths = shlex.join(self.paths) if self.paths else "captures/"
        if self.written_file:
            return (
                f"next: commit {self.written_file}, giving each entry a note and an "
                "`expires` date; `--baseline` it in CI, so only new drift fails"
            )
        if self.failing():
            file = self.baseline_file or "drift-baseline.json"
            return (
                f"next: `tickspec propose {paths}` lists the schema edits (`--apply` "
                "writes them, then `tickspec generate`); or accept this drift: "
                f"`tickspec check {paths} --write-baseline {file}`"
            )
        if self.below_minimum:
            return (
                "next: capture the operations no entry exercised (see the coverage; "
                "`tickspec probe` records them from a live account, `tickspec import` "
                "from a browser HAR)"
            )
        if self.baseline and self.baseline.stale:
            return (
                f"next: remove the stale baseline entries from {self.baseline_file} (or "
                f"rewrite it: --write-baseline {self.baseline_file})"
            )
        if self.report.findings:
            return (
                f"next: `tickspec propose {paths} --apply` folds these findings into "
                "schemas/, then `tickspec generate` (they do not fail the run)"
            )
        return "next: nothing to do; the captures match the spec"


def add_arguments(check: argparse.ArgumentParser) -> None:
    """Add `--baseline`, `--write-baseline`, `--coverage` and `--min-coverage` to `check`."""
    check.add_argument("--baseline", metavar="FILE", help="ignore the accepted findings of FILE")
    check.add_argument(
        "--write-baseline", metavar="FILE", help="write the current findings to FILE as accepted"
    )
    check.add_argument(
        "--coverage", action="store_true", help="report operations, statuses, fields exercised"
    )
    check.add_argument(
        "--min-coverage",
        type=float,
        metavar="PCT",
        help="fail when fewer than PCT%% of the operations are captured (implies --coverage)",
    )


def check_minimum(value: float | None) -> None:
    """HookError unless `--min-coverage` is a percentage (NaN is not)."""
    if value is not None and not 0 <= value <= 100:
        raise HookError(f"--min-coverage: {value:g} is not a percentage (0 to 100)")


def run(
    args: argparse.Namespace,
    report: Report,
    spec: Spec,
    fail_on: frozenset[Severity] = frozenset({Severity.BREAKING}),
) -> Outcome:
    """Baseline and coverage for a check run; HarError / HookError on unusable input."""
    out = Outcome(report, fail_on=fail_on, paths=tuple(str(p) for p in args.paths))
    out.baseline_file = getattr(args, "baseline", None)
    check_minimum(getattr(args, "min_coverage", None))
    previous: list[baseline.Entry] = []
    try:
        if getattr(args, "baseline", None):
            previous = baseline.load(Path(args.baseline))
            out.baseline = baseline.apply(report, previous)
            out.report = out.baseline.report
        if getattr(args, "write_baseline", None):
            entries = baseline.entries_of(report, previous)
            baseline.write(Path(args.write_baseline), entries)
            out.written = f"baseline: {len(entries)} entries written to {args.write_baseline}"
            out.written_file = args.write_baseline
    except baseline.BaselineError as exc:
        raise HookError(str(exc)) from None
    except OSError as exc:
        raise HookError(f"{args.write_baseline}: cannot write ({exc.strerror or exc})") from None
    minimum = getattr(args, "min_coverage", None)
    if getattr(args, "coverage", False) or minimum is not None:
        hosts = [*har.API_HOSTS, *getattr(args, "host", [])]
        out.coverage = coverage.measure(spec, args.paths, hosts)
        out.minimum = minimum
        out.below_minimum = minimum is not None and out.coverage.totals()["operations"] < minimum
    return out


def render(outcome: Outcome, fmt: str, base: Callable[[Report], str]) -> str:
    """The report in `fmt`; `base` renders the contract suite's own formats. Every
    format carries the baseline and coverage status, and why the run fails."""
    if fmt == "github":
        return formats.render_github(outcome.report) + "".join(
            f"{line}\n" for line in _github_status(outcome)
        )
    if fmt == "markdown":
        extra = [f"- {line.strip()}" for line in outcome.lines()]
        if outcome.coverage is not None:
            extra += ["", coverage.render_markdown(outcome.coverage)]
        extra += ["", f"**Next:** {outcome.next_step().removeprefix('next: ')}"]
        return formats.render_markdown(outcome.report, extra, outcome.reasons())
    text = base(outcome.report)
    if fmt == "json":
        return _json(outcome, text)
    if fmt == "junit":
        return _junit(outcome, text)
    lines = outcome.lines()
    if lines:
        text += "\n".join(lines) + "\n"
    if outcome.coverage is not None:
        text += coverage.render_text(outcome.coverage)
    return text + outcome.next_step() + "\n"


def _json(outcome: Outcome, text: str) -> str:
    doc = json.loads(text)
    if outcome.baseline is not None:
        doc["baseline"] = outcome.baseline.to_json()
    if outcome.written_file is not None:
        doc["baseline_written"] = outcome.written_file
    if outcome.coverage is not None:
        doc["coverage"] = outcome.coverage.to_json()
    if outcome.minimum is not None:
        doc["min_coverage"] = {"minimum": outcome.minimum, "met": not outcome.below_minimum}
    doc["fails"] = outcome.fails()
    doc["reasons"] = outcome.reasons()
    doc["next_step"] = outcome.next_step()
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def _status(outcome: Outcome) -> dict[str, str]:
    """Baseline and coverage figures, by name, for the formats without prose."""
    out: dict[str, str] = {}
    if outcome.baseline is not None:
        out["baseline.suppressed"] = str(outcome.baseline.suppressed)
        out["baseline.stale"] = str(len(outcome.baseline.stale))
        out["baseline.expired"] = str(len(outcome.baseline.expired))
    if outcome.written_file is not None:
        out["baseline.written"] = outcome.written_file
    if outcome.coverage is not None:
        for name, pct in outcome.coverage.totals().items():
            out[f"coverage.{name}"] = f"{pct:g}%"
    if outcome.minimum is not None:
        out["coverage.minimum"] = f"{outcome.minimum:g}%"
    return out


def _junit(outcome: Outcome, text: str) -> str:
    """The contract suite's JUnit with the status as testsuite properties, and a failing
    `coverage` testcase when the run is below --min-coverage (so it says why it failed)."""
    suite = ET.fromstring(text)
    status = _status(outcome)
    if status:
        props = ET.Element("properties")
        for name, value in status.items():
            ET.SubElement(props, "property", name=f"tickspec.{name}", value=value)
        suite.insert(0, props)
    if outcome.minimum is not None and outcome.coverage is not None:
        case = ET.SubElement(suite, "testcase", classname="tickspec.check", name="coverage")
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
        if outcome.below_minimum:
            ET.SubElement(case, "failure", message=outcome.reasons()[-1], type="min_coverage")
            suite.set("failures", str(int(suite.get("failures", "0")) + 1))
    ET.indent(suite)
    return ET.tostring(suite, encoding="unicode", xml_declaration=True) + "\n"


def _github_status(outcome: Outcome) -> list[str]:
    """Baseline and coverage as notices; a coverage minimum missed as an error."""
    out = [formats.annotation("notice", "tickspec baseline", line.strip())
           for line in outcome.lines() if not line.startswith("coverage:")]  # fmt: skip
    if outcome.coverage is not None:
        totals = ", ".join(f"{k} {v:g}%" for k, v in outcome.coverage.totals().items())
        out.append(formats.annotation("notice", "tickspec coverage", totals))
    if outcome.below_minimum:
        out.append(formats.annotation("error", "tickspec coverage", outcome.reasons()[-1]))
    return out
