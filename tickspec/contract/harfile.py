"""Streaming a HAR file: its raw entries one by one, and its envelope, in bounded memory.

A browser export of a long session is hundreds of megabytes, almost all of it in
`log.entries`; `json.loads` of the whole file peaks at several times its size. Here
a small scanner walks the two outer objects (the document and `log`) key by key and
hands each value, and each entry of `log.entries`, to `json.JSONDecoder.raw_decode`
on a sliding text buffer read in chunks. The parsing itself stays in C; peak memory
is the largest entry plus a chunk, whatever the file size.

Every failure is a `HarError` whose message is one line naming the file and the
place (line and column, or the entry index), never a traceback.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from tickspec._tool_errors import ToolError

CHUNK = 1 << 20
"""Bytes read at a time; an entry longer than the buffer makes the window double."""
WHITESPACE = re.compile(r"[ \t\n\r]*")
DECODER = json.JSONDecoder()
ENTRIES_KEY = "entries"
FOLLOWERS = frozenset(" \t\n\r,:]}")
WINDOW = 8
"""In piece mode, how many pieces' worth of text may be read ahead in search of a cut."""
FIRST_KEY = re.compile(r'\{[ \t\n\r]*("(?:[^"\\]|\\.)*")')


class BigNumber:
    """A JSON number Python cannot hold as written, kept as its text: an integer past
    the int/str digit limit (4300 digits: `int()` refuses it) or a float past 1e308."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"BigNumber({self.text[:20]}...)"


_INT_DIGITS = 4000
"""Below Python's default limit (4300), so `int()` never refuses what is passed on."""


def _int(text: str) -> int | BigNumber:
    return int(text) if len(text) <= _INT_DIGITS else BigNumber(text)


def _float(text: str) -> float | BigNumber:
    value = float(text)
    return value if math.isfinite(value) else BigNumber(text)


def numbers(*, strict: bool = True) -> json.JSONDecoder:
    """A decoder that takes every JSON number, of any size: huge ones become `BigNumber`."""
    return json.JSONDecoder(parse_int=_int, parse_float=_float, strict=strict)


NUMBERS = numbers()
_MARK = f"bignumber-{secrets.token_hex(8)}-"
"""Stands for a BigNumber in `dumps`'s first draft; the nonce keeps data from forging it."""


def dumps(value: Any, **options: Any) -> str:
    """`json.dumps`, with each `BigNumber` written as the number it was read as."""
    big: list[str] = []

    def mark(node: Any) -> str:
        if not isinstance(node, BigNumber):
            raise TypeError(f"{type(node).__name__} is not JSON")
        big.append(node.text)
        return f"{_MARK}{len(big) - 1}"

    text = json.dumps(value, default=mark, **options)
    if not big:
        return text
    return re.sub(f'"{_MARK}([0-9]+)"', lambda m: big[int(m[1])], text)


class HarError(ToolError):
    """Unusable input (exit code 2); `str()` is one line naming the file and the place."""


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


