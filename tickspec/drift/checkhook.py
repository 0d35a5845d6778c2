"""What `tickspec check` gains from the drift loop: baseline, coverage, markdown/github.

Kept out of tickspec/contract/cli.py so the check command stays a few lines of
wiring: `add_arguments` adds the options, `run` filters the report through the
baseline and measures coverage, `render` produces the chosen format with the
baseline and coverage sections added to what the contract renderer wrote.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tickspec.contract import har
from tickspec.contract.findings import Report
from tickspec.contract.safe_text import json_safe
from tickspec.drift import baseline, coverage, formats
from tickspec.spec import Spec

FORMATS = formats.FORMATS


class HookError(ValueError):
    """A baseline that cannot be read or written; the message is one line."""


@dataclass
class Outcome:
    report: Report
    baseline: baseline.Outcome | None = None
    coverage: coverage.Coverage | None = None
    below_minimum: bool = False
    written: str = ""

    def lines(self) -> list[str]:
        out = self.baseline.lines() if self.baseline else []
        if self.written:
            out.append(self.written)
        if self.below_minimum and self.coverage:
            out.append(f"coverage: {self.coverage.totals()['operations']}% of operations "
                       "captured, below --min-coverage")  # fmt: skip
        return out


def add_arguments(check: argparse.ArgumentParser) -> None:
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


def run(args: argparse.Namespace, report: Report, spec: Spec) -> Outcome:
    """Baseline and coverage for a check run; HarError / HookError on unusable input."""
    out = Outcome(report)
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
    except baseline.BaselineError as exc:
        raise HookError(str(exc)) from None
    except OSError as exc:
        raise HookError(f"{args.write_baseline}: cannot write ({exc.strerror or exc})") from None
    minimum = getattr(args, "min_coverage", None)
    if getattr(args, "coverage", False) or minimum is not None:
        hosts = [*har.API_HOSTS, *getattr(args, "host", [])]
        out.coverage = coverage.measure(spec, args.paths, hosts)
        out.below_minimum = minimum is not None and out.coverage.totals()["operations"] < minimum
    return out


def render(outcome: Outcome, fmt: str, base: Callable[[Report], str]) -> str:
    """The report in `fmt`; `base` renders the contract suite's own formats."""
    if fmt == "github":
        return formats.render_github(outcome.report)
    if fmt == "markdown":
        extra = [f"- {line.strip()}" for line in outcome.lines()]
        if outcome.coverage is not None:
            extra += ["", coverage.render_markdown(outcome.coverage)]
        return formats.render_markdown(outcome.report, extra)
    text = base(outcome.report)
    if fmt == "json":
        doc = json.loads(text)
        if outcome.baseline is not None:
            doc["baseline"] = outcome.baseline.to_json()
        if outcome.coverage is not None:
            doc["coverage"] = outcome.coverage.to_json()
        return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"
    if fmt == "text":
        lines = outcome.lines()
        if lines:
            text += "\n".join(lines) + "\n"
        if outcome.coverage is not None:
            text += coverage.render_text(outcome.coverage)
    return text
