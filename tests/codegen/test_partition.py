"""The split of the schema files into groups that build apart, and the merge of the groups."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from codegen.modelbuild import _merge
from codegen.models import model_inputs
from codegen.partition import GROUPS, closure, file_refs, partition
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import load_spec


def _schema(*targets: str) -> dict[str, Any]:
    return {"type": "object", "properties": {t: {"$ref": f"{t}#/$defs/X"} for t in targets}}


def test_file_refs_are_the_files_not_the_pointers() -> None:
    schema = {
        "properties": {
            "a": {"$ref": "common.json#/$defs/Id"},
            "b": {"items": [{"$ref": "./task.json"}]},
            "c": {"$ref": "#/$defs/Local"},
        }
    }
    assert file_refs(schema) == {"common.json", "task.json"}


def test_closure_follows_refs_transitively() -> None:
    refs = {"a.json": {"b.json"}, "b.json": {"c.json"}, "c.json": set(), "d.json": {"a.json"}}
    assert closure(["a.json"], refs) == {"a.json", "b.json", "c.json"}


def test_the_repository_splits_into_two_groups_that_share_little() -> None:
    spec = load_spec(DEFAULT_SCHEMAS)
    texts = model_inputs(spec)
    groups = partition(texts, spec.schemas)
    assert groups is not None and len(groups) == GROUPS
    assert sorted(name for group in groups for name in group) == sorted(texts)
    refs = {name: file_refs(schema) - {name} for name, schema in spec.schemas.items()}
    read = [sum(len(texts[n]) for n in closure(group, refs)) for group in groups]
    total = sum(len(text) for text in texts.values())
    assert max(read) < 0.65 * total, "each process reads well under the whole spec"
    assert partition(dict(reversed(texts.items())), spec.schemas) == groups, "order-free"


def test_a_ref_out_of_the_folder_means_one_run() -> None:
    schemas = {f"{n}.json": _schema() for n in "abcd"}
    schemas["a.json"] = _schema("../elsewhere.json")
    texts = {name: json.dumps(schema) for name, schema in schemas.items()}
    assert partition(texts, schemas) is None


def test_a_group_of_one_file_means_one_run() -> None:
    schemas = {"a.json": _schema(), "b.json": _schema()}
    texts = {name: json.dumps(schema) for name, schema in schemas.items()}
    assert partition(texts, schemas) is None


@given(
    st.dictionaries(
        st.sampled_from([f"s{i}.json" for i in range(12)]),
        st.lists(st.sampled_from([f"s{i}.json" for i in range(12)]), max_size=3),
        min_size=1,
    )
)
def test_groups_cover_every_file_once(graph: dict[str, list[str]]) -> None:
    """Property: for any ref graph inside the folder, the groups are disjoint, cover every
    file, and are the same however the files are ordered."""
    schemas = {name: _schema(*(t for t in refs if t in graph)) for name, refs in graph.items()}
    texts = {name: json.dumps(schema) for name, schema in schemas.items()}
    groups = partition(texts, schemas)
    if groups is None:
        return
    flat = [name for group in groups for name in group]
    assert sorted(flat) == sorted(texts) and len(set(flat)) == len(flat)
    assert partition(dict(reversed(texts.items())), schemas) == groups


def test_merge_takes_each_root_from_its_group() -> None:
    one = {"a.py": "A", "c.py": "C", "__init__.py": "one"}
    two = {"b.py": "B", "c.py": "C", "__init__.py": "two"}
    merged = _merge([(["a.json", "c.json"], one), (["b.json"], two)])
    assert merged == {"a.py": "A", "b.py": "B", "c.py": "C"}


def test_merge_refuses_groups_that_disagree() -> None:
    """A module that two groups both made differs: the split was not sound for this spec."""
    one = {"a.py": "A", "_internal.py": "X"}
    two = {"b.py": "B", "_internal.py": "Y"}
    assert _merge([(["a.json"], one), (["b.json"], two)]) is None
    stale = {"b.py": "B", "a.py": "A as read by the other group"}
    assert _merge([(["a.json"], {"a.py": "A"}), (["b.json"], stale)]) is None
