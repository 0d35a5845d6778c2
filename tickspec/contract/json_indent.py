"""`json.dumps(value, indent=2, ensure_ascii=False, allow_nan=False)`, the same text, faster.

With `indent`, CPython (before 3.14) encodes in Python: each piece of text is
yielded up through one generator per level of nesting, and an indented HAR entry
took four times as long as a compact one. Here a plain recursion walks the
containers that hold containers, and each container of scalars only (a header, a
cookie, `timings`: most of an entry) goes to the C encoder in one call, with the
separator between its items being the newline and indentation of its depth; only
the brackets are then put on their own lines. `BigNumber`s are written as read,
as in `harfile.dumps`.
"""

from __future__ import annotations

import json.encoder
import re
import secrets
from collections.abc import Callable
from typing import Any

from tickspec.contract.harfile import BigNumber, dumps

_C_ENCODER: Any = getattr(json.encoder, "c_make_encoder", None)
_STRING: Callable[[str], str] = json.encoder.encode_basestring
_MARK = f"bignumber-{secrets.token_hex(8)}-"
"""Stands for a BigNumber in the first draft; the nonce keeps data from forging it."""
_BIG = re.compile(f'"{_MARK}([0-9]+)"')
_CONTAINERS = (dict, list, tuple)


class _Unsupported(Exception):
    """A key that is not a string: left to `json.dumps`'s rules for such keys."""


class _Writer:
    """One document's text: `out` pieces, `big` the texts of its BigNumbers."""

    def __init__(self, step: int, base: int) -> None:
        self.step = step
        self.base = base
        self.out: list[str] = []
        self.big: list[str] = []
        self._encoders: dict[int, Callable[[Any, int], Any]] = {}

    def _big(self, node: Any) -> str:
        if not isinstance(node, BigNumber):
            raise TypeError(f"Object of type {type(node).__name__} is not JSON serializable")
        self.big.append(node.text)
        return f"{_MARK}{len(self.big) - 1}"

    def _encoder(self, depth: int) -> Callable[[Any, int], Any]:
        """The C encoder whose item separator is the line break of items at `depth`."""
        encoder = self._encoders.get(depth)
        if encoder is None:
            separator = ",\n" + " " * (self.base + self.step * depth)
            encoder = self._encoders[depth] = _C_ENCODER(
                None, self._big, _STRING, None, ": ", separator, False, False, False
            )
        return encoder

    def _flat(self, node: Any, depth: int) -> None:
        """A scalar, or a container of scalars: one C call, then the brackets."""
        text = "".join(self._encoder(depth + 1)(node, 0))
        if isinstance(node, dict | list | tuple) and len(text) > 2:
            inner = "\n" + " " * (self.base + self.step * (depth + 1))
            end = "\n" + " " * (self.base + self.step * depth)
            text = text[0] + inner + text[1:-1] + end + text[-1]
        self.out.append(text)

    def _rows(self, node: list[Any] | tuple[Any, ...], depth: int) -> None:
        """A list of non-empty objects of scalars (headers, cookies, a query): one C call
        for all of it, with the item separator of the objects' members; the break
        between two objects, `}` + that separator + `{`, occurs nowhere else (a raw
        newline only in separators, and a member ends with its scalar, never `}`)."""
        text = "".join(self._encoder(depth + 2)(node, 0))
        row = "\n" + " " * (self.base + self.step * (depth + 1))
        member = "\n" + " " * (self.base + self.step * (depth + 2))
        text = text[2:-2].replace("}," + member + "{", row + "}," + row + "{" + member)
        end = "\n" + " " * (self.base + self.step * depth)
        self.out.append("[" + row + "{" + member + text + row + "}" + end + "]")

    def write(self, node: Any, depth: int) -> None:
        """Append `node`, indented as the `depth`-th level of nesting."""
        if isinstance(node, dict):
            values: Any = node.values()
        elif isinstance(node, list | tuple):
            values = node
        else:
            self._flat(node, depth)
            return
        nested = False
        rows = values is node  # a list of objects of scalars, so far
        for value in values:
            if isinstance(value, dict):
                nested = True
                if rows:
                    rows = bool(value)
                    for member in value.values():
                        if isinstance(member, _CONTAINERS):
                            rows = False
                            break
            elif isinstance(value, list | tuple):
                nested = True
                rows = False
            else:
                rows = False
        if not nested:
            self._flat(node, depth)
            return
        if rows:
            self._rows(node, depth)
            return
        out = self.out
        inner = "\n" + " " * (self.base + self.step * (depth + 1))
        if isinstance(node, dict):
            out.append("{")
            first = True
            for key, value in node.items():
                if not isinstance(key, str):
                    raise _Unsupported
                out.append(inner if first else "," + inner)
                out.append(_STRING(key) + ": ")
                if type(value) is str:  # most members of an entry: not worth a C call
                    out.append(_STRING(value))
                else:
                    self.write(value, depth + 1)
                first = False
            close = "}"
        else:
            out.append("[")
            for i, value in enumerate(node):
                out.append("," + inner if i else inner)
                if type(value) is str:
                    out.append(_STRING(value))
                else:
                    self.write(value, depth + 1)
            close = "]"
        out.append("\n" + " " * (self.base + self.step * depth) + close)


def indented(value: Any, step: int = 2, base: int = 0) -> str:
    """`json.dumps(value, indent=step, ensure_ascii=False, allow_nan=False)` with every
    line after the first indented `base` spaces more; BigNumbers as read. ValueError
    on NaN or Infinity, TypeError on what JSON cannot hold."""
    if _C_ENCODER is None:  # another Python: the standard encoder, then the indentation
        text = dumps(value, indent=step, ensure_ascii=False, allow_nan=False)
        return text.replace("\n", "\n" + " " * base)
    writer = _Writer(step, base)
    try:
        writer.write(value, 0)
    except _Unsupported:
        text = dumps(value, indent=step, ensure_ascii=False, allow_nan=False)
        return text.replace("\n", "\n" + " " * base)
    text = "".join(writer.out)
    if not writer.big:
        return text
    return _BIG.sub(lambda m: writer.big[int(m[1])], text)
