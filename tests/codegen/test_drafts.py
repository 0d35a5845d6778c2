"""Issue 12: the request-side drafts are derived from their full schemas, not copied.

When the derivation replaced the hand-written drafts (commit 8af6265), the
expanded drafts equalled them but for each file's own description; that snapshot is not
kept, since it would be one more copy to edit with every new field. What stays checked is
the rule itself: every field of the full schema, nullable, with TimestampIn.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from codegen.drafts import DRAFT_OF, OVERRIDES, _nullable, expand_drafts
from codegen.models import render_models
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import SpecError, load_spec

DRAFTS = sorted(p.name for p in DEFAULT_SCHEMAS.glob("*-draft.json"))
"""Every draft file, so a hand-written copy cannot come back unnoticed."""


def test_every_draft_is_derived() -> None:
    assert DRAFTS == [
        "comment-draft.json",
        "project-draft.json",
        "project-group-draft.json",
        "tag-draft.json",
        "task-draft.json",
    ]
    comment = load_spec(DEFAULT_SCHEMAS).schemas["comment-draft.json"]
    assert comment["required"] == ["title"]
    assert comment["properties"]["title"] == {"description": "The comment text.", "type": "string"}
    assert comment["properties"]["createdTime"]["anyOf"][0] == {
        "$ref": "common.json#/$defs/TimestampIn"
    }


def _schemas(root: Path = DEFAULT_SCHEMAS) -> dict[str, Any]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.json"))}


@pytest.mark.parametrize("name", DRAFTS)
def test_draft_files_are_declarations(name: str) -> None:
    declared = json.loads((DEFAULT_SCHEMAS / name).read_text(encoding="utf-8"))
    assert declared[DRAFT_OF] == name.replace("-draft", "")
    assert "properties" not in declared
    assert set(declared.get(OVERRIDES, {})) <= {"groupId"}, "overrides stay the exception"


def test_a_field_added_to_the_full_schema_reaches_the_draft() -> None:
    schemas = _schemas()
    schemas["task.json"]["properties"]["driftProbe"] = {
        "description": "a new field",
        "$ref": "common.json#/$defs/Timestamp",
    }
    schemas["checklist-item.json"]["properties"]["itemProbe"] = {"type": "integer"}
    draft = expand_drafts(schemas)["task-draft.json"]
    assert draft["properties"]["driftProbe"] == {
        "description": "a new field",
        "anyOf": [{"$ref": "common.json#/$defs/TimestampIn"}, {"type": "null"}],
    }
    item = draft["$defs"]["ChecklistItemDraft"]["properties"]["itemProbe"]
    assert item == {"type": ["integer", "null"]}
    assert list(draft["properties"])[-1] == "driftProbe", "the full schema's order"
    assert "driftProbe" not in expand_drafts(_schemas())["task-draft.json"]["properties"]


def test_the_model_of_a_draft_gains_the_new_field(tmp_path: Path) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(DEFAULT_SCHEMAS, schemas)
    tag = json.loads((schemas / "tag.json").read_text(encoding="utf-8"))
    tag["properties"]["driftProbe"] = {"type": "string", "description": "a new field"}
    (schemas / "tag.json").write_text(json.dumps(tag), encoding="utf-8")
    text = render_models(load_spec(schemas))["tag_draft.py"]
    assert 'drift_probe: Annotated[str | None, Field(alias="driftProbe")] = None' in text
    assert "class TagDraft(BaseModel):" in text


def test_refs_are_retargeted_for_the_drafts_file() -> None:
    task = load_spec(DEFAULT_SCHEMAS).schemas["task-draft.json"]["properties"]
    assert task["reminders"]["items"] == {"$ref": "#/$defs/TaskReminderDraft"}
    assert task["items"]["items"] == {"$ref": "#/$defs/ChecklistItemDraft"}
    assert task["focusSummaries"]["items"] == {"$ref": "task.json#/$defs/FocusSummary"}
    assert 'common.json#/$defs/Timestamp"' not in json.dumps(task)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({DRAFT_OF: "nowhere.json"}, "tag-draft.json: x-tickspec-draft-of names 'nowhere.json'"),
        ({OVERRIDES: {"ghost": {}}}, "tag-draft.json: overrides ['ghost'], which tag.json"),
    ],
)
def test_a_broken_declaration_is_a_one_line_error(
    tmp_path: Path, edit: dict[str, Any], message: str
) -> None:
    schemas = tmp_path / "schemas"
    shutil.copytree(DEFAULT_SCHEMAS, schemas)
    tag = json.loads((schemas / "tag-draft.json").read_text(encoding="utf-8"))
    (schemas / "tag-draft.json").write_text(json.dumps({**tag, **edit}), encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(schemas)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


SCALARS = st.sampled_from(["string", "integer", "boolean", "number", "array", "object"])
PROPERTY = st.one_of(
    st.builds(lambda t: {"type": t}, SCALARS),
    st.builds(lambda ts: {"type": ts}, st.lists(SCALARS, min_size=1, max_size=3, unique=True)),
    st.builds(
        lambda vs: {"enum": vs},
        st.lists(st.one_of(st.integers(-3, 5), st.text(max_size=3)), min_size=1, unique=True),
    ),
    st.builds(lambda t, vs: {"type": t, "enum": vs}, st.just("integer"), st.just([0, 1, 2])),
    st.just({"$ref": "#/$defs/Id"}),
    st.just({"anyOf": [{"$ref": "#/$defs/Id"}, {"type": "integer"}]}),
    st.just({"type": ["string", "null"]}),
)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=2), inner),
    max_leaves=4,
)
DEFS = {"Id": {"type": "string", "pattern": "^[0-9a-f]{2}$"}}


@given(prop=PROPERTY, value=VALUES)
def test_nullable_is_the_property_or_null(prop: dict[str, Any], value: object) -> None:
    """Property: the draft form of a property accepts null, and otherwise exactly the
    values the full schema's form accepts."""
    liberal = _nullable(copy.deepcopy(prop))

    def valid(schema: dict[str, Any]) -> bool:
        return jsonschema.Draft202012Validator({**schema, "$defs": DEFS}).is_valid(value)

    assert valid(liberal) == (value is None or valid(prop))


def test_propose_checks_against_the_expanded_drafts() -> None:
    from tickspec.drift.source import load_folder

    bundled = load_folder(DEFAULT_SCHEMAS).bundle()["schemas"]
    expanded = load_spec(DEFAULT_SCHEMAS).schemas
    assert all(bundled[name] == expanded[name] for name in DRAFTS)


def test_diff_sees_a_full_schema_change_in_the_draft_too(tmp_path: Path) -> None:
    from tickspec.drift.diff import diff
    from tickspec.drift.source import load_folder

    schemas = tmp_path / "schemas"
    shutil.copytree(DEFAULT_SCHEMAS, schemas)
    task = json.loads((schemas / "task.json").read_text(encoding="utf-8"))
    task["properties"]["driftProbe"] = {"type": "string", "description": "a new field"}
    task["properties"]["title"]["type"] = "integer"
    (schemas / "task.json").write_text(json.dumps(task), encoding="utf-8")
    found = {
        (c.severity, c.kind, c.pointer)
        for c in diff(load_folder(DEFAULT_SCHEMAS), load_folder(schemas))
        if c.operation == "createTask"
    }
    assert found == {
        ("breaking", "type_changed", "task-draft.json#/properties/title"),
        ("safe", "property_added", "task-draft.json#/properties/driftProbe"),
    }
