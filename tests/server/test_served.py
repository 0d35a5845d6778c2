"""Operations the spec serves (`x-tickspec-serve`), through their generated stubs.

Every operation of the installed spec that declares `x-tickspec-serve` is called
through the typed client (`client.api.<tag>.<operation>`) against `tickspec serve`,
which checks its own answers against the spec: an `example` operation answers its
captured example verbatim, an `empty-list` one `[]`, a `store:<collection>` one the
stored objects. `tickspec doctor` counts this test as the test of every such
operation, so a new read declared in the spec is tested without a new test.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import httpx
import pytest

import tickspec
from codegen.endpoints import operations as stub_operations
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import load_spec
from tickspec import wire
from tickspec.open_api import OpenClient
from tickspec.server import declared, served
from tickspec.server.store import COLLECTIONS, TAGS
from tickspec.server.testing import ServerHandle, server_fixture
from tickspec.spec import Operation, load

SPEC = load()
STUBS = {op.operation_id: op for op in stub_operations(load_spec(DEFAULT_SCHEMAS))}
SERVED = sorted(
    (op for op in SPEC.operations if declared.serve_mode(served.node_of(SPEC, op))),
    key=lambda op: op.operation_id,
)
server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def handle(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server
    assert server.take_violations() == []


def _arguments(op: Operation) -> tuple[list[Any], dict[str, Any]]:
    """The stub's arguments: each parameter's own example (as the capture has it)."""
    node = served.node_of(SPEC, op)
    params = [declared.local(SPEC.openapi, p) for p in node.get("parameters", [])]
    examples = {str(p["name"]): p.get("example") for p in params if "example" in p}
    stub = STUBS[op.operation_id]
    args = [examples[p.wire] for p in stub.path_params]
    kwargs = {p.name: examples[p.wire] for p in stub.query_params if p.wire in examples}
    return args, kwargs


def _call(handle: ServerHandle, op: Operation) -> Any:
    stub = STUBS[op.operation_id]
    args, kwargs = _arguments(op)
    http = httpx.Client(trust_env=False, timeout=10.0)
    if op.path.startswith("/open/"):
        with OpenClient(
            access_token=handle.api_token, base_url=handle.base_url, http_client=http
        ) as open_client:
            return getattr(getattr(open_client.api, stub.tag), stub.function)(*args, **kwargs)
    with tickspec.Client(token=handle.token, base_url=handle.base_url, http_client=http) as web:
        return getattr(getattr(web.api, stub.tag), stub.function)(*args, **kwargs)


def test_the_calendar_and_notification_listings_are_served_from_the_spec() -> None:
    """The five listings that hold nothing locally need no handler."""
    assert {op.operation_id for op in SERVED} >= set(
        [
            "getArchivedCalendarEvents",
            "getBoundCalendarEvents",
            "getCalendarSubscriptions",
            "getThirdCalendarAccounts",
            "getUnreadNotifications",
        ]
    )


@pytest.mark.parametrize("op", SERVED, ids=lambda op: op.operation_id)
def test_a_served_operation_answers_what_the_spec_declares_through_its_stub(
    handle: ServerHandle, op: Operation
) -> None:
    mode = declared.serve_mode(served.node_of(SPEC, op))
    got = wire.dump(_call(handle, op))
    if mode == declared.EXAMPLE:
        found = declared.example(SPEC.openapi, served.node_of(SPEC, op))
        assert found is not None
        assert got == found.value
    elif mode == declared.EMPTY_LIST:
        assert got == []
    else:
        collection = str(mode).removeprefix(declared.STORE_PREFIX)
        assert got == list(handle.state()[collection].values())


def _fake_call(store_values: list[dict[str, Any]]) -> Any:
    op = SimpleNamespace(responses={"200": {"type": "array"}})
    store = SimpleNamespace(values=lambda collection: store_values if collection == TAGS else [])
    return SimpleNamespace(op=op, store=store)


def test_store_mode_answers_a_copy_of_the_collection() -> None:
    tags = [{"name": "work", "etag": "aaaaaaaa"}]
    answer = served.answer_for("store:tags")
    assert answer is not None
    reply = answer(_fake_call(tags))
    assert (reply.status, reply.body) == (200, tags)
    reply.body[0]["name"] = "changed"
    assert tags[0]["name"] == "work", "the answer must not alias the store"


@pytest.mark.parametrize(
    ("mode", "problem"),
    [
        ("example", None),
        ("empty-list", None),
        ("store:tags", None),
        ("store:nope", "x-tickspec-serve: 'store:nope': no collection 'nope' (one of "),
        ("stored", "x-tickspec-serve: 'stored' is not one of example | empty-list | store:"),
    ],
)
def test_mode_problems_name_the_mode_and_the_choices(mode: str, problem: str | None) -> None:
    found = declared.mode_problem(mode, COLLECTIONS)
    if problem is None:
        assert found is None and served.answer_for(mode) is not None
    else:
        assert found is not None and found.startswith(problem)
        assert served.answer_for(mode) is None


def test_example_reads_the_first_captured_example_with_its_evidence() -> None:
    value = [{"id": "a"}]
    node: dict[str, Any] = {
        "x-evidence": ["seed 001"],
        "responses": {
            "200": {
                "content": {
                    "application/json": {
                        "schema": {"type": "array"},
                        "examples": {
                            "captured": {"value": value, "x-evidence": ["docs: o/r notes"]},
                            "second": {"value": []},
                        },
                    }
                }
            }
        },
    }
    found = declared.example({}, node)
    assert found is not None
    assert (found.status, found.name, found.value, found.evidence) == (
        200,
        "captured",
        value,
        ("docs: o/r notes",),
    )
    del node["responses"]["200"]["content"]["application/json"]["examples"]["captured"]
    del node["responses"]["200"]["content"]["application/json"]["examples"]["second"]
    assert declared.example({}, node) is None
    bare = copy.deepcopy(node)
    bare["responses"]["200"]["content"]["application/json"]["example"] = value
    found = declared.example({}, bare)
    assert found is not None and (found.name, found.evidence) == ("example", ("seed 001",))
