"""Reading HAR 1.2 captures into flat, typed entries.

Browsers disagree on the details of HAR (Chrome stores HTTP/2 pseudo-headers,
Firefox base64-encodes some bodies, some exporters drop `queryString` or the
response text), so every access here is defensive: a malformed capture becomes
one `HarError` naming the file, never a traceback, and a body that cannot be
decoded is kept as a `Body` with a `problem` for the checker to report.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from tickspec.contract.encodings import decompress

# The streaming reader (harfile.py), re-exported: the importer and the checker read through it.
from tickspec.contract.harfile import HarError as HarError
from tickspec.contract.harfile import Reader as Reader
from tickspec.contract.harfile import envelope as envelope
from tickspec.contract.harfile import iter_raw as iter_raw

API_HOSTS = frozenset({"api.ticktick.com", "api.dida365.com"})
"""Hosts of TickTick's web API (ticktick.com and its Chinese twin dida365.com)."""

MISSING: Any = object()
"""Sentinel of `Body.parse` for a body that is absent or not JSON."""


@dataclass
class Body:
    """A request or response body as captured: text (decoded from base64 if needed)."""

    text: str | None
    """None when the capture holds no body (no postData, no content.text)."""
    mime: str = ""
    problem: str | None = None
    """Why the text could not be decoded (bad base64, not UTF-8)."""
    _parsed: Any = field(default=MISSING, repr=False, compare=False)
    _error: str | None = field(default=None, repr=False, compare=False)

    def parse(self) -> tuple[Any, str | None]:
        """(value, error): the JSON value, or MISSING and why it is not JSON."""
        if self._parsed is MISSING and self._error is None:
            if self.problem is not None:
                self._error = self.problem
            elif self.text is None:
                self._error = "no body"
            elif not self.text or self.text.isspace():
                self._error = "empty body"
            else:
                try:
                    self._parsed = _loads(self.text)
                except ValueError as exc:
                    self._error = f"not JSON ({_short(exc)})"
                except RecursionError:
                    self._error = "JSON nested too deeply"
        return self._parsed, self._error


_SCAN: Any = json.JSONDecoder().scan_once  # type: ignore[attr-defined]  # set in __init__


def _loads(text: str) -> Any:
    """`json.loads` of a str, calling the C scanner directly for the common case (a
    value from the first character to the last): 15,000 bodies per 10,000 entries."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:  # leading whitespace, or no value: json.loads says which
        return json.loads(text)
    if end != len(text) and not text[end:].isspace():
        return json.loads(text)  # raises "Extra data" with its position
    return value


@dataclass
class Entry:
    """One request/response pair of a capture, in the shape the checker needs.

    Only what every check reads is parsed up front; cookies are parsed on first use
    (the spec has no cookie parameter today, and a 10,000-entry capture has
    10,000 cookie lists)."""

    file: str
    index: int
    method: str
    url: str
    host: str
    path: str
    query: list[tuple[str, str]]
    headers: dict[str, str]
    """Request headers by lower-cased name (repeated headers joined by ', ')."""
    request_body: Body
    status: int
    response_body: Body
    raw_cookies: Any = field(default=None, repr=False)

    @cached_property
    def cookies(self) -> dict[str, str]:
        """Request cookies: HAR's `request.cookies`, then the Cookie header."""
        cookies = {}
        for item in self.raw_cookies if isinstance(self.raw_cookies, list) else []:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                cookies[item["name"]] = str(item.get("value", ""))
        for part in self.headers.get("cookie", "").split(";"):
            name, sep, value = part.strip().partition("=")
            if sep and name and name not in cookies:
                cookies[name] = value
        return cookies


