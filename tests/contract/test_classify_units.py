"""Issue 13: each jsonschema keyword becomes the finding a drift report shows.

The fixtures exercise the keywords TickTick's schemas use today; these small schemas
pin the rest of the mapping (dependentRequired, const, type lists, oneOf, formats) and
the exact `expected` / `found` texts, which mutation testing showed no test read.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tickspec.contract.classify import Problem, join, json_type, problems, show
from tickspec.contract.findings import Kind

BASE = "response.body"


def found(schema: dict[str, Any], instance: Any) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    out: list[Problem] = []
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(e.path)):
        out.extend(problems(error, BASE))
    return out


def test_required_names_each_missing_field() -> None:
    # jsonschema raises one error per missing name, each carrying the whole list; the
    # checker's root_causes drops the repeats
    got = set(found({"type": "object", "required": ["a", "b c", "d"]}, {"a": 1}))
    assert got == {
        Problem(
            Kind.MISSING_REQUIRED,
            'response.body["b c"]',
            "required field 'b c' is missing",
            "present",
            "absent",
        ),
        Problem(
            Kind.MISSING_REQUIRED,
            "response.body.d",
            "required field 'd' is missing",
            "present",
            "absent",
        ),
    }


def test_dependent_required_applies_only_when_its_trigger_is_present() -> None:
    schema = {"dependentRequired": {"x": ["y", "z"], "q": ["w"]}}
    assert found(schema, {"x": 1, "z": 2}) == [
        Problem(
            Kind.MISSING_REQUIRED,
            "response.body.y",
            "required field 'y' is missing",
            "present",
            "absent",
        )
    ]
    assert found(schema, {"w": 1}) == []
    both = {problem.path for problem in found(schema, {"x": 1, "q": 1})}
    assert both == {"response.body.y", "response.body.z", "response.body.w"}


@pytest.mark.parametrize(
    ("schema", "instance", "kind", "expected", "shown"),
    [
        ({"type": "string"}, True, Kind.TYPE_MISMATCH, "string", "boolean true"),
        ({"type": ["string", "null"]}, 5, Kind.TYPE_MISMATCH, "string or null", "integer 5"),
        ({"type": "integer"}, 1.5, Kind.TYPE_MISMATCH, "integer", "number 1.5"),
        ({"type": "object"}, [1], Kind.TYPE_MISMATCH, "object", "array [1]"),
        ({"type": "array"}, {}, Kind.TYPE_MISMATCH, "array", "object {}"),
        ({"type": "string"}, None, Kind.TYPE_MISMATCH, "string", "null null"),
        ({"type": "integer"}, "7", Kind.TYPE_MISMATCH, "integer", 'string "7"'),
        ({"enum": [1, 2]}, 3, Kind.ENUM_VIOLATION, "one of [1, 2]", "3"),
        ({"const": "a"}, "b", Kind.ENUM_VIOLATION, 'one of ["a"]', '"b"'),
        ({"const": False}, True, Kind.ENUM_VIOLATION, "one of [false]", "true"),
        ({"pattern": "^a$"}, "b", Kind.FORMAT_VIOLATION, "pattern ^a$", '"b"'),
        ({"format": "date"}, "2026-13-99", Kind.FORMAT_VIOLATION, 'format "date"', '"2026-13-99"'),
        ({"minimum": 3}, 1, Kind.CONSTRAINT_VIOLATION, "minimum 3", "1"),
        ({"maxLength": 1}, "ab", Kind.CONSTRAINT_VIOLATION, "maxLength 1", '"ab"'),
    ],
)
def test_keyword_maps_to_kind_expected_and_found(
    schema: dict[str, Any], instance: Any, kind: Kind, expected: str, shown: str
) -> None:
    wrapped = {"properties": {"f": schema}}
    assert found(wrapped, {"f": instance}) == [
        Problem(kind, "response.body.f", f"expected {expected}, found {shown}", expected, shown)
    ]


def test_long_enum_is_shown_up_to_100_characters() -> None:
    values = [f"value{i:03d}" for i in range(20)]
    (problem,) = found({"enum": values}, "other")
    assert len(problem.expected) == len("one of ") + 100
    assert problem.expected.endswith("...")


@pytest.mark.parametrize("keyword", ["additionalProperties", "unevaluatedProperties"])
def test_closed_objects_leave_unknown_keys_to_the_field_walk(keyword: str) -> None:
    assert found({"properties": {"a": {}}, keyword: False}, {"b": 1}) == []


def test_any_of_reports_the_errors_of_the_branch_of_the_right_type() -> None:
    schema = {"anyOf": [{"type": "null"}, {"type": "string", "pattern": "^\\d+$"}]}
    assert found(schema, "1x") == [
        Problem(
            Kind.FORMAT_VIOLATION,
            BASE,
            'expected pattern ^\\d+$, found "1x"',
            "pattern ^\\d+$",
            '"1x"',
        )
    ]


def test_any_of_with_no_branch_of_the_right_type_is_a_type_mismatch() -> None:
    schema = {"anyOf": [{"type": "string"}, {"type": ["null", "string"]}]}
    expected, shown = "string or null", "integer 5"
    assert found(schema, 5) == [
        Problem(Kind.TYPE_MISMATCH, BASE, f"expected {expected}, found {shown}", expected, shown)
    ]


def test_any_of_without_branches_says_so() -> None:
    expected, shown = "one of the anyOf branches", "integer 1"
    assert found({"anyOf": []}, 1) == [
        Problem(Kind.TYPE_MISMATCH, BASE, f"expected {expected}, found {shown}", expected, shown)
    ]


def test_any_of_picks_the_branch_with_the_fewest_errors() -> None:
    schema = {
        "anyOf": [
            {"type": "object", "required": ["a", "b"]},
            {"type": "object", "required": ["c"]},
        ]
    }
    (problem,) = found(schema, {})
    assert (problem.kind, problem.path) == (Kind.MISSING_REQUIRED, "response.body.c")


def test_one_of_matching_two_branches_is_a_constraint_violation() -> None:
    schema = {"oneOf": [{"type": "integer"}, {"minimum": 0}]}
    assert found(schema, 5) == [
        Problem(Kind.CONSTRAINT_VIOLATION, BASE, "matches more than one oneOf branch")
    ]


def test_one_of_matching_no_branch_reports_the_typed_branch() -> None:
    schema = {"oneOf": [{"type": "integer", "minimum": 10}, {"type": "string"}]}
    expected, shown = "minimum 10", "5"
    assert found(schema, 5) == [
        Problem(
            Kind.CONSTRAINT_VIOLATION, BASE, f"expected {expected}, found {shown}", expected, shown
        )
    ]


def test_join_quotes_keys_that_are_not_identifiers() -> None:
    assert join("body", ["update", 3, "a-b", "$x", "1st", "a b", 'q"']) == (
        'body.update[3].a-b.$x["1st"]["a b"]["q\\""]'
    )


def test_show_bounds_and_survives_any_value() -> None:
    assert show("é") == '"é"'
    assert show("x" * 58) == '"' + "x" * 58 + '"'
    assert show("x" * 59) == '"' + "x" * 56 + "..."
    assert len(show(list(range(100)), 20)) == 20
    loop: list[Any] = []
    loop.append(loop)
    assert show(loop) == "[[...]]"
    assert show({1, 2}, 60) in ('"{1, 2}"', '"{2, 1}"')


@pytest.mark.parametrize(
    ("value", "name"),
    [
        (None, "null"),
        (False, "boolean"),
        (0, "integer"),
        (0.0, "number"),
        ("", "string"),
        ([], "array"),
        ({}, "object"),
    ],
)
def test_json_type(value: Any, name: str) -> None:
    assert json_type(value) == name
