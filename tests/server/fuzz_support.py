"""The spec as one self-contained OpenAPI document, and `tickspec serve` in a subprocess.

The spec's operations `$ref` sibling schema files (`task.json`,
`common.json#/$defs/Timestamp`); a tool that reads one document (schemathesis)
needs them inside it. `single_document` moves every schema file to
`components/schemas/<file name>` and points each reference there, so the
document says exactly what the bundled spec says.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from tickspec.spec import Spec

COMPONENTS = "#/components/schemas/"
BANNER = re.compile(r"http://127\.0\.0\.1:(\d+)")


def _retarget(ref: str, here: str | None) -> str:
    """A reference as seen from one document: `file.json#/ptr` -> the file's component."""
    target, _, pointer = ref.partition("#")
    if target.startswith(("http:", "https:")):
        return ref
    owner = target or here
    if owner is None:  # a local ref of the OpenAPI document itself
        return ref
    return COMPONENTS + owner + pointer


def _rewrite(node: Any, here: str | None) -> Any:
    if isinstance(node, dict):
        return {
            k: _retarget(v, here) if k == "$ref" and isinstance(v, str) else _rewrite(v, here)
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item, here) for item in node]
    return node


def single_document(spec: Spec) -> dict[str, Any]:
    """The OpenAPI document with every schema file inlined under components/schemas."""
    doc: dict[str, Any] = _rewrite(copy.deepcopy(spec.openapi), None)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in spec.schemas.items():
        schemas[name] = _rewrite(schema, name)
    return doc


@dataclass(frozen=True)
class Served:
    """A `tickspec serve` process: where it listens and its session token."""

    base_url: str
    token: str


@contextmanager
def tickspec_serve(token: str, *extra: str) -> Iterator[Served]:
    """`tickspec serve --port 0 --seed-demo` (the OS picks the port; the banner says it)."""
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--host", "127.0.0.1",
               "--port", "0", "--token", token, "--seed-demo", "--log-level", "warning",
               *extra]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        found = BANNER.search(first)
        if found is None:
            stderr = process.stderr.read() if process.stderr else ""
            raise RuntimeError(f"tickspec serve did not start: {first!r} {stderr}")
        yield Served(base_url=f"http://127.0.0.1:{found.group(1)}", token=token)
    finally:
        process.terminate()
        process.wait(timeout=10)