def _short(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """The capture files named by `paths`: files as given, folders searched for `*.har`.

    Nothing is skipped silently: a subfolder that cannot be read, or a `*.har` that is a
    broken link or not a regular file, is unusable input (HarError), since a run that
    checked less than it was given must not say "no drift"."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = _walk(path)
            if not found:
                raise HarError(f"{path}: no .har file in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            raise HarError(f"{path}: broken symbolic link")
        elif path.exists():
            raise HarError(f"{path}: not a regular file")
        else:
            raise HarError(f"{path}: no such file or folder")
    return files


def _walk(folder: Path) -> list[Path]:
    def fail(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        raise HarError(f"{where}: cannot read this folder ({exc.strerror or _short(exc)})")

    found: list[Path] = []
    seen = {os.path.realpath(folder)}
    # Linked subfolders are followed (as `rglob` did), each real folder once (no cycles).
    for top, dirs, names in os.walk(folder, onerror=fail, followlinks=True):
        dirs[:] = [d for d in sorted(dirs) if _first_visit(os.path.join(top, d), seen)]
        for name in names:
            if not name.endswith(".har"):
                continue
            path = Path(top, name)
            if path.is_file():
                found.append(path)
            elif path.is_symlink() and not path.exists():
                raise HarError(f"{path}: broken symbolic link")
            else:
                raise HarError(f"{path}: not a regular file")
    return sorted(found)


def _first_visit(path: str, seen: set[str]) -> bool:
    real = os.path.realpath(path)
    if real in seen:
        return False
    seen.add(real)
    return True


def load(path: Path) -> dict[str, Any]:
    """The parsed HAR document, with its structure checked down to `log.entries`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HarError(f"{path}: cannot read ({exc.strerror or _short(exc)})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise HarError(f"{path}: not a HAR (not UTF-8 text)") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise HarError(f"{path}: not JSON ({_short(exc)})") from None
    except RecursionError:
        raise HarError(f"{path}: not a HAR (JSON nested too deeply)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("log"), dict):
        raise HarError(f"{path}: not a HAR (no top-level 'log' object)")
    if not isinstance(doc["log"].get("entries"), list):
        raise HarError(f"{path}: not a HAR ('log.entries' is not a list)")
    return doc


def _obj(node: Any, key: str, where: str) -> dict[str, Any]:
    value = node.get(key) if isinstance(node, dict) else None
    if not isinstance(value, dict):
        raise HarError(f"{where}: '{key}' is not an object")
    return value


def _pairs(node: Any, where: str) -> list[tuple[str, str]]:
    """HAR's [{name, value}] lists (headers, cookies, queryString) as pairs."""
    if node is None:
        return []
    if not isinstance(node, list):
        raise HarError(f"{where} is not a list")
    pairs = []
    for item in node:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise HarError(f"{where} has an item without a string 'name'")
        value = item.get("value", "")
        pairs.append((item["name"], value if isinstance(value, str) else str(value)))
    return pairs


def _headers(node: Any, file: str, index: int) -> dict[str, str]:
    """Request headers by lower-cased name; HTTP/2 pseudo-headers (`:authority`) left out."""
    if node is None:
        return {}
    if not isinstance(node, list):
        raise HarError(f"{file}: entry {index}: request.headers is not a list")
    try:  # the common case in one comprehension: unique string names, no pseudo-headers
        fast = {item["name"].lower(): item["value"] for item in node}
    except (TypeError, KeyError, AttributeError):
        pass
    else:
        # (C-speed checks: every value a str; the least name sorts after ':', so none
        # is a pseudo-header; a name starting with a digit or '-' just takes the slow path)
        unique, plain = len(fast) == len(node), not fast or min(fast) > ":"
        if unique and plain and set(map(type, fast.values())) <= {str}:
            return fast
    where = f"{file}: entry {index}: request.headers"
    values: dict[str, str] = {}
    for item in node:
        try:
            name, value = item["name"], item.get("value", "")
        except (TypeError, KeyError, AttributeError):
            raise HarError(f"{where} has an item without a string 'name'") from None
        if not isinstance(name, str):
            raise HarError(f"{where} has an item without a string 'name'")
        if name[:1] == ":":
            continue
        key = name.lower()
        value = value if isinstance(value, str) else str(value)
        values[key] = f"{values[key]}, {value}" if key in values else value
    return values


def _body(
    node: Any, text_key: str, headers: dict[str, str] | None, response: dict[str, Any] | None
) -> Body:
    """A body as text. Its Content-Encoding (from the request `headers` or the raw
    `response`, looked up only for a body that may be compressed) says how to undo a
    body stored still compressed (base64 of gzip bytes); one the browser stored decoded
    (most do, and keep the header) is used as it is."""

    def coding() -> str:
        if headers is not None:
            return headers.get("content-encoding", "")
        return _coding(response) if response is not None else ""

    if not isinstance(node, dict):
        return Body(None)
    mime = node.get("mimeType")
    mime = mime if isinstance(mime, str) else ""
    text = node.get(text_key)
    if text is None:
        return Body(None, mime)
    if not isinstance(text, str):
        return Body(None, mime, problem=f"'{text_key}' is not a string")
    if node.get("encoding") == "base64":
        try:  # exporters wrap base64 at 76 columns (MIME): whitespace is not data
            raw = base64.b64decode("".join(text.split()), validate=True)
        except (binascii.Error, ValueError):
            return Body(text, mime, problem="invalid base64 text")
        stored = "base64"
    elif text.startswith("\x1f\x8b") and coding():  # gzip bytes stored as Latin-1 text
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:
            return Body(text, mime)
        stored = "gzip"
    else:
        return Body(text, mime)
    data, problem = decompress(raw, coding())
    if problem is not None:
        return Body(text, mime, problem=problem)
    try:
        return Body(data.decode("utf-8"), mime)
    except UnicodeDecodeError:
        return Body(text, mime, problem=f"{stored} body is not UTF-8 text")


def _coding(response: dict[str, Any]) -> str:
    """The response's Content-Encoding (tolerant: response headers are not checked)."""
    node = response.get("headers")
    for item in node if isinstance(node, list) else []:
        if isinstance(item, dict) and str(item.get("name", "")).lower() == "content-encoding":
            return str(item.get("value", ""))
    return ""


def parse_entry(raw: Any, file: str, index: int) -> Entry:
    """One `log.entries[i]` as an Entry; HarError when its structure is unusable.

    Called once per entry of captures with tens of thousands: the common, well-formed
    case runs without building an error message, and hosts are cached by netloc."""
    request = raw.get("request") if isinstance(raw, dict) else None
    response = raw.get("response") if isinstance(raw, dict) else None
    if not isinstance(request, dict) or not isinstance(response, dict):
        _obj(raw, "request", f"{file}: entry {index}")
        _obj(raw, "response", f"{file}: entry {index}")
    assert isinstance(request, dict) and isinstance(response, dict)
    method, url = request.get("method"), request.get("url")
    if not isinstance(method, str) or not isinstance(url, str):
        raise HarError(f"{file}: entry {index}: request has no string 'method' and 'url'")
    status = response.get("status")
    if isinstance(status, bool) or not isinstance(status, int):
        raise HarError(f"{file}: entry {index}: response 'status' is not an integer")
    try:
        parts = urlsplit(url)
        host = _HOSTS.get(parts.netloc)
        if host is None:
            if len(_HOSTS) > 1024:
                _HOSTS.clear()
            host = _HOSTS[parts.netloc] = (parts.hostname or "").lower()
    except ValueError:
        raise HarError(f"{file}: entry {index}: request 'url' is not a URL") from None
    if "queryString" in request:  # as captured: percent-encoded by most browsers
        pairs = _pairs(request["queryString"], f"{file}: entry {index}: request.queryString")
        query = [(unquote(k), unquote(v)) for k, v in pairs]
    else:
        query = parse_qsl(parts.query, keep_blank_values=True)
    headers = _headers(request.get("headers"), file, index)
    return Entry(
        file=file,
        index=index,
        method=method.upper(),
        url=url,
        host=host,
        path=parts.path or "/",
        query=query,
        headers=headers,
        request_body=_body(request.get("postData"), "text", headers, None),
        status=status,
        response_body=_body(response.get("content"), "text", None, response),
        raw_cookies=request.get("cookies"),
    )


_HOSTS: dict[str, str] = {}
"""netloc -> lower-cased host name (`urlsplit(...).hostname` parses the netloc every time)."""


def entries(path: Path, doc: Mapping[str, Any] | None = None) -> Iterator[Entry]:
    """The entries of one capture file, streamed from the file unless `doc` is given."""
    raws = enumerate(doc["log"]["entries"]) if doc is not None else iter_raw(path)
    for index, raw in raws:
        yield parse_entry(raw, str(path), index)
