"""`check --baseline`: accepted drift that must not keep a daily job red.

An entry is keyed by operation, kind and path with array indices normalised
(`update[3].status` -> `update[*].status`), so it matches the same drift in
tomorrow's capture, whatever position the object has. An entry can carry a
note (why it is accepted) and an expiry date, after which it stops suppressing:
accepted drift is a debt with a due date, not a mute button. Entries that match
nothing are reported as stale so that the baseline shrinks when the spec catches
up (oasdiff's `--err-ignore` has the same weakness without it).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from tickspec._tool_errors import ToolError
from tickspec.contract.findings import Finding, Report
from tickspec.contract.path_template import template

VERSION = 1
_INDEX = re.compile(r"\[[0-9]+\]")


class BaselineError(ToolError, ValueError):
    """The baseline file cannot be used; the message is one line naming it."""


def normalise(path: str) -> str:
    """`update[3].status` -> `update[*].status`: the same drift at any position."""
    return _INDEX.sub("[*]", path)


def _kind(finding: Finding) -> str:
    return str(getattr(finding.kind, "value", finding.kind))


def operation(name: str) -> str:
    """An unknown operation is named by its URL; ids in it are templated like `propose` does."""
    method, _, path = name.partition(" ")
    return f"{method} {template(path)}" if path.startswith("/") else name


def key(finding: Finding) -> tuple[str, str, str]:
    """What a baseline entry matches a finding by: operation, kind, normalised path."""
    return (operation(finding.operation), _kind(finding), normalise(finding.path))


@dataclass(frozen=True)
class Entry:
    """One accepted finding: its key, why it is accepted, and until when."""

    operation: str
    kind: str
    path: str
    note: str = ""
    expires: date | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """The key of `baseline.key` for this entry."""
        return (operation(self.operation), self.kind, normalise(self.path))

    def to_json(self) -> dict[str, Any]:
        """The entry as the baseline file writes it."""
        out: dict[str, Any] = {"operation": self.operation, "kind": self.kind, "path": self.path}
        out["note"] = self.note
        if self.expires is not None:
            out["expires"] = self.expires.isoformat()
        return out


@dataclass
class Outcome:
    """A report through a baseline: what it suppressed, and its stale and expired entries."""

    report: Report
    """The report without the suppressed findings."""
    suppressed: int = 0
    stale: list[Entry] = field(default_factory=list)
    expired: list[Entry] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The outcome for `check --format json`."""
        return {
            "suppressed": self.suppressed,
            "stale": [e.to_json() for e in self.stale],
            "expired": [e.to_json() for e in self.expired],
        }

    def lines(self) -> list[str]:
        """Status lines for the text and markdown reports."""
        out = [f"baseline: {self.suppressed} finding(s) suppressed"]
        out += [f"  stale (matches nothing, remove it): {_show(e)}" for e in self.stale]
        out += [f"  expired {e.expires} (no longer suppresses): {_show(e)}" for e in self.expired]
        return out


def _show(entry: Entry) -> str:
    note = f" ({entry.note})" if entry.note else ""
    return f"{entry.operation} {entry.kind} {entry.path}{note}"


def load(path: Path) -> list[Entry]:
    """The entries of a baseline file; BaselineError (one line) when it cannot be used."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise BaselineError(f"{path}: not JSON ({str(exc).splitlines()[0]})") from None
    items = doc.get("accepted") if isinstance(doc, dict) else None
    if not isinstance(items, list):
        raise BaselineError(f"{path}: not a tickspec baseline (no 'accepted' list)")
    entries = []
    for i, item in enumerate(items):
        where = f"{path}: accepted[{i}]"
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("operation", "kind", "path")
        ):
            raise BaselineError(f"{where}: needs string 'operation', 'kind' and 'path'")
        expires = item.get("expires")
        try:
            when = date.fromisoformat(expires) if expires is not None else None
        except (TypeError, ValueError):
            raise BaselineError(f"{where}: 'expires' is not a YYYY-MM-DD date") from None
        note = item.get("note", "")
        entries.append(Entry(item["operation"], item["kind"], item["path"], str(note), when))
    return entries


def apply(report: Report, entries: list[Entry], today: date | None = None) -> Outcome:
    """`report` without the findings a live entry accepts; expired entries suppress nothing."""
    today = today or date.today()
    live = {e.key: e for e in entries if e.expires is None or e.expires >= today}
    used: set[tuple[str, str, str]] = set()
    kept = []
    for finding in report.findings:
        k = key(finding)
        if k in live:
            used.add(k)
        else:
            kept.append(finding)
    filtered = dataclasses.replace(report, findings=kept)
    expired = [e for e in entries if e.expires is not None and e.expires < today]
    stale = [e for e in live.values() if e.key not in used]
    return Outcome(filtered, len(report.findings) - len(kept), stale, expired)


def entries_of(report: Report, previous: list[Entry] | None = None) -> list[Entry]:
    """One entry per distinct key, keeping the notes and dates of `previous` entries."""
    old = {e.key: e for e in previous or []}
    out: dict[tuple[str, str, str], Entry] = {}
    for finding in report.findings:
        k = key(finding)
        if k not in out:
            out[k] = old.get(k) or Entry(k[0], k[1], k[2])
    return sorted(out.values(), key=lambda e: e.key)


def write(path: Path, entries: list[Entry]) -> None:
    """Write atomically: a crash leaves the old baseline, never half a file."""
    doc = {"version": VERSION, "accepted": [e.to_json() for e in entries]}
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
