"""Content-Encoding of bodies that a HAR stores still compressed.

Browsers store the decoded body in `content.text`; some exporters and proxies
(mitmproxy, Charles, scripted captures) store the bytes on the wire instead, as
base64 of gzip, deflate or brotli data, next to a `Content-Encoding` header. The
header alone does not tell which was done (browsers keep it after decoding), so
the bytes decide: gzip and zlib streams have magic bytes, raw deflate and brotli
are tried only when the header names them and the bytes are not already text.
Output is capped so that a small "zip bomb" in a capture cannot exhaust memory.
"""

from __future__ import annotations

import zlib
from typing import Any

LIMIT = 256 << 20
"""Largest decompressed body (bytes); beyond it the body is reported, not inflated."""
GZIP_MAGIC = b"\x1f\x8b"


def _inflate(data: bytes, wbits: int) -> bytes | None:
    engine = zlib.decompressobj(wbits)
    try:
        out = engine.decompress(data, LIMIT)
    except zlib.error:
        return None
    if engine.unconsumed_tail:
        raise OverflowError
    return out if engine.eof else None  # a cut-off stream is corrupt, not a shorter body


def _looks_zlib(data: bytes) -> bool:
    return len(data) > 1 and data[0] & 0x0F == 8 and (data[0] << 8 | data[1]) % 31 == 0


def _brotli() -> Any:
    try:
        import brotli  # type: ignore[import-not-found]  # optional, not a dependency
    except ImportError:
        return None
    return brotli


def decompress(data: bytes, coding: str) -> tuple[bytes, str | None]:
    """(bytes, problem): `data` decompressed when it is still encoded, else as given."""
    names = [c.strip().lower() for c in coding.split(",") if c.strip()]
    try:
        for name in reversed(names):  # codings apply in order: undo the last one first
            if name in ("gzip", "x-gzip") and data[:2] == GZIP_MAGIC:
                out = _inflate(data, 16 + zlib.MAX_WBITS)
                if out is None:
                    return data, "gzip body is corrupt"
                data = out
            elif name == "deflate" and not _is_text(data):
                out = _inflate(data, zlib.MAX_WBITS if _looks_zlib(data) else -zlib.MAX_WBITS)
                if out is None:
                    return data, "deflate body is corrupt"
                data = out
            elif name == "br" and not _is_text(data):
                brotli = _brotli()
                if brotli is None:
                    return data, "brotli body (install the brotli package to check it)"
                try:
                    data = brotli.decompress(data)
                except Exception:  # brotli.error is not an Exception subclass everywhere
                    return data, "brotli body is corrupt"
    except OverflowError:
        return data, f"compressed body inflates beyond {LIMIT >> 20} MiB"
    return data, None


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
