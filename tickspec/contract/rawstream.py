"""Reading a HAR entry by entry, so memory is bounded by the largest entry, not the file.

Stand-in with the interface the checker's streaming reader exposes in `har.py`
(`iter_raw(path)` and `envelope(path)`); the importer imports it from one line.

The file is decoded incrementally and each value is handed to the stdlib
decoder's `raw_decode`; when a value runs past the buffered text, more is read
and the value is decoded again (the buffer at least doubles, so the cost stays
linear). Strings may hold raw control characters (`strict=False`): browsers
escape them, hostile files need not, and they are data, not structure.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tickspec.contract.har import HarError

CHUNK = 1 << 20


class _Constant(Exception):
    """NaN or Infinity: Python's decoder accepts them, JSON (and the output) does not."""


def _constant(name: str) -> Any:
    raise _Constant(name)


_DECODER = json.JSONDecoder(strict=False, parse_constant=_constant)


class _Reader:
    def __init__(self, path: Path, stream: IO[bytes]) -> None:
        self.path, self.stream = path, stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf, self.pos, self.eof = "", 0, False
        self.offset = 0
        """Bytes read so far, to name the place of a decoding error."""
        self.where = "the top level"

    def fail(self, why: str) -> HarError:
        return HarError(f"{self.path}: not a HAR ({why} at {self.where})")

    def fill(self, size: int = CHUNK) -> None:
        if self.pos > CHUNK:  # drop what was consumed, keep the buffer near one entry
            self.buf, self.pos = self.buf[self.pos :], 0
        try:
            data = self.stream.read(size)
        except OSError as exc:
            raise HarError(f"{self.path}: cannot read ({exc.strerror or exc})") from None
        try:
            self.buf += self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            where = self.offset + max(exc.start - len(exc.object) + len(data), 0)
            raise HarError(f"{self.path}: not a HAR (not UTF-8 text at byte {where})") from None
        self.offset += len(data)
        self.eof = not data

    def peek(self) -> str:
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in " \t\r\n":
                self.pos += 1
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.fill()

    def take(self, expected: str) -> str:
        char = self.peek()
        if char not in expected or not char:
            raise self.fail(f"expected {' or '.join(repr(c) for c in expected)}")
        self.pos += 1
        return char

    def value(self) -> Any:
        self.peek()
        size = CHUNK
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except ValueError as exc:
                if self.eof:
                    raise self.fail(f"invalid JSON: {str(exc).splitlines()[0][:80]}") from None
            except _Constant as exc:
                raise self.fail(f"{exc} is not JSON") from None
            except RecursionError:
                raise self.fail("JSON nested too deeply") from None
            else:  # a number or literal at the buffer's end may continue in the next chunk
                if end < len(self.buf) or self.eof:
                    self.pos = end
                    return value
            self.fill(size)
            size = max(size, len(self.buf) - self.pos)

    def members(self) -> Iterator[str]:
        """The keys of an object, leaving the reader before each value."""
        self.take("{")
        if self.peek() == "}":
            self.pos += 1
            return
        while True:
            key = self.value()
            if not isinstance(key, str):
                raise self.fail("an object key is not a string")
            self.take(":")
            yield key
            if self.take(",}") == "}":
                return


def _walk(path: Path, entries: bool) -> Iterator[tuple[str, Any]]:
    """("entry", raw) for each entry (if `entries`), then ("envelope", document)."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise HarError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with stream:
        reader = _Reader(path, stream)
        if reader.peek() != "{":
            raise HarError(f"{path}: not a HAR (no top-level 'log' object)")
        doc: dict[str, Any] = {}
        seen = False
        for key in reader.members():
            if key != "log" or reader.peek() != "{":
                doc[key] = reader.value()
                continue
            log: dict[str, Any] = {}
            doc[key] = log
            for name in reader.members():
                if name != "entries" or reader.peek() != "[":
                    log[name] = reader.value()
                    continue
                seen = True
                reader.take("[")
                index = 0
                if reader.peek() == "]":
                    reader.pos += 1
                    continue
                while True:
                    reader.where = f"entry {index}"
                    raw = reader.value()
                    if entries:
                        yield "entry", raw
                    index += 1
                    if reader.take(",]") == "]":
                        break
                reader.where = "the top level"
        if reader.peek():
            raise reader.fail("text after the document")
    if not isinstance(doc.get("log"), dict):
        raise HarError(f"{path}: not a HAR (no top-level 'log' object)")
    if not seen:
        raise HarError(f"{path}: not a HAR ('log.entries' is not a list)")
    yield "envelope", doc


def iter_raw(path: Path) -> Iterator[tuple[int, Any]]:
    """(index, raw entry) of each `log.entries` item, read one at a time."""
    index = 0
    for kind, value in _walk(path, entries=True):
        if kind == "entry":
            yield index, value
            index += 1


def envelope(path: Path) -> dict[str, Any]:
    """The HAR document without `log.entries` (what is around the entries)."""
    for kind, value in _walk(path, entries=False):
        if kind == "envelope":
            return dict(value)
    raise AssertionError("unreachable: _walk always ends with the envelope")
