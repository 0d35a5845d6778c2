"""The headers TickTick's web app sends, and the ids it puts in them.

TickTick throttles (429, empty body) clients that do not look like its web app,
so every request carries what a Firefox session on ticktick.com sends (seeds
002/003): an `X-Device` JSON with a stable device id, `x-tz`, `hl`, a fresh
`traceid`, `Origin`/`Referer` of the web app, a browser `User-Agent`, and
`X-Csrftoken` echoing the `_csrf_token` cookie. Key order and compact JSON
match the browser's `JSON.stringify`, in case anything upstream compares bytes.
"""

from __future__ import annotations

import itertools
import json
import os
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

from tickspec._options import ClientOptions

DEFAULT_USER_AGENT = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"
)
WEB_APP_VERSION = 8006
JSON_CONTENT_TYPE = "application/json;charset=utf-8"
CSRF_COOKIE = "_csrf_token"
SESSION_COOKIE = "t"
WEB_DEVICE: dict[str, Any] = {
    "platform": "web",
    "os": "macOS 10.15",
    "device": "Firefox 146.0",
    "name": "",
    "version": WEB_APP_VERSION,
    "id": "6940c239ae8dc70ae62c4684",
    "channel": "website",
    "campaign": "",
    "websocket": "696b93b42c6f3230e0a4238f",
}
"""The X-Device of the captured web app (seeds 002/003), in its key order. A client
sends it with its own `id` and `websocket` (`device_fields`); the HAR builder and
the local server's test harness send it as captured."""

_counter = itertools.count(int.from_bytes(os.urandom(3), "big"))
_counter_lock = threading.Lock()


def object_id(now: float | None = None) -> str:
    """A 24-hex, lowercase, ObjectId-like id: 4-byte time, 5 random bytes, 3-byte counter.

    The time prefix keeps ids roughly sortable like the web app's; the counter
    makes two ids from one process differ even within the same second.
    """
    seconds = int(time.time() if now is None else now) & 0xFFFFFFFF
    with _counter_lock:
        count = next(_counter) & 0xFFFFFF
    return f"{seconds:08x}{os.urandom(5).hex()}{count:06x}"


def device_fields(options: ClientOptions, device_id: str, websocket_id: str) -> dict[str, Any]:
    """The X-Device fields in the web app's order, user overrides applied last."""
    fields: dict[str, Any] = {**WEB_DEVICE, "id": device_id, "websocket": websocket_id}
    fields.update(options.device)
    return fields


class HeaderFactory:
    """Builds each request's headers; the constant part is computed once per client."""

    def __init__(self, options: ClientOptions, device_id: str, websocket_id: str) -> None:
        self._options = options
        self.device = device_fields(options, device_id, websocket_id)
        self._static: dict[str, str] = {
            "Accept": "application/json, text/plain, */*",
            "Accept-Language": "en-US,en;q=0.5",
            "User-Agent": options.user_agent or DEFAULT_USER_AGENT,
            "Origin": options.origin,
            "Referer": options.origin + "/",
            "X-Device": json.dumps(self.device, separators=(",", ":"), ensure_ascii=False),
            "x-tz": options.timezone,
            "hl": options.locale,
        }

    def build(
        self,
        *,
        trace_id: str,
        csrf_token: str | None,
        has_body: bool,
        extra: Mapping[str, str] | None = None,
        overrides: Iterable[tuple[str, str]] = (),
    ) -> dict[str, str]:
        """Headers for one request; `extra` (auth), the client's `headers=`, then a
        request's own `extra_headers` (`overrides`) win, in that order."""
        headers = dict(self._static)
        headers["traceid"] = trace_id
        if csrf_token:
            headers["X-Csrftoken"] = csrf_token
        if has_body:
            headers["Content-Type"] = JSON_CONTENT_TYPE
        if extra:
            headers.update(extra)
        if self._options.headers:
            headers.update(self._options.headers)
        if overrides:
            headers.update(overrides)
        return headers
