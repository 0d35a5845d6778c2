"""What the spec itself says about answering an operation: its captured example and
`x-tickspec-serve`.

An operation with no behaviour of its own (a read of something the local server
does not model) needs no handler: its 2xx response carries a captured example
(an OpenAPI Example Object with its own `x-evidence`), and `x-tickspec-serve`
says how `tickspec serve` answers it:

    x-tickspec-serve: example            the first captured example, as captured
    x-tickspec-serve: empty-list         []
    x-tickspec-serve: store:<collection> the stored objects of that collection (store.py)

The same example is what `tickspec generate` writes a capture from (codegen/captures.py)
and what `tickspec doctor` looks for. Pure functions over the parsed OpenAPI document,
without Starlette, so the generator and doctor import them cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SERVE = "x-tickspec-serve"
EXAMPLE = "example"
EMPTY_LIST = "empty-list"
STORE_PREFIX = "store:"
MODES = f"{EXAMPLE} | {EMPTY_LIST} | {STORE_PREFIX}<collection>"


@dataclass(frozen=True)
class Example:
    """One captured example of an operation's 2xx JSON answer."""

    status: int
    name: str
    value: Any
    evidence: tuple[str, ...]
    """The example's own `x-evidence`, else the operation's: where the capture is from."""
    request_body: Any = None
    """The request body's captured example, when the operation takes a JSON body."""


def local(openapi: dict[str, Any], node: Any) -> Any:
    """Follow `#/...` references inside the OpenAPI document (a response by `$ref`)."""
    while isinstance(node, dict) and str(node.get("$ref", "")).startswith("#/"):
        target: Any = openapi
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        node = target
    return node


def _first_example(media: Any) -> tuple[str, Any, tuple[str, ...]] | None:
    """(name, value, evidence) of a media type's first example, or None."""
    if not isinstance(media, dict):
        return None
    examples = media.get("examples")
    if isinstance(examples, dict):
        for name, item in examples.items():
            if isinstance(item, dict) and "value" in item:
                evidence = tuple(str(e) for e in item.get("x-evidence") or ())
                return str(name), item["value"], evidence
    if "example" in media:
        return "example", media["example"], ()
    return None


def _ok_codes(node: dict[str, Any]) -> list[str]:
    """The 2xx status codes, 200 first."""
    codes = [str(c) for c in node.get("responses") or {} if str(c).startswith("2")]
    return sorted(codes, key=lambda c: (c != "200", c))


def example(openapi: dict[str, Any], node: dict[str, Any]) -> Example | None:
    """The operation's first captured 2xx JSON example, or None when it has none."""
    for code in _ok_codes(node):
        response = local(openapi, node["responses"][code])
        media = ((response or {}).get("content") or {}).get("application/json")
        found = _first_example(media)
        if found is None:
            continue
        name, value, evidence = found
        body = local(openapi, node.get("requestBody") or {})
        request = _first_example((body.get("content") or {}).get("application/json"))
        return Example(
            status=int(code) if code.isdigit() else 200,
            name=name,
            value=value,
            evidence=evidence or tuple(str(e) for e in node.get("x-evidence") or ()),
            request_body=None if request is None else request[1],
        )
    return None


def serve_mode(node: dict[str, Any]) -> str | None:
    """The operation's `x-tickspec-serve`, or None when it declares none."""
    mode = node.get(SERVE)
    return None if mode is None else str(mode)


def mode_problem(mode: str, collections: tuple[str, ...]) -> str | None:
    """Why `mode` is not a mode the server knows, or None when it is one."""
    if mode in (EXAMPLE, EMPTY_LIST):
        return None
    if mode.startswith(STORE_PREFIX):
        name = mode.removeprefix(STORE_PREFIX)
        if name in collections:
            return None
        return f"{SERVE}: {mode!r}: no collection {name!r} (one of {', '.join(collections)})"
    return f"{SERVE}: {mode!r} is not one of {MODES}"
