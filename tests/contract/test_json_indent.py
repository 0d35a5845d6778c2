"""The import's indented writer (`json_indent.indented`) writes what `json.dumps` with
`indent` writes, byte for byte, faster: the committed fixtures and every import before
it were written by `json.dumps`, and a review's diff must show only what changed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tickspec.contract import builder, harfile
from tickspec.contract.json_indent import indented

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["}", "]", "},\n  {", '"', "\\", "{}", "[]", "a: {b"])
    | st.builds(harfile.BigNumber, st.sampled_from(["1" * 5000, "1e999", "-2e400"]))
)
JSON = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=6), inner, max_size=4)
        | st.lists(st.dictionaries(st.text(max_size=6), SCALARS, max_size=3), max_size=4)
    ),
    max_leaves=30,
)


def reference(value: Any, step: int, base: int) -> str:
    text = harfile.dumps(value, indent=step, ensure_ascii=False, allow_nan=False)
    return text.replace("\n", "\n" + " " * base)


@settings(max_examples=300, deadline=None)
@given(JSON, st.sampled_from([1, 2, 4]), st.sampled_from([0, 6]))
def test_indented_is_json_dumps_with_indent(value: Any, step: int, base: int) -> None:
    """Property: for any JSON value (lists of objects of scalars, the header rows the
    writer handles in one piece, included; strings holding brackets and the text of a
    row break; BigNumbers), `indented` is `json.dumps(indent=step)` with each line after
    the first indented `base` more."""
    assert indented(value, step, base) == reference(value, step, base)


def test_an_entry_is_written_as_json_dumps_writes_it() -> None:
    entry = builder.entry("POST", builder.API + "/api/v2/batch/task",
                          request_body={"add": [{"title": "t", "tags": []}]},
                          response_body={"id2etag": {"a": "b"}, "id2error": {}})  # fmt: skip
    entry["request"]["queryString"] = [{"name": "q", "value": "1"}, {"name": "r", "value": ""}]
    entry["cache"] = {}
    assert indented(entry, 2, 6) == reference(entry, 2, 6)


@pytest.mark.parametrize(
    "value", [{1: {"a": [1]}, 2.5: [], False: {}, None: 0}, [(1, {"a": (2,)}), ()]]
)
def test_keys_that_are_not_strings_and_tuples_follow_json_dumps(value: Any) -> None:
    assert indented(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_nan_and_foreign_objects_are_refused_as_json_dumps_refuses_them() -> None:
    with pytest.raises(ValueError):
        indented({"a": [{"b": float("nan")}], "c": {"d": [1]}})
    with pytest.raises(ValueError):
        indented({"a": [float("inf")]})
    with pytest.raises(TypeError):
        indented({"a": {"b": object()}})
