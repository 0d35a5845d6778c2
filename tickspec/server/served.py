"""Answers the spec declares (`x-tickspec-serve`, declared.py) for operations without a handler.

Dispatch asks `declared_handler(op)` after the handler registry and before the generic
minimal body: a read whose answer the spec carries is answered from the spec, so adding
it takes no server code. Every answer still goes through `check_response` like a
handler's, so an example that stopped fitting its schema is a loud 500 under
`validate_responses`, never a silent wrong answer.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from tickspec.server import declared, generic
from tickspec.server.context import Call, Reply
from tickspec.server.store import COLLECTIONS
from tickspec.spec import Operation, Spec

Answer = Callable[[Call], Reply]


def node_of(spec: Spec, op: Operation) -> dict[str, Any]:
    """The operation's object in the OpenAPI document."""
    node: dict[str, Any] = spec.openapi["paths"][op.path][op.method.lower()]
    return node


def _status(op: Operation) -> int:
    codes = sorted((c for c in op.responses if c.startswith("2")), key=lambda c: c != "200")
    return int(codes[0]) if codes and codes[0].isdigit() else 200


def _example(call: Call) -> Reply:
    found = declared.example(call.state.spec.openapi, node_of(call.state.spec, call.op))
    if found is None:  # declared without an example (doctor reports it): the smallest body
        status = _status(call.op)
        schema = call.op.responses.get(str(status))
        ok, body = (False, None) if schema is None else generic.minimal(call.state.spec, schema)
        return Reply(body=body, status=status) if ok else Reply(status=status, empty=True)
    # a copy: the answer is JSON-encoded later and must never alias the spec's own value
    return Reply(body=copy.deepcopy(found.value), status=found.status)


def _empty_list(call: Call) -> Reply:
    return Reply(body=[], status=_status(call.op))


def _store(collection: str) -> Answer:
    def answer(call: Call) -> Reply:
        return Reply(body=copy.deepcopy(call.store.values(collection)), status=_status(call.op))

    return answer


def answer_for(mode: str) -> Answer | None:
    """The function answering `mode`, or None for a mode the server does not know."""
    if declared.mode_problem(mode, COLLECTIONS) is not None:
        return None
    if mode == declared.EXAMPLE:
        return _example
    if mode == declared.EMPTY_LIST:
        return _empty_list
    return _store(mode.removeprefix(declared.STORE_PREFIX))


def declared_handler(spec: Spec, op: Operation) -> Answer | None:
    """The answer `x-tickspec-serve` declares for `op`, or None when it declares none
    (or an unknown mode, which `tickspec doctor` reports)."""
    mode = declared.serve_mode(node_of(spec, op))
    return None if mode is None else answer_for(mode)
