"""`tickspec serve --record FILE.har`: write every exchange the server answers as HAR 1.2.

Used to record what a client sends (fixtures_har/peers/record.py points public
clients at the local server). Recording inside the server, rather than in a
proxy, sees the request exactly as it arrived (raw path with its double
slashes, header names and order, body bytes) and needs no extra process,
port or dependency; the answer is recorded as it left the app.

The admin API (`/__tickspec__/`) is not recorded: it is not TickTick's. Entries
name `record_host` (default `api.ticktick.com`) in their URL, so
`tickspec import` keeps them and `tickspec check` matches them like captures of
the real service. The file is rewritten (atomically: a temporary file, then a
rename) after each exchange, so it is complete whenever the server is stopped,
however it is stopped; that costs O(entries) per request, fine for a scenario
of a few hundred requests, which is what it is for.

Nothing is redacted here: the recording holds the session token and the
password, and goes through `tickspec import` before it is committed.
"""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from http import HTTPStatus
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from starlette.types import Message, Receive, Scope, Send

DEFAULT_HOST = "api.ticktick.com"
MAX_RECORDED_BODY = 1024 * 1024
"""Bodies beyond this are cut (a recording is evidence of shape, not a backup)."""

JsonObject = dict[str, Any]


def _text(data: bytes) -> str:
    return data[:MAX_RECORDED_BODY].decode("utf-8", errors="replace")


def _pairs(headers: list[tuple[bytes, bytes]]) -> list[dict[str, str]]:
    return [
        {"name": n.decode("latin-1"), "value": v.decode("latin-1", errors="replace")}
        for n, v in headers
    ]


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str:
    for key, value in headers:
        if key.lower() == name:
            return value.decode("latin-1")
    return ""


def _cookies(header_values: list[str]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for raw in header_values:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(raw)
        except Exception:  # a cookie the stdlib parser refuses: the header still has it
            continue
        out.extend({"name": k, "value": m.value} for k, m in jar.items())
    return out


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _query(raw: bytes) -> list[dict[str, str]]:
    from urllib.parse import parse_qsl

    text = raw.decode("latin-1")
    return [{"name": k, "value": v} for k, v in parse_qsl(text, keep_blank_values=True)]


class Recorder:
    """Collects exchanges and rewrites `path` as a HAR after each one."""

    def __init__(self, path: Path, host: str = DEFAULT_HOST) -> None:
        self.path = path
        self.host = host
        self.entries: list[JsonObject] = []
        self._flush()

    def wrap(self, scope: Scope, receive: Receive, send: Send) -> tuple[Receive, Send]:
        """`receive`/`send` that copy the exchange; the entry is written when it ends."""
        started = time.monotonic()
        when = datetime.now(tz=UTC)
        body = bytearray()
        answer: JsonObject = {"status": 0, "headers": [], "body": bytearray()}

        async def recv() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                body.extend(message.get("body", b""))
            return message

        async def snd(message: Message) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = int(message["status"])
                answer["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                answer["body"].extend(message.get("body", b""))
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                elapsed = round((time.monotonic() - started) * 1000, 3)
                self.add(self._entry(scope, bytes(body), answer, when, elapsed))

        return recv, snd

    def _entry(
        self, scope: Scope, body: bytes, answer: JsonObject, when: datetime, elapsed: float
    ) -> JsonObject:
        req_headers: list[tuple[bytes, bytes]] = [
            (n, self.host.encode() if n.lower() == b"host" else v) for n, v in scope["headers"]
        ]  # the Host the client would have sent to TickTick, not 127.0.0.1:<random port>
        raw_path = scope.get("raw_path") or str(scope["path"]).encode("utf-8")
        query: bytes = scope.get("query_string", b"")
        url = f"https://{self.host}{raw_path.decode('latin-1')}"
        if query:
            url += "?" + query.decode("latin-1")
        request: JsonObject = {
            "method": scope["method"],
            "url": url,
            "httpVersion": f"HTTP/{scope.get('http_version', '1.1')}",
            "headers": _pairs(req_headers),
            "queryString": _query(query),
            "cookies": _cookies([cookie] if (cookie := _header(req_headers, b"cookie")) else []),
            "headersSize": -1,
            "bodySize": len(body),
        }
        if body:
            request["postData"] = {
                "mimeType": _header(req_headers, b"content-type"),
                "text": _text(body),
            }
        res_headers: list[tuple[bytes, bytes]] = answer["headers"]
        res_body: bytes = bytes(answer["body"])
        status: int = answer["status"]
        set_cookies = [v.decode("latin-1") for n, v in res_headers if n.lower() == b"set-cookie"]
        return {
            "startedDateTime": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "time": elapsed,
            "request": request,
            "response": {
                "status": status,
                "statusText": _phrase(status),
                "httpVersion": request["httpVersion"],
                "headers": _pairs(res_headers),
                "cookies": _cookies(set_cookies),
                "content": {
                    "size": len(res_body),
                    "mimeType": _header(res_headers, b"content-type"),
                    "text": _text(res_body),
                },
                "redirectURL": "",
                "headersSize": -1,
                "bodySize": len(res_body),
            },
            "cache": {},
            "timings": {"send": 0, "wait": elapsed, "receive": 0},
        }

    def add(self, entry: JsonObject) -> None:
        self.entries.append(entry)
        self._flush()

    def _flush(self) -> None:
        document = {
            "log": {
                "version": "1.2",
                "creator": {"name": "tickspec serve --record", "version": "1"},
                "pages": [],
                "entries": self.entries,
            }
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
        os.replace(temporary, self.path)
