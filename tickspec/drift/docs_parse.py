"""Reading the Open API documentation in its published markdown form.

The doc (developer.ticktick.com / developer.dida365.com, and the public copies of it)
documents each endpoint as a `#### Title`, a fenced block holding `METHOD /path`, a
Parameters (or Request Body) table `Type | Name | Description | Schema` where `*required*`
marks required rows, a Responses table `HTTP Code | Description | Schema`, and examples:
an `http` block (request line, headers, maybe a JSON body) and `json` blocks, labelled
`###### Request` / `###### Response` or not. A `## Definitions` section has one table of
fields per object. The OAuth steps are prose: a `/oauth/authorize` or `/oauth/token` URL
with a `Name | Description` table.

Copies differ in whitespace (trailing spaces, tabs, table padding) and the examples are
illustrations, with `...` where fields were left out; everything here is tolerant: what
cannot be read is skipped, never an error.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass, field
from typing import Any

METHODS = ("GET", "POST", "PUT", "DELETE", "PATCH")
ENDPOINT_LINE = re.compile(r"^(GET|POST|PUT|DELETE|PATCH)\s+(/[^\s?]*)\s*$")
OAUTH_URL = re.compile(r"https?://[^\s`)>\"']*?(/oauth/(?:authorize|token|revoke))\b")
FENCE = re.compile(r"^\s*(```+|~~~+)\s*([A-Za-z0-9_-]*)")
STATUS = re.compile(r"\b([1-5][0-9]{2})\b")
LINK_NAME = re.compile(r"\[([A-Za-z_][A-Za-z0-9_]*)\]\(")
ELLIPSIS_LINE = re.compile(r"^\s*(\.\.\.|…)\s*,?\s*$", re.MULTILINE)
TRAILING_COMMA = re.compile(r",(\s*[}\]])")
PLACEHOLDER = re.compile(r"\{\{[^{}]*\}\}")


@dataclass
class DocParam:
    """One row of a Parameters / Request Body table (or an OAuth step's table)."""

    location: str
    """path, query, body, header, form, or "" when the table has no Type column."""
    name: str
    required: bool
    schema: str
    description: str = ""


@dataclass
class DocEndpoint:
    """One documented endpoint: its heading, request line, tables and examples."""

    title: str
    method: str
    path: str
    line: int
    params: list[DocParam] = field(default_factory=list)
    statuses: list[tuple[int, str]] = field(default_factory=list)
    """(code, the Schema cell of its row)."""
    requests: list[Any] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)


@dataclass
class DocField:
    """One field of a Definitions table."""

    name: str
    schema: str


@dataclass
class Doc:
    """What a document says: its endpoints and the object definitions."""

    endpoints: list[DocEndpoint]
    definitions: dict[str, list[DocField]]


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") else inner
    return [c.strip() for c in inner.split("|")]


def _plain(cell: str) -> str:
    return re.sub(r"[*`\\]", "", cell).strip()


def _tables(lines: list[str]) -> list[list[list[str]]]:
    """The pipe tables of a block of lines, each as rows of cells (header first)."""
    tables: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*lines, ""]:
        if line.strip().startswith("|"):
            cells = _cells(line)
            if all(re.fullmatch(r":?-*:?", c) for c in cells):
                continue  # the header's rule
            current.append(cells)
        elif current:
            tables.append(current)
            current = []
    return tables


def _param(cells: list[str], header: list[str]) -> DocParam | None:
    columns = [_plain(h).lower() for h in header]
    value = dict(zip(columns, cells, strict=False))
    raw_name = value.get("name") or value.get("parameter") or ""
    name = re.sub(r"\*required\*|\(required\)", "", raw_name, flags=re.IGNORECASE)
    name = _plain(name).split()[0] if _plain(name) else ""
    if not name:
        return None
    location = _plain(value.get("type", "")).lower()
    return DocParam(
        location=location if location in ("path", "query", "body", "header", "form") else "",
        name=name,
        required="required" in raw_name.lower(),
        schema=_plain(value.get("schema", "")),
        description=_plain(value.get("description", "")),
    )


def _json(text: str) -> Any | None:
    """A JSON example as a value: `...` lines dropped, trailing commas and `{{x}}`
    placeholders outside strings tolerated; None when it still does not parse."""
    cleaned = ELLIPSIS_LINE.sub("", text.replace("\u00a0", " "))
    cleaned = TRAILING_COMMA.sub(r"\1", cleaned).strip()
    if not cleaned or cleaned[0] not in "[{":
        return None
    for candidate in (cleaned, PLACEHOLDER.sub("null", cleaned)):
        try:
            return json.loads(candidate)
        except ValueError:
            continue
    return None


def _http_body(block: str) -> Any | None:
    lines = block.splitlines()
    for index, line in enumerate(lines):
        if line.lstrip().startswith(("{", "[")):
            return _json("\n".join(lines[index:]))
    return None


@dataclass
class _Block:
    lang: str
    text: str
    label: str
    """The last `###### ...` heading before it, lower case ('request', 'response', '')."""


