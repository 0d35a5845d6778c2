"""Which operations a change reaches, against a brute-force walk of the documents."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.paths import SCHEMAS
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.drift import reach
from tickspec.drift.diff import diff
from tickspec.drift.source import load_folder
from tickspec.spec import HTTP_METHODS

FILES = ("a.json", "b.json", "c.json")
NAMES = ("x", "y", "z")


def _part(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


def _at(doc: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:] if pointer else []:
        part = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc


def brute(docs: dict[str, Any]) -> dict[Loc, set[str]]:
    """Position -> the operations from whose node (or path item's parameters) it is reached
    by walking every key of every node and every `$ref` (and draft declaration) anywhere:
    no knowledge of which keywords hold schemas."""
    found: dict[Loc, set[str]] = {}
    for path, item in docs[OPENAPI]["paths"].items():
        for method in HTTP_METHODS:
            if not isinstance(item.get(method), dict):
                continue
            base = f"/paths/{_part(path)}"
            stack = [(OPENAPI, f"{base}/{method}"), (OPENAPI, f"{base}/parameters")]
            seen: set[Loc] = set()
            while stack:
                here = stack.pop()
                if here in seen:
                    continue
                seen.add(here)
                try:
                    node = _at(docs[here[0]], here[1])
                except (KeyError, IndexError, ValueError):
                    continue
                items = node.items() if isinstance(node, dict) else enumerate(node)
                for key, value in items if isinstance(node, dict | list) else ():
                    if key in ("$ref", "x-tickspec-draft-of") and isinstance(value, str):
                        name, _, pointer = value.partition("#")
                        stack.append((name or here[0], pointer))
                    elif isinstance(value, dict | list):
                        stack.append((here[0], f"{here[1]}/{_part(str(key))}"))
            for loc in seen:
                found.setdefault(loc, set()).add(str(item[method].get("operationId")))
    return found


_REF = st.sampled_from(FILES)
SCHEMA = st.one_of(
    st.just({"type": "string"}),
    st.just({"type": ["integer", "null"]}),
    _REF.map(lambda f: {"$ref": f}),
    _REF.map(lambda f: {"type": "array", "items": {"$ref": f}}),
    _REF.map(lambda f: {"allOf": [{"$ref": f}]}),
    _REF.map(lambda f: {"type": "object", "additionalProperties": {"$ref": f}}),
    st.just({"$ref": "openapi.yaml#/components/schemas/Shared"}),
)
"""A property's schema: a scalar, or a reference to a file or a component, maybe nested."""
PROPERTIES = st.dictionaries(st.sampled_from(NAMES), SCHEMA, max_size=3)
TARGETS = st.sampled_from([*FILES, "#/components/schemas/Shared"])


def _object(draw: st.DrawFn) -> dict[str, Any]:
    return {"type": "object", "properties": draw(PROPERTIES)}


def _body(target: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": target}}}


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    """A few object schemas referencing each other (cycles allowed) and operations whose
    bodies, responses and parameters reference them, directly or through components."""
    docs: dict[str, Any] = {f: _object(draw) for f in FILES}
    targets = TARGETS
    paths: dict[str, Any] = {}
    for i in range(draw(st.integers(1, 4))):
        op: dict[str, Any] = {"operationId": f"op{i}", "responses": {}}
        if draw(st.booleans()):
            op["requestBody"] = {"content": _body(draw(targets))}
        for code in draw(st.lists(st.sampled_from(["200", "400"]), unique=True, max_size=2)):
            op["responses"][code] = {"description": code, "content": _body(draw(targets))}
        if draw(st.booleans()):
            op["responses"]["201"] = {"$ref": "#/components/responses/Made"}
        if draw(st.booleans()):
            op["parameters"] = [{"name": "q", "in": "query", "schema": draw(SCHEMA)}]
        paths[f"/p{i}"] = {draw(st.sampled_from(["get", "post"])): op}
    docs[OPENAPI] = {
        "openapi": "3.1.0",
        "paths": paths,
        "components": {
            "schemas": {"Shared": _object(draw)},
            "responses": {"Made": {"description": "made", "content": _body(draw(targets))}},
        },
    }
    return docs


@st.composite
def edited(draw: st.DrawFn, docs: dict[str, Any]) -> dict[str, Any]:
    """`docs` with up to three properties removed, added, retyped or made required."""
    head = copy.deepcopy(docs)
    owners = [head[f] for f in FILES] + [head[OPENAPI]["components"]["schemas"]["Shared"]]
    for owner in draw(st.lists(st.sampled_from(range(len(owners))), min_size=1, max_size=3)):
        props = owners[owner]["properties"]
        name = draw(st.sampled_from(NAMES))
        action = draw(st.sampled_from(["remove", "add", "retype", "require"]))
        if action == "remove":
            props.pop(name, None)
        elif action == "add" or name not in props:
            props[name] = draw(SCHEMA)
        elif action == "retype":
            props[name] = {"type": "boolean"}
        else:
            owners[owner]["required"] = [name]
    return head


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_every_operation_listed_reaches_the_change_and_every_one_reaching_it_is_listed(
    data: st.DataObject,
) -> None:
    """Property: for every change `tickspec diff` reports, its `operations` are exactly the
    operations from which a brute-force walk of BASE or HEAD reaches the changed position."""
    base = data.draw(specs())
    head = data.draw(edited(base))
    changes = diff(Source(base), Source(head), surface=False)
    old, new = brute(base), brute(head)
    for change in changes:
        expected = old.get(change.loc, set()) | new.get(change.loc, set())
        assert set(change.operations) == expected, change
        assert change.operation in change.operations


def test_the_real_spec_walk_agrees_with_the_brute_force_one() -> None:
    """On schemas/ itself: each operation reaches every property position the brute-force
    walk reaches from it (task.json's fields from the sync, drafts from their full schema)."""
    source = load_folder(SCHEMAS).expanded()
    index, expected = reach.index(source), brute(source.docs)
    properties = {
        loc
        for loc in expected
        if loc[1].split("/")[-2:-1] == ["properties"] and "/examples/" not in loc[1]
    }
    assert len(properties) > 1000
    assert {loc: index.get(loc) for loc in properties} == {loc: expected[loc] for loc in properties}