class Reader:
    """One pass over a HAR file: `entries()` yields the raw entries, then `envelope`
    holds the document without them (`log.version`, `creator`, `pages`, ...).

    Entries are whatever JSON value the file holds at `log.entries[i]`; shaping
    them into typed entries is `har.parse_entry`'s job."""

    def __init__(self, path: str | Path, decoder: json.JSONDecoder = DECODER) -> None:
        self.path = Path(path)
        self._decoder = decoder
        """`NUMBERS` to read numbers of any size (`import`); the default refuses them."""
        self.envelope: dict[str, Any] = {}
        self.count = 0
        """Entries yielded so far."""
        self._file: IO[bytes] | None = None
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._dropped_lines = 0
        """Newlines in the text already dropped from the buffer (for error positions)."""
        self._dropped_chars = 0
        self._line_start = 0
        """Offset (in characters of the whole text) where the current line of `_pos` begins."""
        self._seen_entries = False
        self._piece = 0
        self._searched = 0
        """Characters (of the whole text) known to hold no cut, in piece mode."""
        self._start = 0
        """Where the last value parsed by `_value` began."""

    # -- reading -------------------------------------------------------------------------

    def _fail(self, what: str, pos: int | None = None) -> HarError:
        pos = self._pos if pos is None else pos
        line = self._dropped_lines + self._buf.count("\n", 0, pos) + 1
        last = self._buf.rfind("\n", 0, pos)
        column = pos - last if last >= 0 else self._dropped_chars + pos - self._line_start + 1
        return HarError(f"{self.path}: {what} at line {line} column {column}")

    def _fill(self, want: int) -> bool:
        """Read until `want` characters follow `_pos` (or the file ends); False at EOF."""
        if self._eof:
            return False
        assert self._file is not None
        if self._pos:  # drop what was consumed, keeping the count of lines for errors
            dropped = self._buf[: self._pos]
            newlines = dropped.count("\n")
            if newlines:
                self._dropped_lines += newlines
                self._line_start = self._dropped_chars + dropped.rfind("\n") + 1
            self._dropped_chars += self._pos
            self._buf = self._buf[self._pos :]
            self._pos = 0
        parts = [self._buf]
        have = len(self._buf)
        while have < want and not self._eof:
            try:
                data = self._file.read(max(CHUNK, want - have))
            except OSError as exc:
                raise HarError(
                    f"{self.path}: cannot read ({exc.strerror or _short(exc)})"
                ) from None
            self._eof = not data
            try:
                text = self._utf8.decode(data, final=self._eof)
            except UnicodeDecodeError as exc:
                offset = self._file.tell() - len(data) + exc.start
                raise HarError(
                    f"{self.path}: not a HAR (not UTF-8 text) at byte {offset}"
                ) from None
            if not self._dropped_chars and not have and text.startswith("\ufeff"):
                text = text[1:]  # a UTF-8 byte order mark, as some Windows tools write
            parts.append(text)
            have += len(text)
        self._buf = "".join(parts)
        return True

    def _peek(self) -> str:
        """The next non-whitespace character ('' at the end of the file)."""
        while True:
            self._pos = WHITESPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._fill(CHUNK):
                return ""

    def _next(self) -> str:
        """`_peek`, but the end of the file here is an error: the document is cut off."""
        char = self._peek()
        if not char:
            raise self._fail("not JSON (Expecting value: the file ends too early)")
        return char

    def _expect(self, char: str, what: str) -> None:
        if self._next() != char:
            raise self._fail(f"not JSON (expected {what})")
        self._pos += 1

    def _value(self, what: str) -> Any:
        """The JSON value at `_pos`, reading more while it is cut off by the buffer's end."""
        self._peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._fill(2 * (len(self._buf) - self._pos) + CHUNK):
                    continue
                raise self._fail(f"not JSON in {what} ({exc.msg})", exc.pos) from None
            except ValueError:  # `int()`'s digit limit: a number too long for Python
                raise self._fail(
                    f"a number in {what} is longer than Python reads "
                    f"({sys.get_int_max_str_digits()} digits)"
                ) from None
            except RecursionError:
                raise self._fail(f"not a HAR ({what} is JSON nested too deeply)") from None
            # Valid JSON goes on with a delimiter; anything else (the buffer's end, `.`
            # or a digit after `12`) may be a number cut by the chunk: read on, parse again.
            if self._buf[end : end + 1] not in FOLLOWERS and self._fill(
                len(self._buf) - self._pos + CHUNK
            ):
                continue
            self._start, self._pos = self._pos, end
            return value

    def _key(self) -> str:
        if self._next() != '"':
            raise self._fail("not JSON (Expecting property name enclosed in double quotes)")
        key = self._value("a key")
        self._expect(":", "':' after a key")
        return str(key)

    def _members(self, what: str) -> Iterator[str]:
        """The keys of the object at `_pos`; the caller consumes each value."""
        self._expect("{", f"'{{' to open {what}")
        if self._next() == "}":
            self._pos += 1
            return
        while True:
            yield self._key()
            char = self._next()
            self._pos += 1
            if char == "}":
                return
            if char != ",":
                self._pos -= 1
                raise self._fail(f"not JSON (expected ',' or '}}' in {what})")

    # -- the HAR structure ---------------------------------------------------------------

    def entries(self, piece: int = 0) -> Iterator[Any]:
        """The raw values of `log.entries`, in order; fills `envelope` when done.

        With `piece` > 0, texts instead, each one or more entries joined by commas, so
        that `json.loads("[" + text + "]")` gives them (`check -j` hands these to other
        processes). The first entry is parsed; the rest are cut, unparsed, where `}, {`
        is followed by that entry's first key (`_separator`), at least `piece`
        characters apart. Such a cut may fall between two objects nested in an entry:
        the cuts hold only if every text parses, and then the file's array is exactly
        their concatenation, since a JSON text has one parse. The last stretch, where
        no such cut follows, is parsed here entry by entry, so the rest of the
        document is read as usual."""
        self._piece = piece
        try:
            self._file = self.path.open("rb")
        except OSError as exc:
            raise HarError(f"{self.path}: cannot read ({exc.strerror or _short(exc)})") from None
        try:
            if self._peek() != "{":
                raise self._fail("not a HAR (no top-level 'log' object)")
            log: dict[str, Any] | None = None
            for key in self._members("the document"):
                if key == "log" and log is None:
                    if self._next() != "{":
                        raise self._fail("not a HAR (no top-level 'log' object)")
                    log = {}
                    yield from self._log(log)
                    self.envelope[key] = log
                else:
                    self.envelope[key] = self._value(f"'{key}'")
            if self._peek():
                raise self._fail("not JSON (extra data after the document)")
            if log is None:
                raise HarError(f"{self.path}: not a HAR (no top-level 'log' object)")
            if not self._seen_entries:
                raise HarError(f"{self.path}: not a HAR ('log.entries' is not a list)")
        finally:
            self._file.close()

    def _log(self, log: dict[str, Any]) -> Iterator[Any]:
        for key in self._members("'log'"):
            if key == ENTRIES_KEY and not self._seen_entries:
                if self._next() != "[":
                    raise self._fail("not a HAR ('log.entries' is not a list)")
                self._seen_entries = True
                yield from self._array()
            else:
                log[key] = self._value(f"'log.{key}'")

    def _array(self) -> Iterator[Any]:
        self._pos += 1  # the '['
        if self._next() == "]":
            self._pos += 1
            return
        separator: re.Pattern[str] | None = None
        while True:
            value = self._value(f"entry {self.count}")
            yield self._buf[self._start : self._pos] if self._piece else value
            self.count += 1
            char = self._next()
            self._pos += 1
            if char == "]":
                return
            if char != ",":
                self._pos -= 1
                raise self._fail(f"not JSON (expected ',' or ']' after entry {self.count - 1})")
            if self._piece:
                if separator is None:
                    separator = self._separator(self._buf[self._start : self._pos])
                self._next()  # to the next entry's '{'
                yield from self._pieces(separator)

    @staticmethod
    def _separator(first: str) -> re.Pattern[str]:
        """`}, {"<key>":` with the first key of the first entry, as the file spells it:
        every entry of a browser's export starts with the same key, which objects
        nested in an entry (headers, cookies, timings) do not have. Without a key, a
        pattern that never matches: the whole array is then read entry by entry."""
        key = FIRST_KEY.match(first)
        name = re.escape(key.group(1)) if key else "(?!)"
        return re.compile(rf"\}}[ \t\n\r]*,[ \t\n\r]*(\{{)[ \t\n\r]*{name}[ \t\n\r]*:")

    def _pieces(self, separator: re.Pattern[str]) -> Iterator[str]:
        """Unparsed texts of `_piece` characters or more, cut where `separator` matches.

        Returns at the end of the file, or when no cut lies within `WINDOW` pieces of
        `_pos` (an entry larger than that, or entries that start with another key):
        the caller parses one entry and comes back, so memory stays bounded by the
        window and the largest entry. `_searched` remembers how far the text is known
        to hold no cut, so no character is searched twice. `count` is left alone:
        nobody has counted the entries in the texts yet."""
        window = WINDOW * self._piece
        while True:
            start = max(self._pos + self._piece, self._searched - self._dropped_chars - 256)
            cut = separator.search(self._buf, start)  # 256: a cut straddling the old end
            if cut is None:
                self._searched = self._dropped_chars + len(self._buf)
                ahead = len(self._buf) - self._pos
                if ahead >= window or not self._fill(min(2 * ahead + CHUNK, window)):
                    return
                continue
            yield self._buf[self._pos : cut.start() + 1]
            self._pos = cut.start(1)  # the '{' of the next entry, if the cut holds


def iter_raw(path: str | Path, decoder: json.JSONDecoder = DECODER) -> Iterator[tuple[int, Any]]:
    """(index, raw entry) of every `log.entries` item of a HAR file, streamed in order.

    Raises HarError (one line naming the file and the place) when the file is
    unreadable or not a HAR; entries before the fault have been yielded by then."""
    yield from enumerate(Reader(path, decoder).entries())


def envelope(path: str | Path) -> dict[str, Any]:
    """The HAR document without its entries (`{"log": {"version", "creator", "pages",
    ...}}` and any other top-level key), read in bounded memory; HarError if unusable."""
    reader = Reader(path)
    for _ in reader.entries():
        pass
    return reader.envelope
