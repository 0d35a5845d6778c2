"""Real payloads (fixtures_har/real/): they check clean and the typed client keeps them whole.

Each capture holds server output copied from a public source (provenance in
fixtures_har/real/README.md). The spec must accept every one of them as it is, and
the generated models, driven through `tickspec.wire`, must load and dump every body
back to the same JSON.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.paths import FIXTURES
from tickspec import wire
from tickspec.contract import har
from tickspec.contract.checker import Checker, check_paths

REAL = FIXTURES / "real"
CAPTURES = sorted(REAL.glob("*.har"))
CHECKER = Checker()
SCHEMAS = "https://tickspec.local/schemas/"


def schema_file(schema: dict[str, Any]) -> str:
    """The schema file a spec body schema points to (`{"$ref": ".../task.json"}`)."""
    ref = str(schema["$ref"])
    assert ref.startswith(SCHEMAS) and "#" not in ref, ref
    return ref.removeprefix(SCHEMAS)


def bodies(path: Path) -> list[tuple[str, str, Any]]:
    """(side, schema file, JSON value) of every body of a capture that has a schema."""
    out = []
    for entry in har.entries(path):
        op, _ = CHECKER.router.match(entry.method, entry.path)
        assert op is not None, f"{path.name}#{entry.index} matches no operation"
        answer = op.response_schema(entry.status)[1]
        sides = [("request", op.request_schema, entry.request_body),
                 ("response", answer, entry.response_body)]  # fmt: skip
        for side, schema, raw in sides:
            value, error = raw.parse()
            if schema is not None and error is None:
                out.append((side, schema_file(schema), value))
    return out


def test_there_are_enough_real_payloads() -> None:
    """Issue 18: at least 25 payloads, each file listed in the provenance table."""
    assert len(CAPTURES) >= 25
    table = (REAL / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in CAPTURES if f"`{p.name}`" not in table] == []


@pytest.mark.parametrize("path", CAPTURES, ids=[p.stem for p in CAPTURES])
def test_real_payload_checks_clean(path: Path) -> None:
    """Every entry matches an operation and `check` has nothing to say about it."""
    report = check_paths([path])
    assert (report.matched, report.skipped) == (report.entries, 0)
    assert [(f.kind, f.path, f.message) for f in report.findings] == []


@pytest.mark.parametrize("path", CAPTURES, ids=[p.stem for p in CAPTURES])
def test_real_payload_round_trips(path: Path) -> None:
    """Load each body into its generated model and dump it: the same JSON text (keys
    sorted), so `null`s, empty strings, int-vs-float and timestamps survive."""
    found = bodies(path)
    assert any(side == "response" for side, _, _ in found)
    for side, schema, value in found:
        assert wire.canonical(wire.roundtrip(schema, value)) == wire.canonical(value), side
