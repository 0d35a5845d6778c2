"""Operations exercised against the operations of the spec, each skipped one with why.

The list of operations is the spec's (`tickspec.spec.load()`), never the step
table's: an operation added to the spec without a probe step is reported as
"no probe step" instead of silently not being probed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tickspec.probe.plan import Step
from tickspec.probe.runner import Result
from tickspec.spec import Operation, Spec

SKIPPED = {
    "emptyTrash": "account-wide destructive: it empties the whole trash",
    "batchOrder": "rewrites the account's task order sections, not only the run's",
    "focusOp": "drives the account's one focus timer, which may be running on a device",
    "createTaskTemplate": "the spec has no operation to delete a template: no cleanup",
    "assignTasks": "needs a project shared with another member",
    "signin": "moved: the spec documents only its 405 (signon replaced it)",
    "oauthAuthorize": "interactive: a person approves the app in a browser",
    "oauthExchangeCode": "interactive: needs the code of a browser approval",
    "oauthRevoke": "would revoke the only token the probe holds: the user's own "
    "(their app's access or the personal API token)",
}
"""Operations the probe never sends, and why (its safety rules)."""

NO_STEP = "no probe step"


def api_of(op: Operation) -> str:
    """`open` for the Open API and its OAuth2 endpoints, `web` for the rest."""
    return "open" if op.path.startswith(("/open/", "/oauth/")) else "web"


@dataclass(frozen=True)
class Row:
    operation_id: str
    api: str
    statuses: tuple[int, ...]
    why: str = ""

    @property
    def exercised(self) -> bool:
        return bool(self.statuses)


@dataclass(frozen=True)
class Coverage:
    rows: tuple[Row, ...]

    def percent(self, api: str) -> float:
        """Share of the `api`'s operations that got an answer, in percent (1 decimal)."""
        mine = [r for r in self.rows if r.api == api]
        done = sum(r.exercised for r in mine)
        return round(100.0 * done / len(mine), 1) if mine else 0.0

    def counts(self, api: str) -> tuple[int, int]:
        mine = [r for r in self.rows if r.api == api]
        return sum(r.exercised for r in mine), len(mine)

    def to_json(self) -> dict[str, Any]:
        return {
            "totals": {
                api: {
                    "exercised": self.counts(api)[0],
                    "operations": self.counts(api)[1],
                    "percent": self.percent(api),
                }
                for api in ("web", "open")
            },
            "operations": {
                r.operation_id: {"api": r.api, "statuses": list(r.statuses), "why": r.why}
                for r in self.rows
            },
        }

    def render(self) -> str:
        """Text: the totals, then every operation not exercised with its reason."""
        lines = ["probe coverage:"]
        for api in ("web", "open"):
            done, total = self.counts(api)
            lines.append(
                f"  {api:4} API: {done}/{total} operations exercised ({self.percent(api)}%)"
            )
        missing = [r for r in self.rows if not r.exercised]
        if missing:
            lines.append("  not exercised:")
            lines += [f"    {r.operation_id} ({r.api}): {r.why}" for r in missing]
        return "\n".join(lines) + "\n"


def measure(
    spec: Spec, steps: Iterable[Step], result: Result, reasons: Mapping[str, str]
) -> Coverage:
    """One row per operation of the spec. `reasons`: why planned ones were left out
    of this run (`--read-only`, no Open API token, signed on with a token)."""
    planned = {s.operation_id for s in steps}
    statuses: dict[str, set[int]] = {}
    notes: dict[str, str] = {}
    for outcome in result.outcomes:
        if outcome.status is not None:
            statuses.setdefault(outcome.operation_id, set()).add(outcome.status)
        elif outcome.note:
            notes.setdefault(outcome.operation_id, f"no answer: {outcome.note}")
    rows = []
    for op in sorted(spec.operations, key=lambda o: o.operation_id):
        seen = tuple(sorted(statuses.get(op.operation_id, ())))
        why = ""
        if not seen:
            why = (
                reasons.get(op.operation_id)
                or SKIPPED.get(op.operation_id)
                or result.skipped.get(op.operation_id)
                or notes.get(op.operation_id)
                or ("not sent: the run stopped first" if op.operation_id in planned else NO_STEP)
            )
        rows.append(Row(op.operation_id, api_of(op), seen, why))
    return Coverage(tuple(rows))
