"""Format-preserving edits: the text changes only where the JSON Patch says."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tickspec.drift.patch import PatchError, add_yaml, add_yaml_path, apply_doc, apply_json, spans

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


YAML = """paths:
  /a:
    get:
      operationId: a
      description: 'x


        y'
      parameters:
      - name: p
        in: path
      - &id001
        name: h
        in: header
      responses: {}
  /b:
    post:
      parameters:
      - *id001
components: {}
"""


@pytest.mark.parametrize(
    ("pointer", "value", "inserted_before"),
    [
        ("/paths/~1a/get/parameters/1", {"name": "q", "in": "query"}, "      - &id001\n"),
        ("/paths/~1a/get/parameters/0", {"name": "q", "in": "query"}, "      - name: p\n"),
        ("/paths/~1a/get/parameters/-", {"name": "q", "in": "query"}, "      responses: {}\n"),
        ("/paths/~1a/get/parameters/2", {"name": "q", "in": "query"}, "      responses: {}\n"),
        ("/paths/~1b/post/parameters/1", {"name": "q", "in": "query"}, "components: {}\n"),
        ("/paths/~1a/put", {"operationId": "put", "tags": ["x"]}, "  /b:\n"),
        ("/paths/~1b/post/x-new", [1, 2], "components: {}\n"),
        ("/paths/~1c", {"get": {"operationId": "c"}}, "components: {}\n"),
    ],
)
def test_yaml_add_inserts_one_block_where_the_pointer_says(
    pointer: str, value: Any, inserted_before: str
) -> None:
    import yaml

    out = add_yaml(YAML, pointer, value)
    assert yaml.safe_load(out) == apply_doc(yaml.safe_load(YAML), [{"op": "add", "path": pointer,
                                                                     "value": value}])  # fmt: skip
    added = len(out) - len(YAML)
    at = out.index(inserted_before, out.index(pointer.split("/")[2].replace("~1", "/") + ":"))
    assert out[: at - added] + out[at:] == YAML  # nothing but the block, right there


@pytest.mark.parametrize(
    "pointer",
    ["/paths/~1a/get", "/paths/~1a/get/parameters/3", "/paths/~1a/get/responses/200/x",
     "/paths/~1z/get", "/paths/~1a/get/parameters/0/name", "", "/components/x/y"],
)  # fmt: skip
def test_yaml_add_refuses_what_it_cannot_place(pointer: str) -> None:
    """An existing key, an index past the end, a flow mapping, a missing parent, a member of
    a sequence item, the whole document: a PatchError, never a misplaced block."""
    with pytest.raises(PatchError):
        add_yaml(YAML, pointer, {"x": 1})


def test_yaml_add_opens_an_empty_flow_parent() -> None:
    out = add_yaml(YAML, "/paths/~1a/get/responses/200", {"description": "OK"})
    assert "      responses:\n        '200':\n          description: OK\n  /b:\n" in out
    out = add_yaml("a:\n  b: []\n", "/a/b/0", 1)
    assert out == "a:\n  b:\n  - 1\n"


def _opened(line: str) -> str:
    return line.removesuffix(" []").removesuffix(" {}")


def test_yaml_add_writes_shared_values_out() -> None:
    """A value copied from a document with anchors may share objects: no `&id001` of its own."""
    shared = {"url": "https://x"}
    out = add_yaml(YAML, "/paths/~1a/put", {"servers": [shared], "x-more": [shared]})
    assert "&id" not in out.split("  /b:")[0].split("    put:")[1]


names = st.text(alphabet="abz{}/-'\": é", min_size=1, max_size=6)
params = st.lists(
    st.fixed_dictionaries({"name": names, "in": st.sampled_from(["path", "query", "header"])}),
    max_size=3,
)
operations = st.fixed_dictionaries(
    {"operationId": names, "description": st.text(alphabet="ab \n'", max_size=12)},
    optional={"parameters": params},
)
documents = st.dictionaries(
    st.just("/") | names.map(lambda n: "/" + n),
    st.dictionaries(st.sampled_from(["get", "post", "put"]), operations, min_size=1, max_size=2),
    max_size=3,
).map(lambda paths: {"openapi": "3.1.0", "paths": paths, "components": {"x": 1}})


@given(documents, st.data())
def test_yaml_add_is_the_json_patch_and_only_inserts(doc: dict[str, Any], data: Any) -> None:
    """Property: in any PyYAML block-style document of path items, adding a path item, an
    operation, a `parameters` list or a parameter at any index gives the document RFC 6902
    describes, and every line of the original text is still there, in order."""
    import yaml

    from tickspec.contract.pointer import escape
    from tickspec.drift.patch import _dump

    text = _dump(doc)
    paths = sorted(doc["paths"])
    choices: list[tuple[str, Any]] = (
        [("/paths/~1new", {"get": {"operationId": "new"}})] if "/new" not in paths else []
    )
    for path in paths:
        for method, node in doc["paths"][path].items():
            base = f"/paths/{escape(path)}/{method}"
            choices.append((f"/paths/{escape(path)}/delete", {"operationId": "del"}))
            if "parameters" in node:
                choices += [(f"{base}/parameters/{i}", None)
                            for i in range(len(node["parameters"]) + 1)]  # fmt: skip
            else:
                choices.append((f"{base}/parameters", [{"name": "q", "in": "query"}]))
    pointer, value = data.draw(st.sampled_from(choices))
    value = value if value is not None else {"name": "q", "in": "query", "schema": {"a": [1]}}
    out = add_yaml(text, pointer, value)
    expected = apply_doc(copy.deepcopy(doc), [{"op": "add", "path": pointer, "value": value}])
    assert yaml.safe_load(out) == expected
    kept = iter(out.splitlines())
    for line in text.splitlines():  # an empty parent's `[]` / `{}` opens into a block
        assert any(_opened(line) == _opened(new) for new in kept)
