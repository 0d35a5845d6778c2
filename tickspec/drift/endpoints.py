"""New operations from `unknown_operation` findings: path template, operationId, tag, schemas.

A path seen as `/api/v2/reminder/6940c3d5...` and `/api/v2/reminder/6940c3e1...`
is one operation, `/api/v2/reminder/{reminderId}`: a segment that looks like an
id (ObjectId, inbox id, number, UUID, long hex) becomes a parameter named from
the segment before it. The path item follows the conventions of schemas/README.md
(one tag, the shared header parameters, the standard error answers, `x-idempotent`)
and says `x-evidence: [inferred from captures]` so a reviewer knows nothing in it
is documented yet. A new method on a path item the spec already has takes that
item's template, path parameters, headers, security and servers from its sibling
operations (`Shared`), so it reads as one more operation of the same resource.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from tickspec.contract import har
from tickspec.contract.path_template import camel, singular
from tickspec.drift.infer import EVIDENCE, Inferrer, words

HEADERS = ("XDevice", "XTz", "Hl", "TraceId", "XCsrfToken", "Origin", "Referer", "UserAgent")
ERRORS = {"400": "BadRequest", "401": "Error", "429": "RateLimited", "500": "Error"}
TAGS = {
    "signon": "auth", "mfa": "auth", "batch": "sync", "task": "tasks", "project": "projects",
    "projectgroup": "projects", "tag": "tags", "filter": "filters", "column": "columns",
    "habit": "habits", "habitcheckin": "habits", "search": "search",
}  # fmt: skip
VERBS = {"GET": "get", "POST": "create", "PUT": "update", "DELETE": "delete", "PATCH": "update"}


@dataclass
class NewOperation:
    method: str
    path: str
    entries: list[har.Entry] = field(default_factory=list)

    @property
    def literals(self) -> list[str]:
        segments = [s for s in self.path.strip("/").split("/") if not s.startswith("{")]
        return [s for s in segments if s not in ("api",) and not re.match(r"^v[0-9]+$", s)]

    def operation_id(self, taken: set[str]) -> str:
        nouns = self.literals[-2:] if len(self.literals) > 1 else self.literals
        noun = "".join(camel(w)[:1].upper() + camel(w)[1:] for w in nouns) or "Root"
        base = VERBS.get(self.method, self.method.lower()) + noun
        name, n = base, 2
        while name in taken:
            name, n = f"{base}{n}", n + 1
        return name

    def tag(self, tags: set[str]) -> str:
        for word in reversed(self.literals):
            key = singular(word).lower()
            if TAGS.get(key) in tags:
                return TAGS[key]
        return "user" if "user" in tags else sorted(tags)[0] if tags else "untagged"


@dataclass
class Shared:
    """What a new operation takes from the operations of its path item (or the defaults of a
    new path item): path parameters, then the other non-query ones, then keys such as
    `security` and `servers`."""

    path: list[dict[str, Any]]
    other: list[dict[str, Any]]
    keys: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def default(cls, path: str) -> Shared:
        """A new path item's: every `{name}` a string, the shared header parameters."""
        names = [p[1:-1] for p in path.split("/") if p.startswith("{")]
        return cls(
            [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
             for n in names],
            [{"$ref": f"#/components/parameters/{h}"} for h in HEADERS],
        )  # fmt: skip


def query_parameter(name: str, values: list[str], inferrer: Inferrer) -> dict[str, Any]:
    """An optional query parameter typed from every value seen (infer.Inferrer.query)."""
    schema = inferrer.query(values, name)
    description = f"{words(name) or 'Value'} ({EVIDENCE})."
    if schema.get("type") == "boolean":
        description += " Booleans are read in any casing (true, True, TRUE)."
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema}  # fmt: skip


def build(
    new: NewOperation,
    op_id: str,
    tag: str,
    files: set[str],
    inferrer: Inferrer,
    shared: Shared | None = None,
) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(path item, new schema files) for an operation seen only in captures."""
    shared = shared if shared is not None else Shared.default(new.path)
    queries: dict[str, list[str]] = {}
    for e in new.entries:
        for key, value in e.query:
            queries.setdefault(key, []).append(value)
    kebab = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "-", op_id).lower()
    pascal = op_id[:1].upper() + op_id[1:]
    requests = [v for e in new.entries for v, err in [e.request_body.parse()] if err is None]
    responses: dict[str, list[Any]] = {}
    for e in new.entries:
        value, err = e.response_body.parse()
        if e.status and err is None:
            responses.setdefault(str(e.status), []).append(value)
    schemas: dict[str, dict[str, Any]] = {}
    op: dict[str, Any] = {
        "operationId": op_id,
        "tags": [tag],
        "summary": f"{new.method} {new.path} ({EVIDENCE})",
        "description": f"Seen in captures, not documented yet: describe what it does. "
        f"Idempotent: {'yes. A read.' if new.method == 'GET' else 'unknown; assumed not.'}",
        "x-idempotent": new.method == "GET",
        "x-evidence": [EVIDENCE],
        **shared.keys,
        "parameters": [
            *shared.path,
            *[query_parameter(k, queries[k], inferrer) for k in sorted(queries)],
            *shared.other,
        ],
    }
    if requests:
        name = _free(f"{kebab}-request.json", files)
        schemas[name] = _file(f"{pascal}Request", new, requests, inferrer)
        op["requestBody"] = {"required": True, "content": _json(name)}
    answers: dict[str, Any] = {}
    for code in sorted({str(e.status) for e in new.entries if e.status} | set(ERRORS)):
        if code in ERRORS and code not in responses:
            answers[code] = {"$ref": f"#/components/responses/{ERRORS[code]}"}
        elif code in responses:
            name = _free(f"{kebab}-response{'' if code == '200' else '-' + code}.json", files)
            title = f"{pascal}Response{'' if code == '200' else code}"
            schemas[name] = _file(title, new, responses[code], inferrer)
            answers[code] = {"description": "OK" if code == "200" else code, "content": _json(name)}
        else:
            answers[code] = {"description": f"{code}, empty body"}
    op["responses"] = answers
    return {new.method.lower(): op}, schemas


def _file(title: str, new: NewOperation, values: list[Any], inferrer: Inferrer) -> dict[str, Any]:
    inferred = inferrer.infer(values, title)
    inferred.pop("description", None)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": f"Body of {new.method} {new.path}, {EVIDENCE} "
        f"({len(values)} bodies); shape inferred, describe it.",
        "x-evidence": [EVIDENCE],
        **inferred,
        "examples": values[:1],
    }


def _json(file: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": file}}}


def _free(name: str, files: set[str]) -> str:
    stem, n = name.removesuffix(".json"), 2
    while name in files:
        name, n = f"{stem}-{n}.json", n + 1
    files.add(name)
    return name
