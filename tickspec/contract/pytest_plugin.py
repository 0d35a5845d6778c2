"""pytest plugin: `pytest --tickspec-har=captures/` gives one test item per capture entry.

Registered through the `pytest11` entry point `tickspec`, so installing tickspec
is enough. A team's CI then lists API drift like any failing test, per captured
request, with the findings as the failure message; `--tickspec-baseline=FILE` accepts
the drift a `tickspec check --write-baseline` file lists. Items are added at the start
of `pytest_collection_modifyitems` (tryfirst), so `-k` and `-m` still select
among them. An unusable capture becomes one failing item naming the file rather
than a collection crash.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tickspec.contract import har
from tickspec.contract.findings import Finding, Report, Severity, parse_fail_on
from tickspec.contract.har import HarError
from tickspec.contract.safe_text import escape

_CHECKER_KEY = pytest.StashKey[Any]()


class DriftFound(Exception):
    """Raised by an item whose entry has failing findings."""

    def __init__(self, findings: list[Finding]) -> None:
        super().__init__(f"{len(findings)} finding(s)")
        self.findings = findings


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("tickspec", "tickspec API drift checks")
    group.addoption(
        "--tickspec-har",
        action="append",
        default=[],
        metavar="PATH",
        help="check every entry of these .har files / folders against the tickspec spec",
    )
    group.addoption(
        "--tickspec-fail-on",
        default=Severity.BREAKING.value,
        metavar="SEVERITIES",
        help="severities that fail an entry besides breaking: lenient, additive, a comma "
        "list, or all (default: breaking)",
    )
    group.addoption(
        "--tickspec-baseline",
        default=None,
        metavar="FILE",
        help="accepted drift (a `tickspec check --write-baseline` file): its findings "
        "do not fail an entry; stale and expired entries are listed in the summary",
    )


class Accepted:
    """The live entries of a `--tickspec-baseline` file, and which of them matched."""

    def __init__(self, file: str) -> None:
        from datetime import date

        from tickspec.contract import baseline

        try:
            self.entries = baseline.load(Path(file))
        except baseline.BaselineError as exc:
            raise pytest.UsageError(f"--tickspec-baseline: {exc}") from None
        today = date.today()
        self.file = file
        self.live = {e.key: e for e in self.entries if e.expires is None or e.expires >= today}
        self.expired = [e for e in self.entries if e.expires is not None and e.expires < today]
        self.used: set[tuple[str, str, str]] = set()
        self.suppressed = 0

    def filter(self, findings: list[Finding]) -> list[Finding]:
        """The findings no live entry accepts; counts and remembers the others."""
        from tickspec.contract import baseline

        kept = []
        for finding in findings:
            key = baseline.key(finding)
            if key in self.live:
                self.used.add(key)
                self.suppressed += 1
            else:
                kept.append(finding)
        return kept

    def summary(self) -> list[str]:
        """Lines for the terminal summary: suppressed, stale and expired entries."""
        lines = [f"{self.file}: {self.suppressed} finding(s) suppressed"]
        stale = [e for k, e in self.live.items() if k not in self.used]
        lines += [f"  stale (matches nothing, remove it): {_show(e)}" for e in stale]
        lines += [f"  expired {e.expires} (no longer suppresses): {_show(e)}" for e in self.expired]
        return lines


def _show(entry: Any) -> str:
    return escape(f"{entry.operation} {entry.kind} {entry.path}")


_ACCEPTED_KEY = pytest.StashKey[Accepted | None]()


def pytest_configure(config: pytest.Config) -> None:
    try:
        parse_fail_on(config.getoption("tickspec_fail_on"))
    except ValueError as exc:
        raise pytest.UsageError(str(exc)) from None
    file = config.getoption("tickspec_baseline")
    config.stash[_ACCEPTED_KEY] = Accepted(file) if file else None


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say what the baseline suppressed, so accepted drift stays visible."""
    accepted = config.stash.get(_ACCEPTED_KEY, None)
    if accepted is not None and config.getoption("tickspec_har"):
        terminalreporter.write_sep("-", "tickspec baseline")
        for line in accepted.summary():
            terminalreporter.write_line(line)


def _checker(config: pytest.Config) -> Any:
    """The shared Checker of the bundled spec: compiled once per process, not per item."""
    if _CHECKER_KEY not in config.stash:
        from tickspec.contract.checker import default_checker

        config.stash[_CHECKER_KEY] = default_checker()
    return config.stash[_CHECKER_KEY]


class HarEntryItem(pytest.Item):
    """One request/response pair of a capture."""

    def __init__(self, *, entry: har.Entry, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.entry = entry

    def runtest(self) -> None:
        checker = _checker(self.config)
        report = Report()
        op = checker.check_entry(self.entry, report)
        if report.skipped:
            pytest.skip(f"not a TickTick API request ({self.entry.host})")
        failing = report.failing(parse_fail_on(self.config.getoption("tickspec_fail_on")))
        accepted = self.config.stash.get(_ACCEPTED_KEY, None)
        if accepted is not None:
            failing = accepted.filter(failing)
        if failing:
            raise DriftFound(failing)
        if op is not None:
            self.user_properties.append(("operation", op.operation_id))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, DriftFound):
            lines = [escape(f"{self.entry.method} {self.entry.url} -> {self.entry.status}")]
            lines += [
                escape(
                    f"  {f.severity.value} {f.side} {f.kind.value} [{f.operation}] {f.path}: "
                    f"{f.message}"
                )
                for f in excinfo.value.findings
            ]
            return "\n".join(lines)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.entry.index, self.name


class UnusableCapture(pytest.Item):
    """Stands for a capture that cannot be read, so the run fails with one clear line."""

    def __init__(self, *, error: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error = error

    def runtest(self) -> None:
        raise HarError(self.error)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        return escape(f"unusable capture: {excinfo.value}")

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, self.name


class HarCapture(pytest.File):
    """A .har file given through --tickspec-har."""

    def collect(self) -> Iterator[pytest.Item]:
        try:
            entries = list(har.entries(self.path))
            if not entries:
                raise HarError(f"{self.path}: no entries (an empty capture checks nothing)")
        except HarError as exc:
            yield UnusableCapture.from_parent(self, name="unusable", error=str(exc))
            return
        for entry in entries:
            name = f"{entry.index}:{entry.method} {entry.path}"
            yield HarEntryItem.from_parent(self, name=name, entry=entry)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    for raw in config.getoption("tickspec_har"):
        try:
            files = har.expand([raw])
        except HarError as exc:
            capture = HarCapture.from_parent(session, path=Path(raw).absolute())
            _add(config, items, capture, [UnusableCapture.from_parent(
                capture, name="unusable", error=str(exc))])  # fmt: skip
            continue
        for file in files:
            capture = HarCapture.from_parent(session, path=file.absolute())
            _add(config, items, capture, list(capture.collect()))


def _add(config: pytest.Config, items: list[pytest.Item], capture: HarCapture,
         found: list[pytest.Item]) -> None:  # fmt: skip
    """Add a capture's items, reporting them like collected ones (the 'collected N' count)."""
    items.extend(found)
    report = pytest.CollectReport(capture.nodeid, "passed", None, list(found))
    config.hook.pytest_collectreport(report=report)
