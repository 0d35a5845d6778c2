"""Server-made identifiers and clocks in TickTick's wire formats.

Etags are 8 lowercase alphanumerics (`v9b9ap2e` in the captures) and must change
on every write, so a client can tell its copy is stale. Object ids are 24 hex,
like the client-made ones, for the few objects the server names itself.
Timestamps use milliseconds and a colon-less offset (`...T13:12:28.000+0000`).
"""

from __future__ import annotations

import secrets
import string
import time
from datetime import UTC, datetime

from tickspec.workflows.times import format_ts

_ETAG_ALPHABET = string.digits + string.ascii_lowercase


def new_etag(previous: str | None = None) -> str:
    """A random etag, never equal to `previous` (a write must always change it)."""
    while True:
        etag = "".join(secrets.choice(_ETAG_ALPHABET) for _ in range(8))
        if etag != previous:
            return etag


def new_object_id() -> str:
    """A 24-hex id: 4 bytes of seconds then random, like a MongoDB ObjectId."""
    return f"{int(time.time()):08x}" + secrets.token_hex(8)


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def timestamp(ms: int | None = None) -> str:
    """`2026-01-17T13:12:28.000+0000` for a Unix time in milliseconds (default: now)."""
    ms = now_ms() if ms is None else ms
    seconds, millis = divmod(ms, 1000)
    return format_ts(datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=millis * 1000))


def date_stamp(ms: int | None = None) -> int:
    """Today (UTC) as the integer YYYYMMDD that habits use."""
    ms = now_ms() if ms is None else ms
    return int(datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y%m%d"))
