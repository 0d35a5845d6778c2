"""JSON Pointers (RFC 6901) into the spec's documents: split, escape, follow.

Shared by `check --coverage` (which names the schema properties a capture
carried) and the drift tools (which edit the files at those pointers), so it
lives below both.
"""

from __future__ import annotations

from typing import Any


def pointer_parts(pointer: str) -> list[str]:
    """`/paths/~1api~1v2/get` -> ['paths', '/api/v2', 'get'] (`~1` is `/`, `~0` is `~`)."""
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.lstrip("/").split("/")]


def escape(part: str) -> str:
    """One key as a pointer segment: `~` and `/` escaped (`~` first, not to escape a `~1`)."""
    return part.replace("~", "~0").replace("/", "~1")


def value_at(doc: Any, pointer: str) -> Any:
    """The value of `doc` at `pointer` (KeyError/IndexError when it is not there)."""
    for part in pointer_parts(pointer):
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc
