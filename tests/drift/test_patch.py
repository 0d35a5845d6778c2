"""Format-preserving edits: the text changes only where the JSON Patch says."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tickspec.drift.patch import PatchError, add_yaml_path, apply_json, spans

DOC = """{
  "title": "T",
  "required": [
    "a",
    "b",
    "c"
  ],
  "examples": ["x", "y"],
  "properties": {
    "a": {
      "type": "string"
    },
    "empty": {}
  }
}
"""


def test_add_a_property_keeps_every_other_line() -> None:
    out = apply_json(DOC, [{"op": "add", "path": "/properties/n", "value": {"type": "integer"}}])
    assert json.loads(out)["properties"]["n"] == {"type": "integer"}
    assert out.replace(',\n    "n": {\n      "type": "integer"\n    }', "", 1) == DOC


def test_append_to_inline_and_block_arrays_keeps_their_style() -> None:
    out = apply_json(
        DOC,
        [
            {"op": "add", "path": "/examples/-", "value": "z"},
            {"op": "add", "path": "/required/-", "value": "d"},
        ],
    )
    assert '"examples": ["x", "y", "z"],' in out
    assert '    "c",\n    "d"\n  ],' in out


@pytest.mark.parametrize(("index", "left"), [(0, ["b", "c"]), (1, ["a", "c"]), (2, ["a", "b"])])
def test_remove_from_an_array(index: int, left: list[str]) -> None:
    out = apply_json(DOC, [{"op": "remove", "path": f"/required/{index}"}])
    assert json.loads(out)["required"] == left
    assert "\n".join(f'    "{x}"' for x in left).replace("\n", ",\n", 1) in out


def test_add_into_an_empty_object_and_replace() -> None:
    out = apply_json(
        DOC,
        [
            {"op": "add", "path": "/properties/empty/type", "value": "object"},
            {"op": "replace", "path": "/properties/a", "value": {"type": ["string", "null"]}},
        ],
    )
    doc = json.loads(out)
    assert doc["properties"]["empty"] == {"type": "object"}
    assert doc["properties"]["a"] == {"type": ["string", "null"]}
    assert '    "empty": {\n      "type": "object"\n    }' in out


def test_bad_pointers_raise() -> None:
    with pytest.raises(PatchError):
        apply_json(DOC, [{"op": "add", "path": "/nope/x", "value": 1}])
    with pytest.raises(PatchError):
        apply_json(DOC, [{"op": "add", "path": "/title", "value": 1}])


def test_yaml_path_is_inserted_at_the_end_of_paths() -> None:
    text = "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      operationId: a\ncomponents: {}\n"
    out = add_yaml_path(text, "/b/{id}", {"get": {"operationId": "b", "tags": ["x"]}})
    assert out == (
        "openapi: 3.1.0\npaths:\n  /a:\n    get:\n      operationId: a\n"
        "  /b/{id}:\n    get:\n      operationId: b\n      tags:\n      - x\ncomponents: {}\n"
    )


keys = st.text(alphabet='abcdefXYZ_$-/~ é"\\', min_size=1, max_size=6)
scalars = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
    max_leaves=12,
)


@given(st.dictionaries(keys, values, max_size=4), keys, values, st.sampled_from([1, 2, 4]))
def test_add_is_the_json_patch_and_only_inserts(
    doc: dict[str, Any], key: str, value: Any, indent: int
) -> None:
    """Property: adding a member to any JSON document (any indent) gives the document
    RFC 6902 describes, and (unless the object was `{}`) every line of the original
    text is still there, in order, give or take the comma the new member needs."""
    if key in doc:
        return
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    escaped = key.replace("~", "~0").replace("/", "~1")
    out = apply_json(text, [{"op": "add", "path": f"/{escaped}", "value": value}])
    expected = copy.deepcopy(doc)
    expected[key] = value
    assert json.loads(out) == expected
    kept = iter(out.splitlines())
    for line in text.splitlines() if doc else []:
        assert any(line.rstrip(",") == new.rstrip(",") for new in kept)


@given(values)
def test_spans_cover_every_value(value: Any) -> None:
    """Property: the scanner's span of every member is exactly its JSON text."""
    text = json.dumps(value, indent=2)
    root = spans(text)

    def check(node: Any, span: Any) -> None:
        assert json.loads(text[span.start : span.end]) == node
        if isinstance(node, dict):
            for k, v in node.items():
                check(v, span.members[k])
        elif isinstance(node, list):
            for item, sub in zip(node, span.items, strict=True):
                check(item, sub)

    check(value, root)
