"""What `tickspec check` reports: findings, their kinds and severities, and the report.

A finding is one difference between a captured exchange and the spec. Its
severity answers the only question CI cares about: would a client generated
from the spec break on this traffic (`breaking`), does the spec merely lag
behind the server (`additive`: a new field, a new endpoint), or is the spec
stricter than the server (`lenient`: a request the spec rejects was served)?
The kinds are a closed vocabulary so that JSON output stays stable for tools
that parse it.

A capture is evidence about the server, so request-side findings read the answer
(see `checker.Checker.check_entry`): a request that breaks the spec and was
answered 2xx is `lenient`; answered 4xx, it was rejected as the spec says and is
only counted (`rejected_as_documented`); a request that fits the spec but was
refused is the kind `rejected_request` (breaking).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

Side = Literal["request", "response"]


class Severity(StrEnum):
    BREAKING = "breaking"
    """A client generated from the spec would break on this traffic; fails by default."""
    LENIENT = "lenient"
    """The server served a request that the spec rejects: the spec is stricter than it."""
    ADDITIVE = "additive"
    """The spec lags behind the server: a new field, a new endpoint."""


FAIL_ON_ALL = "all"


def parse_fail_on(text: str) -> frozenset[Severity]:
    """`--fail-on breaking,lenient`: the severities that fail a run. Breaking findings
    always do (a CI gate that lets breaking drift pass is no gate); `all` is every one.
    ValueError names a word that is not a severity."""
    out = {Severity.BREAKING}
    for word in (w.strip().lower() for w in text.split(",")):
        if word == FAIL_ON_ALL:
            out.update(Severity)
        elif word in {s.value for s in Severity}:
            out.add(Severity(word))
        else:
            names = ", ".join([*(s.value for s in Severity), FAIL_ON_ALL])
            raise ValueError(f"--fail-on: {word!r} is not one of {names}")
    return frozenset(out)


class Kind(StrEnum):
    UNKNOWN_OPERATION = "unknown_operation"
    """Method + path on an API host that no operation of the spec matches."""
    UNDOCUMENTED_STATUS = "undocumented_status"
    """A response status code the operation does not list."""
    MISSING_REQUIRED = "missing_required"
    """A required field, header, parameter or body is absent."""
    TYPE_MISMATCH = "type_mismatch"
    """A value of another JSON type than the schema's."""
    ENUM_VIOLATION = "enum_violation"
    """A value outside the schema's enum / const."""
    FORMAT_VIOLATION = "format_violation"
    """A string that fails its pattern or format (e.g. a timestamp without `.000+0000`)."""
    CONSTRAINT_VIOLATION = "constraint_violation"
    """Any other failed constraint: minimum, maxLength, minItems, not, ..."""
    INVALID_JSON = "invalid_json"
    """A body (or JSON header) that should be JSON and is not."""
    UNKNOWN_FIELD = "unknown_field"
    """An object key the schema does not name in `properties`."""
    UNEXPECTED_BODY = "unexpected_body"
    """A body where the spec documents none."""
    REJECTED_REQUEST = "rejected_request"
    """A request that fits the spec, refused by the server (400, 405, 415, 422, or a 404
    without TickTick's JSON error body): the server got stricter, or the endpoint moved."""


SEVERITY: dict[Kind, Severity] = {
    Kind.UNKNOWN_OPERATION: Severity.ADDITIVE,
    Kind.UNKNOWN_FIELD: Severity.ADDITIVE,
    Kind.UNEXPECTED_BODY: Severity.ADDITIVE,
    Kind.UNDOCUMENTED_STATUS: Severity.BREAKING,
    Kind.MISSING_REQUIRED: Severity.BREAKING,
    Kind.TYPE_MISMATCH: Severity.BREAKING,
    Kind.ENUM_VIOLATION: Severity.BREAKING,
    Kind.FORMAT_VIOLATION: Severity.BREAKING,
    Kind.CONSTRAINT_VIOLATION: Severity.BREAKING,
    Kind.INVALID_JSON: Severity.BREAKING,
    Kind.REJECTED_REQUEST: Severity.BREAKING,
}


@dataclass(frozen=True)
class Finding:
    """One difference between a capture entry and the spec."""

    kind: Kind
    operation: str
    """operationId, or `METHOD /path` when no operation matched."""
    file: str
    entry: int
    """0-based index of the entry in the capture's `log.entries`."""
    path: str
    """Where: `request.body.update[0].status`, `request.headers.X-Device`, `response.status`."""
    message: str
    expected: str = ""
    found: str = ""
    side: Side = "response"
    """Which half of the contract: what the server accepts, or what it sends."""
    level: Severity | None = None
    """The severity when the answer changed it (`lenient`); None: the kind's own."""

    @property
    def severity(self) -> Severity:
        return self.level if self.level is not None else SEVERITY[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity.value,
            "side": self.side,
            "kind": self.kind.value,
            "operation": self.operation,
            "file": self.file,
            "entry": self.entry,
            "path": self.path,
            "message": self.message,
            "expected": self.expected,
            "found": self.found,
        }


@dataclass
class Report:
    """The outcome of checking one or more captures."""

    entries: int = 0
    """Every entry read, of every host."""
    matched: int = 0
    """Entries whose method + path matched an operation of the spec."""
    skipped: int = 0
    """Entries not checked: other hosts, CORS preflights."""
    rejected_as_documented: int = 0
    """Entries whose request breaks the spec and that the server refused (4xx), as the
    spec says it would: consistent, so counted rather than reported."""
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    operations: dict[str, int] = field(default_factory=dict)
    """operationId -> entries checked against it (for per-operation reports)."""

    def merge(self, other: Report) -> None:
        self.entries += other.entries
        self.matched += other.matched
        self.skipped += other.skipped
        self.rejected_as_documented += other.rejected_as_documented
        self.files.extend(other.files)
        self.findings.extend(other.findings)
        for op, count in other.operations.items():
            self.operations[op] = self.operations.get(op, 0) + count

    def failing(self, fail_on: Iterable[Severity] | Severity = Severity.BREAKING) -> list[Finding]:
        """Findings that fail a run: breaking ones, plus those of the severities asked for."""
        wanted = {fail_on} if isinstance(fail_on, Severity) else set(fail_on)
        wanted.add(Severity.BREAKING)
        return [f for f in self.findings if f.severity in wanted]

    def counts(self) -> dict[str, int]:
        out = {s.value: 0 for s in Severity}
        for finding in self.findings:
            out[finding.severity.value] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "matched": self.matched,
            "skipped": self.skipped,
            "rejected_as_documented": self.rejected_as_documented,
            "files": list(self.files),
            "counts": self.counts(),
            "findings": [f.to_json() for f in self.findings],
        }
