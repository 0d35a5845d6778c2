"""`tickspec docs-diff`: reading the file, and the text / JSON / markdown report.

Exit codes as the other drift commands: 0 the spec has everything the doc documents,
1 it lacks something, 2 unusable input (unreadable, not UTF-8, no endpoint found).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tickspec._tool_errors import ToolError
from tickspec.drift.docs_diff import DocsDiff, Gap, compare
from tickspec.drift.docs_parse import parse
from tickspec.spec import Spec

EXIT_OK = 0
EXIT_LACKS = 1
EXIT_UNUSABLE = 2
MAX_BYTES = 20 * 1024 * 1024


class DocError(ToolError):
    """The document cannot be used; the message is one line."""


def read_doc(path: Path) -> str:
    """The document's text; DocError for a missing, unreadable, huge or non-UTF-8 file."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DocError(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise DocError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocError(f"{path}: not UTF-8 (byte {exc.start})") from exc


def diff_text(text: str, spec: Spec, source: str = "the document") -> DocsDiff:
    """Compare a document's text with a spec; DocError when it documents no endpoint."""
    doc = parse(text)
    if not doc.endpoints:
        raise DocError(f"{source}: no endpoint found (no fenced `METHOD /path` block)")
    return compare(spec, doc)


def _line(gap: Gap) -> str:
    operation = f" ({gap.operation})" if gap.operation else ""
    return f"  {gap.endpoint}{operation}: {gap.kind} {gap.name} - {gap.detail} [line {gap.line}]"


def text(result: DocsDiff, source: str) -> str:
    """The plain-text report."""
    out = [
        f"{source}: {result.endpoints} endpoint(s) documented, {result.matched} in the spec, "
        f"{len(result.lacks)} thing(s) the spec lacks, {len(result.contradicts)} contradiction(s)"
    ]
    if result.lacks:
        out += ["the spec lacks:", *map(_line, result.lacks)]
    if result.contradicts:
        out += ["the spec contradicts the doc (judge each; not a failure):"]
        out += list(map(_line, result.contradicts))
    if result.not_in_doc:
        out.append("not in this doc (the spec's Open API and OAuth operations it does not list):")
        out += [f"  {op.method} {op.path} ({op.operation_id})" for op in result.not_in_doc]
    return "\n".join(out) + "\n"


def as_json(result: DocsDiff, source: str) -> str:
    """The JSON report."""
    body: dict[str, Any] = {
        "document": source,
        "endpoints": result.endpoints,
        "matched": result.matched,
        "lacks": [g.to_json() for g in result.lacks],
        "contradicts": [g.to_json() for g in result.contradicts],
        "not_in_doc": [
            {"endpoint": f"{op.method} {op.path}", "operationId": op.operation_id}
            for op in result.not_in_doc
        ],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown(result: DocsDiff, source: str) -> str:
    """The markdown report (for a PR comment or the README)."""
    out = [
        f"### `tickspec docs-diff {_cell(source)}`",
        "",
        f"{result.endpoints} endpoint(s) documented, {result.matched} in the spec.",
    ]
    for title, gaps in (("The spec lacks", result.lacks), ("Contradictions", result.contradicts)):
        if gaps:
            out += [
                "",
                f"**{title}**",
                "",
                "| endpoint | kind | name | detail |",
                "|---|---|---|---|",
            ]
            out += [
                f"| `{_cell(g.endpoint)}` | {g.kind} | `{_cell(g.name)}` | {_cell(g.detail)} |"
                for g in gaps
            ]
    if result.not_in_doc:
        out += ["", "**Not in this doc**", ""]
        out += [f"- `{op.method} {op.path}` ({op.operation_id})" for op in result.not_in_doc]
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[DocsDiff, str], str]] = {
    "text": text,
    "json": as_json,
    "markdown": markdown,
}


def run(path: Path, spec: Spec, form: str = "text") -> tuple[int, str]:
    """(exit code, report) for one document; DocError for unusable input."""
    result = diff_text(read_doc(path), spec, str(path))
    return (EXIT_LACKS if result.lacks else EXIT_OK), FORMATS[form](result, str(path))
