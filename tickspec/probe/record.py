"""The exchange as HAR 1.2 entries in memory, redacted before anything is written.

An httpx response hook turns each request/response pair into an entry (every
attempt, retries and refusals included: they are evidence too). The entries
hold the session and the account's personal data until `redacted` runs them
through `tickspec import`'s two passes (an open `Vault` learns the secrets from
every entry, then the sealed vault replaces them everywhere), so the only
document that can reach the disk is the redacted one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx

from tickspec.contract import builder
from tickspec.contract.redact import Redactor
from tickspec.contract.redact_vault import SURROGATE, Vault

COMMENT = "recorded by `tickspec probe`: secrets redacted as by `tickspec import`"


def _pairs(items: Any) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in items]


def _cookies(header: str) -> list[dict[str, str]]:
    pairs = (part.strip().partition("=") for part in header.split(";") if part.strip())
    return [{"name": name, "value": value} for name, _, value in pairs]


def har_entry(response: httpx.Response, started: datetime, elapsed_ms: float) -> dict[str, Any]:
    """One HAR entry from an answered httpx exchange (its body already read)."""
    request = response.request
    body = request.content.decode("utf-8", "replace") if request.content else None
    text = response.content.decode("utf-8", "replace")
    req: dict[str, Any] = {
        "method": request.method,
        "url": str(request.url),
        "httpVersion": "HTTP/1.1",
        "headers": _pairs(request.headers.multi_items()),
        "queryString": _pairs(request.url.params.multi_items()),
        "cookies": _cookies(request.headers.get("cookie", "")),
        "headersSize": -1,
        "bodySize": len(request.content or b""),
    }
    if body is not None:
        mime = request.headers.get("content-type", "application/json")
        req["postData"] = {"mimeType": mime, "text": body}
    return {
        "startedDateTime": started.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": round(elapsed_ms, 3),
        "request": req,
        "response": {
            "status": response.status_code,
            "statusText": response.reason_phrase,
            "httpVersion": "HTTP/1.1",
            "headers": _pairs(response.headers.multi_items()),
            "cookies": [],
            "content": {
                "size": len(response.content),
                "mimeType": response.headers.get("content-type", ""),
                "text": text,
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(response.content),
        },
        "cache": {},
        "timings": {"send": 0, "wait": round(elapsed_ms, 3), "receive": 0},
    }


class Recorder:
    """httpx response hook collecting every answered exchange, in order, in memory."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []

    def after(self, response: httpx.Response) -> None:
        """Response hook: read the body and keep the pair as a HAR entry."""
        response.read()
        elapsed = response.elapsed.total_seconds() * 1000 if _has_elapsed(response) else 0.0
        self.entries.append(har_entry(response, datetime.now(UTC), elapsed))

    def redacted(self) -> dict[str, Any]:
        """The HAR document, every secret and personal datum replaced (import's passes)."""
        vault = Vault()
        collector = Redactor(vault)
        for raw in self.entries:
            collector.entry(raw)
        vault.seal()
        redactor = Redactor(vault)
        return builder.har([redactor.entry(raw) for raw in self.entries], comment=COMMENT)


def _has_elapsed(response: httpx.Response) -> bool:
    try:
        response.elapsed  # noqa: B018 - set only once the response is closed
    except RuntimeError:
        return False
    return True


def dumps(document: dict[str, Any]) -> str:
    """The HAR's text: valid UTF-8 JSON (a lone surrogate becomes U+FFFD, as in import)."""
    return SURROGATE.sub("\ufffd", json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
