"""Running `tickspec probe` in-process against a local server, and reading its results."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tickspec.cli import main
from tickspec.probe.sandbox import ours
from tickspec.server.testing import ServerHandle

KINDS = ("tasks", "projects", "projectGroups", "tags", "filters", "columns", "habits",
         "habitCheckins", "habitSections")  # fmt: skip
DOCUMENTS = ("countdowns", "focusRecords", "comments")


@dataclass
class Run:
    code: int
    report: dict[str, Any]
    coverage: dict[str, Any]
    har: Path
    err: str


def probe(server: ServerHandle, tmp: Path, *extra: str) -> Run:
    """`tickspec probe` with the server's token for both APIs; JSON report and coverage."""
    report, cov, har = tmp / "report.json", tmp / "coverage.json", tmp / "probe.har"
    args = ["probe", "--token", server.token, "--open-api-token", server.token,
            "--base-url", server.base_url, "--rate", "1000", "--out", str(har),
            "--format", "json", "-o", str(report), "--coverage-out", str(cov), *extra]  # fmt: skip
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)

    def read(path: Path) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    return Run(code, read(report), read(cov), har, err.getvalue())


def objects(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every object of the account by kind: id -> name (title, note), trash excluded."""
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        out[kind] = {key: _label(obj) for key, obj in state[kind].items()}
    for kind in DOCUMENTS:
        stored = state["documents"].get(kind) or {}
        out[kind] = {k: _label(v) for k, v in stored.items() if v}
    return out


def _label(obj: Any) -> Any:
    if not isinstance(obj, dict):
        return obj
    return obj.get("name") or obj.get("title") or obj.get("note") or obj.get("habitId")


def probe_leftovers(state: dict[str, Any]) -> list[str]:
    """Names of probe objects still in the account (the trash aside)."""
    found = objects(state)
    return sorted(f"{kind}: {name}" for kind, items in found.items()
                  for name in items.values() if ours(name))  # fmt: skip


def findings(run: Run, operation: str | None = None) -> list[tuple[str, str, str]]:
    """(severity, kind, operation) of the report's findings, for one operation or all."""
    return sorted(
        (f["severity"], f["kind"], f["operation"])
        for f in run.report.get("findings", [])
        if operation is None or f["operation"] == operation
    )
