"""Issue 2: every JSON body shown in the seeds validates and round-trips losslessly.

The bodies live in tests/spec/seed_bodies/, one file each, copied verbatim from the
seed documents; the parametrize ids below list every one of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.paths import SEED_BODIES as SEED_DIR
from tickspec import spec, wire

SEED_BODIES = sorted(SEED_DIR.glob("*.json"))


def _doc(path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return doc


def test_every_seed_body_is_listed() -> None:
    """The seeds hold 25 JSON bodies in 002/003 and two in 000; none may go missing."""
    assert len(SEED_BODIES) == 27
    assert {_doc(p)["seed"] for p in SEED_BODIES} == {"000", "002", "003"}


@pytest.mark.parametrize("path", SEED_BODIES, ids=[p.stem for p in SEED_BODIES])
def test_seed_body_validates(path: Path) -> None:
    doc = _doc(path)
    validator = spec.load().schema_validator(doc["schema"])
    assert [e.message for e in validator.errors(doc["body"])] == []


@pytest.mark.parametrize("path", SEED_BODIES, ids=[p.stem for p in SEED_BODIES])
def test_seed_body_round_trips(path: Path) -> None:
    """Load into the model, dump by alias without unset fields: the same JSON.

    Comparing serialized text (keys sorted: JSON objects are unordered) rather than
    dicts also proves that timestamps keep their `.000+0000` form and that ints stay
    ints (`0 == 0.0` and `True == 1` would pass a dict comparison).
    """
    doc = _doc(path)
    body = doc["body"]
    assert wire.canonical(wire.roundtrip(doc["schema"], body)) == wire.canonical(body)


def test_unknown_fields_survive_nested() -> None:
    """A field the spec does not know, at any depth, comes back out unchanged."""
    doc = _doc(SEED_DIR / "002-pin-request.json")
    body = doc["body"]
    body["futureTopLevel"] = {"a": [1, None]}
    body["update"][0]["futureTaskField"] = "kept"
    body["update"][0]["reminders"][0]["futureReminderField"] = 7
    assert wire.roundtrip("task-batch-request.json", body) == body


def test_models_use_snake_case_attributes_with_wire_aliases() -> None:
    doc = _doc(SEED_DIR / "002-wont-do-request.json")
    batch = wire.load("task-batch-request.json", doc["body"])
    added = batch.add[0]
    assert added.repeat_task_id == "696b8b6f2c6f3277d1cc4331"
    assert added.completed_user_id == 130208689
    assert added.sort_order == -3298535473152
    assert added.due_date == "2026-01-17T15:00:00.000+0000"
    assert added.repeat_flag is None
    assert "repeatFlag" in wire.dump(added)
