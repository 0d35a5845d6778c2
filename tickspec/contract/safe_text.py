"""Text from a capture, made safe to print and to put in a report.

A capture is untrusted input: its method, URL, header values and bodies can hold
control characters (an ESC sequence recolours or rewrites a terminal), bidi
overrides (text that reads differently than it is), and lone surrogates (valid
JSON escapes, but not encodable as UTF-8, so printing them crashes and XML
cannot hold them). Everything a report shows passes through `escape`, which
writes such characters as visible `\\x1b` / `\\u202e` / `\\ud800` escapes;
JSON output keeps the data and only re-escapes lone surrogates (`json_safe`).
"""

from __future__ import annotations

import re

UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ufffe\uffff\ud800-\udfff]"
)
"""C0/C1 controls (newline too: one finding is one line), line/paragraph separators, bidi
embeddings and isolates, BOM and XML's non-characters, and surrogates (only lone ones
can occur in a str)."""


def _code(match: re.Match[str]) -> str:
    point = ord(match.group())
    return f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}"


def escape(text: str) -> str:
    """`text` with every unsafe character written as a visible escape."""
    return UNSAFE.sub(_code, text) if UNSAFE.search(text) else text


def json_safe(text: str) -> str:
    """A JSON document's text with lone surrogates turned back into `\\udXXX` escapes, so
    that it encodes as UTF-8 (json.dumps with ensure_ascii=False passes them through raw;
    in JSON they can only occur inside strings, where the escape means the same)."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