def _split_fences(lines: list[str]) -> tuple[list[str], list[_Block]]:
    """(the lines outside fences, the fenced blocks in order)."""
    outside: list[str] = []
    blocks: list[_Block] = []
    label = ""
    inside: list[str] | None = None
    lang = ""
    marker = ""
    for line in lines:
        opened = FENCE.match(line)
        if inside is None:
            if opened:
                inside, lang, marker = [], opened.group(2).lower(), opened.group(1)[:3]
                continue
            if line.startswith("#####"):
                label = line.lstrip("#").strip().lower()
            outside.append(line)
        elif line.strip().startswith(marker):
            blocks.append(_Block(lang, "\n".join(inside), label))
            inside = None
        else:
            inside.append(line)
    if inside is not None:
        blocks.append(_Block(lang, "\n".join(inside), label))
    return outside, blocks


def _request_line(blocks: list[_Block], outside: list[str]) -> tuple[str, str] | None:
    for block in blocks:
        first = next((ln for ln in block.text.splitlines() if ln.strip()), "")
        found = ENDPOINT_LINE.match(first.strip())
        if found:
            return found.group(1), found.group(2)
    text = "\n".join(outside)
    url = OAUTH_URL.search(text)
    if url is None:
        return None
    method = "POST" if re.search(r"\bPOST\b", text) else "GET"
    return method, url.group(1)


def _endpoint(title: str, line: int, body: list[str]) -> DocEndpoint | None:
    outside, blocks = _split_fences(body)
    found = _request_line(blocks, outside)
    if found is None:
        return None
    method, path = found
    endpoint = DocEndpoint(title=title, method=method, path=path, line=line)
    prose = "\n".join(outside).lower()
    everything_required = "required parameters" in prose
    form = "x-www-form-urlencoded" in prose or "form-data" in prose
    for table in _tables(outside):
        header = [_plain(h).lower() for h in table[0]]
        if header and header[0] == "http code":
            for row in table[1:]:
                code = STATUS.search(_plain(row[0]))
                if code:
                    endpoint.statuses.append((int(code.group(1)), row[-1] if row else ""))
        elif "name" in header or "parameter" in header:
            for row in table[1:]:
                param = _param(row, table[0])
                if param is None:
                    continue
                if not param.location and form:
                    param.location = "form"
                param.required = param.required or everything_required
                endpoint.params.append(param)
    _examples(endpoint, blocks)
    return endpoint


def _examples(endpoint: DocEndpoint, blocks: list[_Block]) -> None:
    """Sort the examples into request and response bodies (see the module docstring)."""
    has_body = any(p.location == "body" for p in endpoint.params)
    unlabelled: list[Any] = []
    for block in blocks:
        if ENDPOINT_LINE.match(block.text.strip()):
            continue  # the request line itself
        if block.lang == "http" or re.match(r"^\s*(GET|POST|PUT|DELETE|PATCH) ", block.text):
            value = _http_body(block.text)
            if value is not None:
                endpoint.requests.append(value)
            continue
        value = _json(block.text)
        if value is None:
            continue
        if "request" in block.label:
            endpoint.requests.append(value)
        elif "response" in block.label:
            endpoint.responses.append(value)
        else:
            unlabelled.append(value)
    if len(unlabelled) >= 2 or (unlabelled and has_body and not endpoint.requests):
        endpoint.requests.append(unlabelled.pop(0))
    endpoint.responses.extend(unlabelled)


def _definitions(lines: list[str]) -> dict[str, list[DocField]]:
    found: dict[str, list[DocField]] = {}
    name = ""
    chunk: list[str] = []
    for line in [*lines, "### "]:
        if line.startswith("### ") or line.startswith("## "):
            if name:
                for table in _tables(chunk)[:1]:
                    header = [_plain(h).lower() for h in table[0]]
                    at = header.index("schema") if "schema" in header else len(header) - 1
                    found[name] = [
                        DocField(_plain(row[0]).split()[0], row[at] if at < len(row) else "")
                        for row in table[1:]
                        if row and _plain(row[0])
                    ]
            name = _plain(line.lstrip("#")) if line.startswith("### ") else ""
            chunk = []
        else:
            chunk.append(line)
    return found


def parse(text: str) -> Doc:
    """Every endpoint (in document order) and every definition the text holds."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next(
        (i for i, ln in enumerate(lines) if re.match(r"^##\s+Definitions\s*$", ln.strip())),
        len(lines),
    )
    endpoints: list[DocEndpoint] = []
    heading = re.compile(r"^#{2,4}\s+(.*\S)\s*$")
    marks = [i for i, ln in enumerate(lines[:start]) if heading.match(ln)] + [start]
    for begin, end in itertools.pairwise(marks):
        title_match = heading.match(lines[begin])
        title = title_match.group(1) if title_match else ""
        endpoint = _endpoint(title, begin + 1, lines[begin + 1 : end])
        if endpoint is not None:
            endpoints.append(endpoint)
    return Doc(endpoints, _definitions(lines[start + 1 :]))


def referenced(schema_cell: str) -> tuple[str | None, bool]:
    """(definition name, is an array) named by a Schema cell: `< [Task](..) > array`."""
    found = LINK_NAME.search(schema_cell)
    return (found.group(1) if found else None), "array" in schema_cell.lower()


def doc_types(schema_cell: str) -> set[str]:
    """JSON types a Schema cell allows (empty when it does not say)."""
    text = _plain(schema_cell).lower()
    if "array" in text or text.startswith(("list", "<")):
        return {"array"}
    if LINK_NAME.search(schema_cell):
        return {"object"}
    for word, kind in (
        ("boolean", "boolean"),
        ("integer", "integer"),
        ("number", "number"),
        ("double", "number"),
        ("string", "string"),
        ("date", "string"),
    ):
        if text.startswith(word):
            return {kind}
    return set()
