"""Default limits of the local server (no imports: `tickspec --help` reads them cheaply)."""

from __future__ import annotations

MAX_BODY = 4 * 1024 * 1024
"""4 MiB per request body (413 beyond): TickTick's requests are kilobytes."""
HEADER_TIMEOUT = 10.0
"""Seconds a connection gets to complete its request headers (then it is closed)."""
MAX_CONNECTIONS = 500
"""Open connections beyond this are answered 503 and closed: file descriptors stay bounded.
200 clients with a spare connection each, plus observers, fit (issue 21)."""
ADMIN_CONNECTIONS = 32
"""Connections beyond the cap that may still reach the admin API (then 503 too)."""
MAX_HEADER_BYTES = 32 * 1024
"""Request line plus headers (uvicorn's `h11_max_incomplete_event_size`)."""
