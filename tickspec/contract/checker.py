"""`tickspec check`: match each captured exchange to an operation and compare it to the spec.

Per entry: skip other hosts and CORS preflights; find the operation (method +
path template, after the servers' base path); check the headers (header drift,
above all `X-Device`, is the most common real breakage), cookies, path and query
parameters, the request body, the status code and the response body. Bodies
take the fast `is_valid` path first; only an invalid body pays for the exact
jsonschema errors. The unknown-field walk runs on every body (see walker.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tickspec.contract import har
from tickspec.contract.classify import Problem, join, problems, show
from tickspec.contract.findings import Finding, Kind, Report
from tickspec.contract.walker import Walker
from tickspec.spec import Operation, Parameter, Spec, Validator, load

INTEGER = re.compile(r"^-?[0-9]+$")
NUMBER = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")


class Checker:
    """Checks captures against one spec; reuse it across files (it caches per schema)."""

    def __init__(self, spec: Spec | None = None, hosts: Iterable[str] = har.API_HOSTS) -> None:
        self.spec = spec if spec is not None else load()
        servers = [s.get("url", "") for s in self.spec.openapi.get("servers") or []]
        self.hosts = frozenset(h.lower() for h in hosts) | {
            (urlsplit(u).hostname or "").lower() for u in servers if urlsplit(u).hostname
        }
        prefixes = {urlsplit(u).path.rstrip("/") for u in servers} | {""}
        self.prefixes = sorted(prefixes, key=len, reverse=True)
        self.walker = Walker(self.spec.resolver())
        self._index: dict[tuple[str, int], list[Operation]] = {}
        self._validators: dict[int, tuple[dict[str, Any], Validator]] = {}
        self._params: dict[tuple[int, str], list[Problem]] = {}
        """(parameter, raw value) -> problems: header values repeat on every entry."""
        for op in sorted(self.spec.operations, key=lambda o: -o.literal_segments):
            size = len([s for s in op.path.strip("/").split("/") if s])
            self._index.setdefault((op.method, size), []).append(op)

    # -- matching -------------------------------------------------------------------

    def match(self, method: str, path: str) -> tuple[Operation | None, str]:
        """(operation, path relative to the server) for a request."""
        for prefix in self.prefixes:
            if prefix and not path.startswith(prefix + "/"):
                continue
            rel = path[len(prefix):] or "/"
            size = len([s for s in rel.strip("/").split("/") if s])
            for op in self._index.get((method, size), ()):
                if op.pattern.match(rel):
                    return op, rel
        return None, path

    # -- whole files ------------------------------------------------------------------

    def check_file(self, path: Path) -> Report:
        """One capture; HarError when it is unusable."""
        report = Report(files=[str(path)])
        for entry in har.entries(path):
            self.check_entry(entry, report)
        return report

    def check_paths(self, paths: Iterable[str | Path]) -> Report:
        report = Report()
        for file in har.expand(paths):
            report.merge(self.check_file(file))
        return report

    # -- one entry --------------------------------------------------------------------

    def check_entry(self, entry: har.Entry, report: Report) -> Operation | None:
        """Add the entry's findings to `report`; returns the matched operation."""
        report.entries += 1
        if entry.host not in self.hosts or entry.method == "OPTIONS":
            report.skipped += 1
            return None
        op, rel = self.match(entry.method, entry.path)
        if op is None:
            name = f"{entry.method} {entry.path}"
            allowed = self.spec.path_allows(rel)
            hint = f" (the spec has {', '.join(allowed)} for this path)" if allowed else ""
            problem = Problem(
                Kind.UNKNOWN_OPERATION, "request", f"{name} is not in the spec{hint}",
                "an operation of the spec", name,
            )
            report.findings.append(_finding(problem, entry, name))
            return None
        report.matched += 1
        report.operations[op.operation_id] = report.operations.get(op.operation_id, 0) + 1
        found = [
            *self._parameters(op, entry, rel),
            *self._request_body(op, entry),
            *self._response(op, entry),
        ]
        report.findings.extend(_finding(p, entry, op.operation_id) for p in found)
        return op

    def _parameters(self, op: Operation, entry: har.Entry, rel: str) -> list[Problem]:
        out: list[Problem] = []
        path_values = _path_values(op.path, rel)
        query = dict(entry.query)
        known_query = set()
        for param in op.parameters:
            if param.location == "header":
                value = entry.headers.get(param.name.lower())
                label = join("request.headers", [entry.header_names.get(param.name.lower(),
                                                                         param.name)])
            elif param.location == "cookie":
                value, label = entry.cookies.get(param.name), join("request.cookies", [param.name])
            elif param.location == "query":
                known_query.add(param.name)
                value, label = query.get(param.name), join("request.query", [param.name])
            else:
                value, label = path_values.get(param.name), join("request.path", [param.name])
            if value is None:
                if param.required:
                    out.append(Problem(Kind.MISSING_REQUIRED, label,
                                       f"required {param.location} '{param.name}' is missing",
                                       "present", "absent"))
                continue
            out += self._parameter(param, value, label)
        for name in query:
            if name not in known_query:
                out.append(Problem(Kind.UNKNOWN_FIELD, join("request.query", [name]),
                                   f"query parameter '{name}' is not in the spec",
                                   "a parameter of the spec", show(query[name])))
        return out

    def _parameter(self, param: Parameter, raw: str, label: str) -> list[Problem]:
        key = (id(param), raw)
        cached = self._params.get(key)
        if cached is None:
            if len(self._params) > 4096:
                self._params.clear()
            cached = self._params[key] = self._check_parameter(param, raw, label)
        return cached

    def _check_parameter(self, param: Parameter, raw: str, label: str) -> list[Problem]:
        if param.json_content:
            try:
                value: Any = json.loads(raw)
            except ValueError as exc:
                return [Problem(Kind.INVALID_JSON, label, f"header is not JSON ({exc.msg})",
                                "JSON", show(raw))]
        else:
            value = _coerce(raw, self._types(param.schema))
        return self.validate(param.schema, value, label)

    def _types(self, schema: dict[str, Any]) -> set[str]:
        resolved = self.spec.resolve(schema)
        kinds = resolved.get("type", [])
        types = set(kinds if isinstance(kinds, list) else [kinds])
        for branch in resolved.get("anyOf", []) + resolved.get("oneOf", []):
            if isinstance(branch, dict):
                types |= self._types(branch)
        return types

    def _request_body(self, op: Operation, entry: har.Entry) -> list[Problem]:
        body = entry.request_body
        if op.request_schema is None:
            if body.text:
                return [Problem(Kind.UNEXPECTED_BODY, "request.body",
                                "the spec documents no request body", "no body", show(body.text))]
            return []
        value, error = body.parse()
        if error is None:
            return self.validate(op.request_schema, value, "request.body")
        if body.text is None or (error == "empty body" and not op.request_required):
            if op.request_required:
                return [Problem(Kind.MISSING_REQUIRED, "request.body",
                                "required request body is missing", "a JSON body", "no body")]
            return []
        return [Problem(Kind.INVALID_JSON, "request.body", f"request body: {error}", "JSON",
                        show(body.text))]

    def _response(self, op: Operation, entry: har.Entry) -> list[Problem]:
        if entry.status == 0:  # aborted or blocked: the browser got no response
            return []
        documented, schema = op.response_schema(entry.status)
        if not documented:
            listed = ", ".join(sorted(op.responses)) or "none"
            return [Problem(Kind.UNDOCUMENTED_STATUS, "response.status",
                            f"status {entry.status} is not documented (documented: {listed})",
                            listed, str(entry.status))]
        body = entry.response_body
        if schema is None:
            if body.text and body.text.strip():
                return [Problem(Kind.UNEXPECTED_BODY, "response.body",
                                f"the spec documents no body for status {entry.status}",
                                "no body", show(body.text))]
            return []
        value, error = body.parse()
        if error is None:
            return self.validate(schema, value, "response.body")
        if body.text is None:  # the exporter did not keep the body: nothing to check
            return []
        return [Problem(Kind.INVALID_JSON, "response.body", f"response body: {error}", "JSON",
                        show(body.text))]

    # -- validation -------------------------------------------------------------------

    def validate(self, schema: dict[str, Any], instance: Any, base: str) -> list[Problem]:
        """Schema errors (only if the fast path says invalid) plus unknown fields."""
        out: list[Problem] = []
        found = self._validators.get(id(schema))
        if found is None:  # keyed by identity: the spec's schemas live as long as the Checker
            found = self._validators[id(schema)] = (schema, self.spec.validator(schema))
        validator = found[1]
        if not validator.is_valid(instance):
            errors = validator.errors(instance)
            out.extend(_root_causes([p for e in errors for p in problems(e, base)]))
        for parts in self.walker.unknown(schema, instance):
            out.append(Problem(Kind.UNKNOWN_FIELD, join(base, parts),
                               f"field '{parts[-1]}' is not in the schema",
                               "a field of the schema", "new field"))
        return out


def _root_causes(found: list[Problem]) -> list[Problem]:
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


def _finding(problem: Problem, entry: har.Entry, operation: str) -> Finding:
    return Finding(problem.kind, operation, entry.file, entry.index, problem.path,
                   problem.message, problem.expected, problem.found)


def _path_values(template: str, path: str) -> dict[str, str]:
    from urllib.parse import unquote

    names = [s for s in template.strip("/").split("/") if s]
    values = [s for s in path.strip("/").split("/") if s]
    return {
        name[1:-1]: unquote(value)
        for name, value in zip(names, values, strict=False)
        if name.startswith("{") and name.endswith("}")
    }


def _coerce(raw: str, types: set[str]) -> Any:
    """A header/query/path string as the JSON value its schema expects, when it parses."""
    if "integer" in types and INTEGER.match(raw):
        return int(raw)
    if "number" in types and NUMBER.match(raw):
        return float(raw)
    if "boolean" in types and raw in ("true", "false"):
        return raw == "true"
    return raw


def check_paths(paths: Iterable[str | Path], spec: Spec | None = None) -> Report:
    """Check capture files and folders of `.har`; HarError when an input is unusable."""
    return Checker(spec).check_paths(paths)
