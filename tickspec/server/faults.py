"""Failure injection and request counting, for testing clients against bad days.

A fault is a rule: which requests it hits, what goes wrong, how often.

    {"operationId": "batchTask",   # omit (or null) to hit every API operation
     "status": 429,                # answer this status instead of running the handler...
     "retryAfter": 1,              # ...with Retry-After (429 answers an EMPTY body)
     "dropConnection": false,      # ...or close the TCP connection without answering
     "when": "before",             # "before": nothing is applied; "after": the handler
                                   #   runs (the write is applied), then the fault hits
     "delay": 0.0,                 # seconds to wait first (timeouts); alone = slow answer
     "skip": 0,                    # let this many matching requests through first
     "times": 1,                   # how many requests it hits; null = every one
     "errorCode": "...",           # errorCode of a non-429 error body
     "body": {...},                # or an exact body to answer instead of the error body
     "patch": [{"op": "add", "path": "/newField", "value": 1}]}
                                   # or: RFC 6902 operations applied to the handler's
                                   #   answer (implies and needs "when": "after")

`retryAfter` is sent as whole seconds (`"2"`), the delta-seconds form the spec's
RateLimited response declares; a fractional value (a fast test's `0.05`) is sent
as written, which RFC 9110 and the spec do not allow, so keep it to tests of
clients that parse it. `drop_connection` (snake case) is accepted too. Faults
are checked in the order they were added; the first live one that matches a
request is used and spent.

`patch` injects drift: the handler runs, then its answer body goes through the
JSON Patch before it is sent, so a field can appear, vanish, be renamed (`move`)
or change type, and an enum can gain a member, while the status stays the
handler's. A patch that does not apply to the body (a path it lacks) answers 500
`service_unavailable` naming the failed operation: a test that proves nothing should
fail loudly. Answers with a patch are not checked by `validate_responses`: the
drift is the point.

Counting lets tests assert "no duplicate writes": `requests` counts every request
matched to an operation (including faulted and rejected ones), `applied` counts
handler runs (the write happened), `faulted` counts injected faults.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal

import jsonpatch

from tickspec.server.errors import invalid_request

When = Literal["before", "after"]


@dataclass
class Fault:
    operation_id: str | None = None
    status: int | None = None
    retry_after: float | None = None
    drop_connection: bool = False
    when: When = "before"
    delay: float = 0.0
    skip: int = 0
    times: int | None = 1
    error_code: str | None = None
    body: Any = None
    patch: list[dict[str, Any]] | None = None
    hits: int = 0

    @classmethod
    def from_json(cls, raw: Any) -> Fault:
        if not isinstance(raw, dict):
            raise invalid_request("fault: expected a JSON object")
        known = {
            "operationId",
            "status",
            "retryAfter",
            "dropConnection",
            "drop_connection",
            "when",
            "delay",
            "skip",
            "times",
            "errorCode",
            "body",
            "patch",
        }
        unknown = sorted(set(raw) - known)
        if unknown:
            raise invalid_request(f"fault: unknown field(s) {', '.join(unknown)}")
        try:
            fault = cls(
                operation_id=raw.get("operationId"),
                status=raw.get("status"),
                retry_after=raw.get("retryAfter"),
                drop_connection=bool(raw.get("dropConnection", raw.get("drop_connection", False))),
                when=raw.get("when", "after" if "patch" in raw else "before"),
                delay=float(raw.get("delay") or 0.0),
                skip=int(raw.get("skip") or 0),
                times=raw.get("times", 1),
                error_code=raw.get("errorCode"),
                body=raw.get("body"),
                patch=raw.get("patch"),
            )
        except (TypeError, ValueError):
            raise invalid_request("fault: delay and skip must be numbers") from None
        if fault.retry_after is not None and not isinstance(fault.retry_after, int | float):
            raise invalid_request("fault.retryAfter: must be a number of seconds")
        fault.check()
        return fault

    def check(self) -> None:
        if self.when not in ("before", "after"):
            raise invalid_request("fault.when: must be 'before' or 'after'")
        if self.status is not None and not (
            isinstance(self.status, int) and 100 <= self.status <= 599
        ):
            raise invalid_request("fault.status: must be an HTTP status code")
        if self.status is not None and self.drop_connection:
            raise invalid_request("fault: give either status or dropConnection, not both")
        if self.patch is not None:
            self._check_patch()
        elif self.status is None and not self.drop_connection and self.delay <= 0:
            raise invalid_request("fault: needs status, dropConnection, patch or delay")
        if self.times is not None and (not isinstance(self.times, int) or self.times < 1):
            raise invalid_request("fault.times: must be a positive integer or null")

    def _check_patch(self) -> None:
        if self.when != "after":
            raise invalid_request(
                "fault.patch: applies to the handler's answer: needs when 'after'"
            )
        if self.status is not None or self.drop_connection or self.body is not None:
            raise invalid_request(
                "fault: give patch alone, not with status, body or dropConnection"
            )
        try:
            jsonpatch.JsonPatch(self.patch or [])
        except (jsonpatch.JsonPatchException, jsonpatch.InvalidJsonPatch, TypeError) as exc:
            raise invalid_request(f"fault.patch: not an RFC 6902 patch ({exc})") from None

    def patched(self, body: Any) -> Any:
        """`body` with this fault's JSON Patch applied (a new document); ValueError when
        an operation does not apply (a path the body lacks, a failed `test`)."""
        try:
            return jsonpatch.apply_patch(body, self.patch or [], in_place=False)
        except (jsonpatch.JsonPatchException, jsonpatch.JsonPointerException) as exc:
            raise ValueError(str(exc)) from None

    @property
    def live(self) -> bool:
        return self.times is None or self.hits < self.times + self.skip

    def to_json(self) -> dict[str, Any]:
        return {
            "operationId": self.operation_id,
            "status": self.status,
            "retryAfter": self.retry_after,
            "dropConnection": self.drop_connection,
            "when": self.when,
            "delay": self.delay,
            "skip": self.skip,
            "times": self.times,
            "errorCode": self.error_code,
            "body": self.body,
            "patch": self.patch,
            "hits": self.hits,
        }


class FaultPlan:
    """The live faults and the request counters of one app."""

    def __init__(self) -> None:
        self.faults: list[Fault] = []
        self.requests: Counter[str] = Counter()
        self.applied: Counter[str] = Counter()
        self.faulted: Counter[str] = Counter()

    def add(self, fault: Fault) -> None:
        self.faults.append(fault)

    def clear(self) -> None:
        self.faults.clear()

    def reset_stats(self) -> None:
        self.requests.clear()
        self.applied.clear()
        self.faulted.clear()

    def take(self, operation_id: str, when: When) -> Fault | None:
        """The fault that hits this request at this moment, if any (and spend it).

        A fault's `skip` and `times` count the requests it matched, and a request is
        matched once: at "before" for before-faults, at "after" for after-faults.
        """
        for fault in self.faults:
            if fault.when != when or not fault.live:
                continue
            if fault.operation_id not in (None, operation_id):
                continue
            fault.hits += 1
            if fault.hits <= fault.skip:
                return None
            self.faulted[operation_id] += 1
            return fault
        return None

    def stats(self) -> dict[str, Any]:
        return {
            "requests": dict(self.requests),
            "applied": dict(self.applied),
            "faulted": dict(self.faulted),
            "total": sum(self.requests.values()),
            "faults": [f.to_json() for f in self.faults],
        }
