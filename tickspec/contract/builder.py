"""Writing HAR 1.2 documents: the fixtures generator, the tests and the benchmark.

One place builds entries the way Firefox exports them for the TickTick web app
(the browser the seed captures came from), so every synthetic capture carries the
same realistic headers: `X-Device` as compact JSON, `x-tz`, `hl`, `traceid`,
CORS `Origin`/`Referer`, and placeholder cookies. No real secret is ever written:
the token and CSRF values are the literal placeholder `REDACTED`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote, urlencode

from tickspec._headers import WEB_DEVICE

API = "https://api.ticktick.com"
USER_AGENT = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.15; rv:146.0) Gecko/20100101 Firefox/146.0"
X_DEVICE = WEB_DEVICE
COOKIES = ("t", "SESSION", "_csrf_token", "AWSALB", "AWSALBCORS")
PLACEHOLDER = "REDACTED"
STATUS_TEXT = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
}
START = datetime(2026, 1, 17, 13, 12, 28, tzinfo=UTC)


def compact(value: Any) -> str:
    """JSON the way `JSON.stringify` sends it: no spaces, non-ASCII kept."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _pairs(items: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in items]


def request_headers(
    *, body: bool, traceid: str, authenticated: bool = True, x_device: str | None = None
) -> list[tuple[str, str]]:
    """The headers Firefox sends to api.ticktick.com from the web app, in its order."""
    headers = [
        ("Host", "api.ticktick.com"),
        ("User-Agent", USER_AGENT),
        ("Accept", "application/json, text/plain, */*"),
        ("Accept-Language", "en-US,en;q=0.5"),
        ("Accept-Encoding", "gzip, deflate, br, zstd"),
    ]
    if body:
        headers.append(("Content-Type", "application/json;charset=utf-8"))
    headers += [
        ("X-Device", x_device if x_device is not None else compact(X_DEVICE)),
        ("hl", "en_US"),
        ("x-tz", "Europe/Istanbul"),
    ]
    if authenticated:
        headers.append(("X-Csrftoken", PLACEHOLDER))
    headers += [
        ("traceid", traceid),
        ("Origin", "https://ticktick.com"),
        ("Connection", "keep-alive"),
        ("Referer", "https://ticktick.com/"),
    ]
    if authenticated:
        headers.append(("Cookie", "; ".join(f"{name}={PLACEHOLDER}" for name in COOKIES)))
    headers += [
        ("Sec-Fetch-Dest", "empty"),
        ("Sec-Fetch-Mode", "cors"),
        ("Sec-Fetch-Site", "same-site"),
        ("Priority", "u=0"),
    ]
    return headers


def response_headers(when: datetime, *, body: bool) -> list[tuple[str, str]]:
    headers = [
        ("Date", when.strftime("%a, %d %b %Y %H:%M:%S GMT")),
        ("Connection", "keep-alive"),
        ("Server", "nginx"),
        ("Vary", "Origin"),
        ("Access-Control-Allow-Origin", "https://ticktick.com"),
        ("Access-Control-Allow-Credentials", "true"),
        ("X-Content-Type-Options", "nosniff"),
        ("Set-Cookie", f"AWSALB={PLACEHOLDER}; Expires=Sat, 24 Jan 2026 13:12:28 GMT; Path=/"),
        (
            "Set-Cookie",
            f"AWSALBCORS={PLACEHOLDER}; Expires=Sat, 24 Jan 2026 13:12:28 GMT; Path=/;"
            " SameSite=None; Secure",
        ),
    ]
    if body:
        headers.insert(1, ("Content-Type", "application/json;charset=UTF-8"))
    return headers


def entry(
    method: str,
    url: str,
    *,
    index: int = 0,
    status: int = 200,
    request_body: Any = None,
    response_body: Any = None,
    raw_request: str | None = None,
    request_mime: str = "application/json;charset=utf-8",
    raw_response: str | None = None,
    base64_response: bool = False,
    authenticated: bool = True,
    headers: list[tuple[str, str]] | None = None,
    query: Sequence[tuple[str, str]] = (),
) -> dict[str, Any]:
    """One HAR 1.2 entry. Bodies are JSON values, or raw text via `raw_*` (a form body:
    `raw_request` with its `request_mime`)."""
    when = START + timedelta(seconds=7 * index)
    if query and "?" not in url:
        url += "?" + urlencode(list(query), quote_via=quote)
    req_text = (
        raw_request
        if raw_request is not None
        else (None if request_body is None else compact(request_body))
    )
    resp_text = (
        raw_response
        if raw_response is not None
        else ("" if response_body is None else compact(response_body))
    )
    traceid = f"{0x696B8ABC00000000 + index:016x}" + "2c6f3277"
    req_headers = (
        headers
        if headers is not None
        else request_headers(
            body=req_text is not None, traceid=traceid, authenticated=authenticated
        )
    )
    request: dict[str, Any] = {
        "method": method,
        "url": url,
        "httpVersion": "HTTP/2",
        "headers": _pairs(req_headers),
        "queryString": _pairs(query),
        "cookies": _pairs([(n, PLACEHOLDER) for n in COOKIES] if authenticated else []),
        "headersSize": -1,
        "bodySize": len(req_text.encode()) if req_text is not None else 0,
    }
    if req_text is not None:
        request["postData"] = {"mimeType": request_mime, "text": req_text}
    content: dict[str, Any] = {
        "size": len(resp_text.encode()),
        "mimeType": "application/json;charset=UTF-8" if resp_text else "",
        "text": resp_text,
    }
    if base64_response:
        content["text"] = base64.b64encode(resp_text.encode()).decode("ascii")
        content["encoding"] = "base64"
    return {
        "startedDateTime": when.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "time": 142,
        "request": request,
        "response": {
            "status": status,
            "statusText": STATUS_TEXT.get(status, ""),
            "httpVersion": "HTTP/2",
            "headers": _pairs(response_headers(when, body=bool(resp_text))),
            "cookies": [],
            "content": content,
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(resp_text.encode()),
        },
        "cache": {},
        "timings": {
            "blocked": 0,
            "dns": 0,
            "connect": 0,
            "ssl": 0,
            "send": 0,
            "wait": 141,
            "receive": 1,
        },
        "serverIPAddress": "203.0.113.10",
        "connection": "443",
    }


def har(entries: list[dict[str, Any]], *, comment: str = "") -> dict[str, Any]:
    """A HAR 1.2 document around `entries`."""
    log: dict[str, Any] = {
        "version": "1.2",
        "creator": {"name": "Firefox", "version": "146.0"},
        "browser": {"name": "Firefox", "version": "146.0"},
        "pages": [],
        "entries": entries,
    }
    if comment:
        log["comment"] = comment
    return {"log": log}


def dumps(document: dict[str, Any]) -> str:
    """The file text of a HAR: indented like browser exports, deterministic."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
