"""Text, JSON and markdown renderings of proposals and spec changes.

The markdown of `diff` is meant to be pasted as a changelog entry, so it is
grouped by what a user of the client must do (breaking first), not by file.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tickspec.contract.safe_text import escape, json_safe

if TYPE_CHECKING:
    from tickspec.drift.diff import Change
    from tickspec.drift.propose import Proposal

SEVERITIES = ("breaking", "warning", "safe")
HEADINGS = {
    "breaking": "Breaking changes",
    "warning": "Changes to review",
    "safe": "Additions and safe changes",
}
WIDTH = 100
"""The text report's lines fold here (names lists run long: a task field reaches ~30 methods)."""


def proposal_text(proposal: Proposal) -> str:
    patches = proposal.patches()
    lines = [
        f"tickspec propose: {len(proposal.edits)} edit(s) in {len(patches)} file(s) from "
        f"{proposal.findings} finding(s); {len(proposal.manual)} left for a human"
    ]
    for file in patches:
        lines += ["", file]  # a blank line, not "\n" in a line: escape() would show it
        for edit in (e for e in proposal.edits if e.file == file):
            lines.append(f"  {edit.op['op']:<7} {edit.op['path'] or '(new file)'}: {edit.reason}")
    if proposal.manual:
        lines += ["", "to edit by hand:"]
        seen = set()
        for finding in proposal.manual:
            key = (finding.operation, finding.kind, finding.path)
            if key not in seen:
                seen.add(key)
                lines.append(
                    f"  {finding.operation}: {finding.kind.value} at {finding.path}: "
                    f"{finding.message}"
                )
                lines.append(f"    why: {proposal.why(finding)}")
    return "\n".join(map(escape, lines)) + "\n"


def proposal_json(proposal: Proposal) -> str:
    doc = {
        "findings": proposal.findings,
        "patches": proposal.patches(),
        "edits": [e.to_json() for e in proposal.edits],
        "manual": [{**f.to_json(), "why": proposal.why(f)} for f in proposal.manual],
    }
    return json_safe(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n"


def _split(change: Change) -> tuple[list[str], list[str]]:
    """(model attributes and stub parameters, client methods) of a change's `python`."""
    from tickspec.drift.surface import is_call

    return [n for n in change.python if not is_call(n)], [n for n in change.python if is_call(n)]


def _wrapped(label: str, names: Sequence[str]) -> list[str]:
    """`label: a, b, c` folded to the width of a terminal, continued under the first name."""
    indent = " " * 11
    lines = textwrap.wrap(
        f"{label}: " + ", ".join(names),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + " " * (len(label) + 2),
        break_on_hyphens=False,
    )
    return lines


def changes_text(changes: Sequence[Change]) -> str:
    """`tickspec diff`'s text: one entry per change, with what it affects in Python."""
    counts = {s: sum(c.severity == s for c in changes) for s in SEVERITIES}
    head = ", ".join(f"{n} {s}" for s, n in counts.items())
    lines = [f"tickspec diff: {len(changes)} change(s): {head}"]
    for change in changes:
        attributes, calls = _split(change)
        lines.append(f"  {change.severity:<8} {change.kind:<22} {change.pointer}")
        lines.append(f"           {change.message}")
        if attributes:
            lines += _wrapped("python", attributes)
        if calls:
            lines += _wrapped("methods", calls)
        if change.operations:
            lines += _wrapped("operations", change.operations)
    return "\n".join(map(escape, lines)) + "\n"


def _code(names: Sequence[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def changes_markdown(changes: Sequence[Change], base: str, head: str) -> str:
    """`tickspec diff`'s changelog entry: breaking, then to review, then safe."""
    lines = [f"## API changes ({base} → {head})", ""]
    if not changes:
        return "\n".join([*lines, "No change to the generated client.", ""])
    for severity in SEVERITIES:
        group = [c for c in changes if c.severity == severity]
        if not group:
            continue
        lines += [f"### {HEADINGS[severity]}", ""]
        for change in group:
            attributes, calls = _split(change)
            lead = attributes[:1] or ([change.operation] if change.operation else [])
            where = f"{_code(lead)}: " if lead else ""
            lines.append(f"- {where}{change.message} (`{change.pointer}`)")
            if attributes[1:]:
                lines.append(f"  - also: {_code(attributes[1:])}")
            if calls:
                lines.append(f"  - methods: {_code(calls)}")
            if change.operations:
                lines.append(f"  - operations: {_code(change.operations)}")
        lines.append("")
    return "\n".join(map(escape, lines))
