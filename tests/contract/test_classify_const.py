"""Issue 13: a `const`/`enum` branch of another JSON type is a type mismatch, not a new
enum member (`anyOf: [ObjectId, {const: "-1"}]` given 5 says "expected string").

These pin `_type_error_here`, `_member_types` and `_branch_types` of classify.py, which
mutation testing showed the drift fixtures read only through one schema.
"""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tickspec.contract.classify import Problem, problems
from tickspec.contract.findings import Kind

BASE = "response.body"


def found(schema: dict[str, Any], instance: Any) -> list[Problem]:
    validator = jsonschema.Draft202012Validator(schema)
    return [p for e in validator.iter_errors(instance) for p in problems(e, BASE)]


def mismatch(expected: str, shown: str, path: str = BASE) -> Problem:
    message = f"expected {expected}, found {shown}"
    return Problem(Kind.TYPE_MISMATCH, path, message, expected, shown)


@pytest.mark.parametrize(
    ("branch", "instance", "expected", "shown"),
    [
        ({"const": "-1"}, 5, "string", "integer 5"),
        ({"enum": ["a", 1, "b", None]}, True, "string or integer or null", "boolean true"),
        ({"const": 1}, "1", "integer", 'string "1"'),
        ({"enum": [1.5]}, [], "number", "array []"),
    ],
)
def test_a_value_of_no_branchs_type_is_a_type_mismatch(
    branch: dict[str, Any], instance: Any, expected: str, shown: str
) -> None:
    schema = {"anyOf": [{"type": "object"}, branch]}
    assert found(schema, instance) == [mismatch(f"object or {expected}", shown)]


@pytest.mark.parametrize(
    ("branch", "instance", "expected"),
    [
        ({"const": "-1"}, "x", 'one of ["-1"]'),
        ({"enum": ["a", 2]}, 3, 'one of ["a", 2]'),
        ({"enum": [2]}, 2.5, "one of [2]"),  # integer and number are one numeric type
        ({"const": 2.5}, 3, "one of [2.5]"),
    ],
)
def test_a_value_of_a_members_type_is_an_enum_violation(
    branch: dict[str, Any], instance: Any, expected: str
) -> None:
    schema = {"anyOf": [{"type": "object"}, branch]}
    (problem,) = found(schema, instance)
    assert (problem.kind, problem.path, problem.expected) == (Kind.ENUM_VIOLATION, BASE, expected)


def test_a_const_deeper_in_a_branch_is_not_a_type_error_of_the_branch() -> None:
    # the branch has the right type; its member's const failed below it: report that one
    schema = {"anyOf": [{"type": "null"}, {"type": "object", "properties": {"k": {"const": 1}}}]}
    (problem,) = found(schema, {"k": "x"})
    assert (problem.kind, problem.path) == (Kind.ENUM_VIOLATION, "response.body.k")


def test_a_plain_const_or_enum_of_another_type_stays_an_enum_violation() -> None:
    # outside anyOf/oneOf there is no branch to choose: the keyword's own kind
    (problem,) = found({"properties": {"f": {"const": "-1"}}}, {"f": 5})
    assert (problem.kind, problem.expected, problem.found) == (
        Kind.ENUM_VIOLATION,
        'one of ["-1"]',
        "5",
    )


def test_other_keywords_in_a_branch_do_not_make_it_a_type_error() -> None:
    schema = {"anyOf": [{"type": "string", "minLength": 3}, {"const": 7}]}
    (problem,) = found(schema, "ab")
    assert (problem.kind, problem.expected) == (Kind.CONSTRAINT_VIOLATION, "minLength 3")


def test_one_of_with_const_branches_lists_each_type_once() -> None:
    schema = {"oneOf": [{"const": "a"}, {"enum": ["b", "c"]}, {"type": ["string", "null"]}]}
    assert found(schema, 5) == [mismatch("string or null", "integer 5")]


def test_nested_type_lists_and_consts() -> None:
    schema = {"anyOf": [{"type": ["boolean", "null"]}, {"enum": [1, "x"]}]}
    assert found(schema, []) == [mismatch("boolean or null or integer or string", "array []")]
