"""The probe's plan: one `Step` per operation, in an order that feeds ids forward.

A step names its operation and builds the typed call (a generated stub) from the
`Context`, where earlier steps left the ids of what they created. A step that
creates something says how to undo it (`undo`): the runner records that in the
sandbox ledger the moment the answer arrives, so cleanup after a failure knows
exactly what exists. A step that deletes one of the run's objects names its key
(`removes`), which takes it off the ledger.

Adding an operation is one `Step(...)` entry in a `steps_*.py` table; an
operation of the spec with no step, and no reason in `SKIPPED`, shows up in the
coverage as "not exercised: no probe step".
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from tickspec_generated.endpoints import ApiCall

PREFIX = "tickspec-probe"
"""Every object the probe creates is named with this prefix (tags: `tickspec-probe-<run>`)."""

Api = Literal["web", "open"]


@dataclass
class Context:
    """What a run knows: its id, the ids of what it created, and what it read."""

    run_id: str = field(default_factory=lambda: secrets.token_hex(4))
    ids: dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def name(self, what: str = "") -> str:
        """`tickspec-probe <run id> <what>`: the name of a sandbox object."""
        return f"{PREFIX} {self.run_id} {what}".rstrip()

    def tag(self, what: str) -> str:
        """Tag names are lowercase words: `tickspec-probe-<run id>-<what>`."""
        return f"{PREFIX}-{self.run_id}-{what}".lower()

    def day(self, offset: int = 0) -> str:
        """A day as `yyyyMMdd`, `offset` days from today (UTC)."""
        return (self.now + timedelta(days=offset)).strftime("%Y%m%d")

    def time(self, offset_minutes: int = 0) -> str:
        """A timestamp as TickTick writes it, `offset_minutes` from now."""
        when = self.now + timedelta(minutes=offset_minutes)
        return when.strftime("%Y-%m-%dT%H:%M:%S.000+0000")

    def __getitem__(self, key: str) -> Any:
        return self.ids[key]


Build = Callable[[Context], ApiCall[Any]]
Keep = Callable[[Context, Any], None]


@dataclass(frozen=True)
class Step:
    """One request of the plan (see the module docstring)."""

    operation_id: str
    call: Build
    api: Api = "web"
    writes: bool = False
    needs: tuple[str, ...] = ()
    """Context keys the call uses: without them (their step failed) it is skipped."""
    creates: str = ""
    """The context key of what it creates (its `undo` is recorded under it)."""
    undo: Build | None = None
    removes: tuple[str, ...] = ()
    keep: Keep | None = None
    """Takes what it needs from the answer's JSON (ids, a setting to restore)."""
    what: str = ""
    """For `--plan`: what it creates, changes or deletes."""
    also: tuple[Api, ...] = ()
    """Other APIs the step needs: an Open API create whose only delete is the web API's
    (tags, habits) is sent only when the web API can delete it again."""
    unmet: str = ""
    """Why it is skipped when its `needs` are missing (default: which key is missing)."""


def store(key: str, pick: Callable[[Any], Any] | None = None) -> Keep:
    """A `keep` that stores the answer (or `pick(answer)`) under `key`."""

    def keep(ctx: Context, answer: Any) -> None:
        ctx.ids[key] = answer if pick is None else pick(answer)

    return keep


def plan(
    steps: Iterable[Step], *, read_only: bool = False, apis: Iterable[Api] = ("web", "open")
) -> list[Step]:
    """The steps a run sends, in order: `read_only` drops every write and what needs one."""
    wanted = set(apis)
    chosen = [s for s in steps if s.api in wanted and wanted.issuperset(s.also)]
    if not read_only:
        return chosen
    created: set[str] = set()
    out = []
    for step in chosen:
        if step.writes:
            if step.creates:
                created.add(step.creates)
            continue
        if not set(step.needs) & created:
            out.append(step)
    return out


def render(steps: list[Step], skipped: dict[str, str]) -> str:
    """`--plan`: the operations in order with what each touches; then what is skipped."""
    lines = ["tickspec probe plan (nothing is sent):", ""]
    for number, step in enumerate(steps, 1):
        verb = "write" if step.writes else "read "
        detail = f"  {step.what}" if step.what else ""
        lines.append(f"{number:3}. {verb} {step.api:4} {step.operation_id}{detail}")
    lines += ["", "cleanup: every object still recorded as created is deleted, last first", ""]
    if skipped:
        lines.append("skipped:")
        lines += [f"  {op}: {why}" for op, why in sorted(skipped.items())]
    return "\n".join(lines) + "\n"
