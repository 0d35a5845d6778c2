"""When a refusal of a spec-valid request is drift (`rejected_request`), and when it is not.

TickTick refuses a request it no longer takes with 400, 405, 415 or 422, or with a
bare 404 from its router (a missing *object* answers 404 with the JSON error body
`{"errorCode": ...}`, which is an answer about data, not about the request's shape).
When the spec's request schema accepts the request and the server still refuses
it, the server got stricter or the endpoint moved: the breaking kind
`rejected_request` (how "X-Device became required" or "signin moved to signon"
show up).

A refusal the operation itself documents as its answer is not drift. Every
operation lists the shared error answers (`#/components/responses/BadRequest`
etc.), which say "a wrong request gets this", not "this request gets this", so
only these count as expected refusals:
- a status the operation documents with its own response object (createHabit's
  405 under cookie auth);
- any documented status of a `deprecated` operation, or of one that documents no
  2xx answer at all (an endpoint kept in the spec to say it refuses, like the old
  `user/signin`).
"""

from __future__ import annotations

from typing import Any

from tickspec.contract import har
from tickspec.contract.classify import Problem
from tickspec.contract.findings import Kind
from tickspec.spec import Operation, Spec

REFUSALS = frozenset({400, 405, 415, 422})
"""Statuses that refuse the request itself (bad request, method, media type, entity)."""
SHARED = "#/components/responses/"


class Answers:
    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self._expected: dict[str, frozenset[str]] = {}

    def expected_refusals(self, op: Operation) -> frozenset[str]:
        """Status codes the operation documents as its own answer (see the module doc)."""
        cached = self._expected.get(op.operation_id)
        if cached is not None:
            return cached
        node: Any = self.spec.openapi.get("paths", {}).get(op.path, {}).get(op.method.lower())
        node = node if isinstance(node, dict) else {}
        responses = node.get("responses") if isinstance(node.get("responses"), dict) else {}
        no_success = not any(str(code).startswith("2") for code in op.responses)
        if node.get("deprecated") is True or no_success:
            out = frozenset(str(code) for code in op.responses)
        else:
            out = frozenset(
                str(code)
                for code, resp in responses.items()
                if not (isinstance(resp, dict) and str(resp.get("$ref", "")).startswith(SHARED))
            )
        self._expected[op.operation_id] = out
        return out

    def rejects(self, op: Operation, entry: har.Entry) -> bool:
        """Whether the answer refuses the request (to be called for spec-valid requests)."""
        status = entry.status
        if status == 404:
            if _error_body(entry):
                return False
        elif status not in REFUSALS:
            return False
        return str(status) not in self.expected_refusals(op)

    @staticmethod
    def rejected(entry: har.Entry) -> Problem:
        status = entry.status
        why = " without TickTick's JSON error body" if status == 404 else ""
        message = f"the request fits the spec, but the server refused it with {status}{why}"
        return Problem(Kind.REJECTED_REQUEST, "response.status", message, "2xx", str(status))


def _error_body(entry: har.Entry) -> bool:
    """TickTick's error answers are JSON objects with an `errorCode`."""
    value, error = entry.response_body.parse()
    return error is None and isinstance(value, dict) and "errorCode" in value
