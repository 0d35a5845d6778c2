"""`tickspec check`: compare each captured exchange with the operation it belongs to.

Per entry (streamed from the file, harfile.py): skip what is not an API call
(router.py), find the operation, check the parameters (params.py), the request
body, the status code and the response body, then let the answer decide what a
request-side problem means (`check_entry`, answers.py). A body first meets the
closed twin of its schema (strict.py): passing it means valid with no unknown
field, one Rust call. Only a body that fails it pays for the open validation, the
exact jsonschema errors (classify.py turns them into findings) and the
unknown-field walk (walker.py), which open schemas need since they accept the new
fields it is looking for.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from tickspec.contract import har
from tickspec.contract.answers import Answers
from tickspec.contract.classify import Problem, join, problems, show
from tickspec.contract.findings import SEVERITY, Finding, Kind, Report, Severity, Side
from tickspec.contract.params import ParameterChecker
from tickspec.contract.router import Router
from tickspec.contract.strict import Strict
from tickspec.contract.walker import Walker
from tickspec.forms import form_fields, is_form
from tickspec.spec import Operation, Spec, load


class Checker:
    """Checks captures against one spec; reuse it across files (it caches per schema)."""

    def __init__(self, spec: Spec | None = None, hosts: Iterable[str] = har.API_HOSTS) -> None:
        self.spec = spec if spec is not None else load()
        self.router = Router(self.spec, hosts)
        self.walker = Walker(self.spec.resolver())
        self.params = ParameterChecker(self.spec, self.validate)
        self.answers = Answers(self.spec)

    @cached_property
    def strict(self) -> Strict:
        """The closed twin of the spec (strict.py): built on first use."""
        return Strict(self.spec)

    def check_paths(self, paths: Iterable[str | Path], jobs: int = 1) -> Report:
        """Check files and folders of `.har`; HarError when an input is unusable.

        `jobs` > 1 spreads the entries of each file over that many processes
        (parallel.py); the report is the same, in the same order."""
        report = Report()
        for file in har.expand(paths):
            if jobs > 1:
                from tickspec.contract import parallel

                report.merge(parallel.check_file(self, file, jobs))
            else:
                report.merge(self.check_file(file))
        return report

    def check_file(self, path: Path) -> Report:
        report = Report(files=[str(path)])
        with no_cycle_collection():
            for index, raw in har.iter_raw(path):
                self.check_entry(har.parse_entry(raw, str(path), index), report)
        if not report.entries:
            raise har.HarError(f"{path}: no entries (an empty capture checks nothing)")
        return report

    def check_entry(self, entry: har.Entry, report: Report) -> Operation | None:
        """Count the entry and add its findings to `report`; returns the matched operation.

        The answer decides what a request-side problem means (the capture is evidence
        about the server): served (2xx), the spec is stricter than the server
        (`lenient`); refused (4xx), the spec said so (counted in
        `rejected_as_documented`); any other answer, it stays as severe as its kind.
        A request that fits the spec but is refused is `rejected_request`."""
        report.entries += 1
        if not self.router.checked(entry):
            report.skipped += 1
            return None
        op, rel = self.router.match(entry.method, entry.path)
        if op is None:
            name = f"{entry.method} {entry.path}"
            message = f"{name} is not in the spec{self.router.unknown_hint(rel, entry.method)}"
            unknown = Problem(Kind.UNKNOWN_OPERATION, "request", message, "an operation", name)
            report.findings.append(_finding(unknown, entry, name))
            return None
        report.matched += 1
        report.operations[op.operation_id] = report.operations.get(op.operation_id, 0) + 1
        request = [*self.params.check(op, entry, rel), *self._request_body(op, entry)]
        broken = any(SEVERITY[p.kind] is Severity.BREAKING for p in request)
        status, level, judged = entry.status, None, False
        if broken and 200 <= status < 300:
            level = Severity.LENIENT
        elif broken and 400 <= status < 500:
            report.rejected_as_documented += 1
            request, judged = [], True
        elif not broken and self.answers.rejects(op, entry):
            request.append(self.answers.rejected(entry))
            judged = True
        findings = [_finding(p, entry, op.operation_id, level) for p in request]
        response = self._response(op, entry, refusal=judged)
        findings += [_finding(p, entry, op.operation_id) for p in response]
        report.findings.extend(findings)
        return op

    def _request_body(self, op: Operation, entry: har.Entry) -> list[Problem]:
        body, where = entry.request_body, "request.body"
        if op.request_schema is None:
            if not body.text:
                return []
            media = entry.headers.get("content-type") or body.mime
            if op.form_schema is not None and is_form(media):
                fields = form_fields(body.text.encode("utf-8", "replace"), media)
                if self.strict.clean(self.strict.form(op), fields):
                    return []
                return self.validate(op.form_schema, fields, where)
            message = "the spec documents no request body"
            return [Problem(Kind.UNEXPECTED_BODY, where, message, "no body", show(body.text))]
        value, error = body.parse()
        if error is None:
            if self.strict.clean(self.strict.request(op), value):
                return []
            return self.validate(op.request_schema, value, where)
        if body.text is None or error == "empty body":
            if not op.request_required:
                return []
            message = "required request body is missing"
            return [Problem(Kind.MISSING_REQUIRED, where, message, "a JSON body", "no body")]
        return [Problem(Kind.INVALID_JSON, where, f"body: {error}", "JSON", show(body.text))]

    def _response(self, op: Operation, entry: har.Entry, refusal: bool = False) -> list[Problem]:
        """Response-side problems; for a `refusal` (a 4xx already judged on the request
        side) an undocumented status is not news, but a documented one's body is checked."""
        if entry.status == 0:  # aborted or blocked: the browser got no response
            return []
        documented, schema = op.response_schema(entry.status)
        if not documented and refusal:
            return []
        if not documented:
            listed = ", ".join(sorted(op.responses)) or "none"
            message = f"status {entry.status} is not documented (documented: {listed})"
            status = str(entry.status)
            return [Problem(Kind.UNDOCUMENTED_STATUS, "response.status", message, listed, status)]
        body, where = entry.response_body, "response.body"
        if schema is None:
            if not (body.text and body.text.strip()):
                return []
            message = f"the spec documents no body for status {entry.status}"
            return [Problem(Kind.UNEXPECTED_BODY, where, message, "no body", show(body.text))]
        value, error = body.parse()
        if error is None:
            if self.strict.clean(self.strict.response(op, entry.status), value):
                return []
            return self.validate(schema, value, where)
        if body.text is None:  # the exporter did not keep the body: nothing to check
            return []
        return [Problem(Kind.INVALID_JSON, where, f"body: {error}", "JSON", show(body.text))]

    def validate(self, schema: dict[str, Any], instance: Any, base: str) -> list[Problem]:
        """Schema errors (only when the fast path says invalid) plus unknown fields."""
        validator = self.spec.validator(schema)
        out: list[Problem] = []
        try:
            checked = instance
            try:
                valid = validator.is_valid(instance)
            except UnicodeEncodeError:  # a lone surrogate: the Rust validator takes UTF-8 only
                checked = scrub(instance)
                valid = validator.is_valid(checked)
            if not valid:
                errors = validator.errors(checked)
                out.extend(root_causes([p for e in errors for p in problems(e, base)]))
            unknown = self.walker.unknown(schema, instance)
        except RecursionError:  # parsed, but too deep for the validators: not a real API body
            return [Problem(Kind.CONSTRAINT_VIOLATION, base, "JSON nested too deeply to check")]
        for parts in unknown:
            message = f"field '{parts[-1]}' is not in the schema"
            path = join(base, parts)
            out.append(Problem(Kind.UNKNOWN_FIELD, path, message, "a field of the schema", "new"))
        return out


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector while a capture is checked.

    A big capture is millions of parsed objects; every full collection would walk all of
    them (a third of the run time on 10,000 entries) to find cycles that checking never
    creates. Reference counting still frees everything; the collector resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def root_causes(found: list[Problem]) -> list[Problem]:
    """One finding per cause: a value of the wrong type also fails its enum or pattern,
    but only the type mismatch is news; exact repeats (from anyOf branches) are dropped."""
    typed = {p.path for p in found if p.kind is Kind.TYPE_MISMATCH}
    seen: set[tuple[Kind, str]] = set()
    out = []
    for problem in found:
        key = (problem.kind, problem.path)
        if key in seen or (problem.path in typed and problem.kind is not Kind.TYPE_MISMATCH):
            continue
        seen.add(key)
        out.append(problem)
    return out


def scrub(value: Any) -> Any:
    """`value` with lone surrogates (valid JSON escapes, invalid Unicode) replaced by U+FFFD,
    so that it can be validated; only called when a value holds one."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [scrub(v) for v in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def _finding(
    problem: Problem, entry: har.Entry, operation: str, level: Severity | None = None
) -> Finding:
    p = problem
    side: Side = "request" if p.kind is Kind.REJECTED_REQUEST or p.path.startswith(
        "request") else "response"  # fmt: skip
    level = level if level is not None and SEVERITY[p.kind] is Severity.BREAKING else None
    return Finding(p.kind, operation, entry.file, entry.index, p.path, p.message, p.expected,
                   p.found, side, level)  # fmt: skip


@cache
def default_checker() -> Checker:
    """The Checker of the bundled spec, shared: its compiled validators and field shapes
    are the expensive part, and they depend only on the spec."""
    return Checker()


def check_paths(paths: Iterable[str | Path], spec: Spec | None = None, jobs: int = 1) -> Report:
    """Check capture files and folders of `.har` (the Python API of `tickspec check`).

    Raises `HarError` (one-line message naming the file) when an input is unusable."""
    checker = default_checker() if spec is None else Checker(spec)
    return checker.check_paths(paths, jobs)
