"""`tickspec propose`: the schema edits that make captures check clean.

Each finding is turned into an edit of the file that *defines* the schema it is
about (following `$ref`, as Optic's `capture --update` does), so a proposal is
reviewed as an ordinary `git diff` of `schemas/`. Edits are collected per target
first and rendered at the end: twenty entries with the same new field are one
property, typed from all twenty values, and removals from a `required` list are
emitted from the highest index down so that each JSON Patch stays valid.
New operations (a new path, or a new method of a path item the spec has) and
undeclared query parameters are proposed by operations.py. What cannot be
decided from traffic (a response field that changed type, a new status code, a
refused request) is listed for a human, with why, instead of guessed.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tickspec.contract import har
from tickspec.contract.checker import Checker
from tickspec.contract.classify import json_type
from tickspec.contract.findings import Finding, Kind, Report
from tickspec.contract.pointer import escape, value_at
from tickspec.contract.safe_text import UNSAFE, json_safe
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.drift import operations
from tickspec.drift.infer import Inferrer, summary, widen
from tickspec.drift.patch import Edit, add_yaml, apply_doc, apply_json
from tickspec.drift.source import split_path
from tickspec.spec import Spec

WHY: dict[Kind, str] = {
    Kind.UNDOCUMENTED_STATUS: "a status code is a claim about the server (which error? a new "
    "answer?) that traffic alone cannot settle: document it by hand",
    Kind.REJECTED_REQUEST: "the server refused a request the spec allows: it got stricter or "
    "the request broke an unwritten rule; a human decides which",
    Kind.TYPE_MISMATCH: "a response value of another type breaks generated clients: widen it "
    "only once the change is known to be real",
    Kind.ENUM_VIOLATION: "a response null outside the enum may be a server bug, or no enum "
    "defines the value: decide by hand",
    Kind.FORMAT_VIOLATION: "a response value out of its format breaks clients that parse it: "
    "decide whether the format changed",
    Kind.CONSTRAINT_VIOLATION: "a failed bound or length cannot be re-derived from a few "
    "values: loosen it by hand if it is real",
    Kind.INVALID_JSON: "a body that is not JSON is no schema change: check the capture",
    Kind.UNEXPECTED_BODY: "a body where the spec documents none: describe it by hand",
    Kind.MISSING_REQUIRED: "no schema file propose can edit lists it as required",
    Kind.UNKNOWN_FIELD: "not a name a schema can hold, already declared, or in no schema file "
    "propose can edit",
    Kind.UNKNOWN_OPERATION: "the spec has this method and path, yet the URL matched none",
}
"""Why a kind of finding is left to a human: one line each, printed with the finding."""


@dataclass
class Proposal:
    edits: list[Edit] = field(default_factory=list)
    manual: list[Finding] = field(default_factory=list)
    findings: int = 0

    @staticmethod
    def why(finding: Finding) -> str:
        """Why `finding` is in the manual list."""
        return WHY.get(finding.kind, "propose cannot locate the schema that defines it")

    def patches(self) -> dict[str, list[dict[str, Any]]]:
        """One JSON Patch (RFC 6902) per file; a new file is one `add` at the root."""
        out: dict[str, list[dict[str, Any]]] = {}
        for edit in self.edits:
            out.setdefault(edit.file, []).append(edit.op)
        return out


@dataclass
class _Collector:
    source: Source
    ops: operations.Operations
    fields: dict[tuple[str, str, str], list[Any]] = field(default_factory=dict)
    enums: dict[tuple[str, str], list[Any]] = field(default_factory=dict)
    widened: dict[Loc, set[str]] = field(default_factory=dict)
    dropped: dict[Loc, set[str]] = field(default_factory=dict)
    patterns: set[Loc] = field(default_factory=set)
    manual: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding, entry: har.Entry) -> None:
        if finding.kind is Kind.UNKNOWN_OPERATION:
            self.ops.unknown(entry)
        elif finding.path.startswith(operations.QUERY):
            if not self.ops.query(finding, entry):
                self.manual.append(finding)
        elif not self._body(finding, entry):
            self.manual.append(finding)

    def _body(self, finding: Finding, entry: har.Entry) -> bool:
        where, parts = split_path(finding.path)
        root = self.source.body_root(finding.operation, where, entry.status)
        if root is None:
            return False
        if finding.kind is Kind.MISSING_REQUIRED:  # no value to read: it is absent
            return self._required(root, parts)
        value, found = _value_at(entry, where, parts)
        if not found:
            return False
        request = where.startswith("request")
        kind = finding.kind
        if kind is Kind.UNKNOWN_FIELD and parts and isinstance(parts[-1], str):
            if UNSAFE.search(parts[-1]):  # control characters, lone surrogates: not a name
                return False
            target = self._defining(root, parts[:-1], "properties")
            if target is None:
                return False
            self.fields.setdefault((*target, parts[-1]), []).append(value)
        elif kind is Kind.ENUM_VIOLATION and (request or value is not None):
            target = self._defining(root, parts, "enum")
            if target is None:
                return False
            known = self.enums.setdefault(target, [])
            if value not in known:
                known.append(value)
        elif kind is Kind.TYPE_MISMATCH and (request or value is None):
            locs = [loc for loc in self.source.walk(root, parts) if loc[0] != OPENAPI]
            if not locs or (not parts and not request):
                return False
            self.widened.setdefault(locs[0], set()).add(json_type(value))
        elif kind is Kind.FORMAT_VIOLATION and request:  # served: TickTick takes this form
            locs = [loc for loc in self.source.walk(root, parts) if loc[0] != OPENAPI]
            if not locs:
                return False
            if "pattern" in self.source.node(locs[0]):
                self.patterns.add(locs[0])
            else:  # a shared type ($ref Timestamp): accept any string here, not everywhere
                self.widened.setdefault(locs[0], set()).add("string")
        else:
            return False
        return True

    def _required(self, root: Loc, parts: list[str | int]) -> bool:
        if not parts or not isinstance(parts[-1], str):
            return False
        name = parts[-1]
        for loc in self.source.walk(root, parts[:-1]):
            for flat in self.source.flatten(loc):
                if flat[0] != OPENAPI and name in (self.source.node(flat).get("required") or []):
                    self.dropped.setdefault(flat, set()).add(name)
                    return True
        return False

    def _defining(self, root: Loc, parts: list[str | int], keyword: str) -> Loc | None:
        """The first schema, at `parts` below `root`, that has `keyword`, in a JSON file."""
        for loc in self.source.walk(root, parts):
            for flat in self.source.flatten(loc):
                if flat[0] != OPENAPI and keyword in self.source.node(flat):
                    return flat
        return None


def _value_at(entry: har.Entry, where: str, parts: list[str | int]) -> tuple[Any, bool]:
    if where == "request.body":
        value, error = entry.request_body.parse()
    elif where == "response.body":
        value, error = entry.response_body.parse()
    else:
        try:
            value, error = json.loads(entry.headers.get(where.split(".")[-1].lower(), "")), None
        except ValueError:
            return None, False
    if error is not None:
        return None, False
    for part in parts:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None, False
    return value, True


def propose(
    source: Source, paths: Iterable[str | Path], hosts: Iterable[str] = har.API_HOSTS
) -> Proposal:
    """Check the captures against `source` and turn every finding into an edit or a to-do."""
    checker = Checker(Spec(source.bundle()), hosts)
    collector = _Collector(source, operations.Operations(source, checker.router))
    total = 0
    for file in har.expand(paths):
        for index, raw in har.iter_raw(file):
            entry = har.parse_entry(raw, str(file), index)
            report = Report()
            checker.check_entry(entry, report)
            total += len(report.findings)
            for finding in report.findings:
                collector.add(finding, entry)
    proposal = _render(collector)
    proposal.findings = total
    return proposal


def _render(c: _Collector) -> Proposal:
    out = Proposal(manual=c.manual)
    defs = c.source.docs.get("common.json", {}).get("$defs", {})
    inferrer = Inferrer(defs)
    for (file, pointer, name), values in c.fields.items():
        schema = inferrer.infer(values, name)
        op = {"op": "add", "path": f"{pointer}/properties/{escape(name)}", "value": schema}
        out.edits.append(
            Edit(file, op, f"new field '{name}': {summary(schema)} ({len(values)} values seen)")
        )
    for (file, pointer), types in c.widened.items():
        schema = copy.deepcopy(c.source.node((file, pointer)))
        if isinstance(schema.get("enum"), list):  # the replace carries this node's new members
            schema["enum"] += c.enums.pop((file, pointer), [])
        for observed in sorted(types):
            schema = widen(schema, observed)
        what = "nullable" if types == {"null"} else "also " + " or ".join(sorted(types))
        out.edits.append(
            Edit(file, {"op": "replace", "path": pointer, "value": schema}, f"made {what}")
        )
    for (file, pointer), values in c.enums.items():
        for value in values:
            op = {"op": "add", "path": f"{pointer}/enum/-", "value": value}
            out.edits.append(Edit(file, op, f"new enum member {json.dumps(value)}"))
    for (file, pointer), names in c.dropped.items():
        required = c.source.node((file, pointer))["required"]
        for index in sorted((i for i, n in enumerate(required) if n in names), reverse=True):
            op = {"op": "remove", "path": f"{pointer}/required/{index}"}
            out.edits.append(Edit(file, op, f"'{required[index]}' no longer required"))
    for file, pointer in sorted(c.patterns):
        op = {"op": "remove", "path": f"{pointer}/pattern"}
        out.edits.append(Edit(file, op, "pattern dropped: TickTick accepts other forms"))
    edits, manual = c.ops.edits(inferrer, set(c.source.docs))
    out.edits += edits
    out.manual += manual
    return out


def apply(source: Source, proposal: Proposal, root: Path) -> list[Path]:
    """Write the edits into `root`, all files or none: every new text is built (and parsed)
    before the first file is replaced."""
    texts: dict[str, str] = {}
    for file, ops in proposal.patches().items():
        if file not in source.texts:
            texts[file] = json.dumps(ops[0]["value"], indent=2, ensure_ascii=False) + "\n"
        elif file == OPENAPI:
            text = source.texts[file]
            for op in ops:
                text = add_yaml(text, op["path"], op["value"])
            _same_yaml(text, apply_doc(copy.deepcopy(source.docs[file]), ops))
            texts[file] = text
        else:
            texts[file] = apply_json(source.texts[file], ops)
            json.loads(texts[file])
    # bytes first: a value that cannot be encoded stops the apply before any write
    data = {f: (t if f == OPENAPI else json_safe(t)).encode("utf-8") for f, t in texts.items()}
    written = []
    for file, raw in sorted(data.items()):
        target = root / file
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(raw)
        os.replace(tmp, target)
        written.append(target)
    return written


def _same_yaml(text: str, expected: Any) -> None:
    """The edited text must parse to the patched document: a located-by-indentation edit
    that landed elsewhere stops the apply before anything is written."""
    from tickspec import yaml_text

    if yaml_text.safe_load(text) != expected:
        raise ValueError("the edited openapi.yaml is not the proposed document")


__all__ = ["Edit", "Proposal", "apply", "propose", "value_at"]
