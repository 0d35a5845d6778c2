"""Removing secrets and personal data from a capture before it is committed.

A browser HAR of a logged-in TickTick session holds everything needed to hijack
the account (the `t` cookie, the CSRF token, the signon password) plus personal
data (email, user id, name, phone, avatar). A list of field names cannot keep up
with where these turn up (a password in a task title, the user id in a URL path,
a token in a Referer), so redaction runs twice over the same walk:

1. with an open `Vault`, the rules (`redact_rules`: key, query, form, cookie and
   header names in any casing, and shapes in free text) only record the values
   they find, in every entry of the file;
2. with the sealed vault, every string of each kept entry first has every
   occurrence of every recorded value replaced (in any spelling: percent-encoded,
   base64), then the same rules run again as a second net.

Both passes share this walk, so no place is read in one and skipped in the other.
Placeholders keep the shape (see `redact_vault`), so the capture still validates.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable, Iterator
from typing import Any

from tickspec.contract.encodings import decompress
from tickspec.contract.redact_rules import ACCOUNT_PATH, Kind
from tickspec.contract.redact_values import ValueRedactor
from tickspec.contract.redact_vault import FIRST_USER_ID, PASSWORD, Vault, clean, xs

__all__ = ["FIRST_USER_ID", "PASSWORD", "Redactor", "Vault", "xs"]

_WHITESPACE = re.compile(r"\s+")


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included (the text a vault scope is cut from)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for key, item in node.items():
                if isinstance(key, str):
                    yield key
                stack.append(item)
        elif isinstance(node, list):
            stack.extend(node)


class Redactor(ValueRedactor):
    """One pass over a capture: the HAR structure of each entry, walked in key order."""

    def pairs(self, items: Any, *, query: bool = False) -> Any:
        """HAR [{name, value}] lists of query strings and form params (percent-encoded)."""
        if not isinstance(items, list):
            return self.json(items)
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                out.append(self.json(item))
                continue
            kept = self._item(item, ("name", "value"))
            name = item["name"]
            kept["name"] = self.text(name)
            if "value" in item:
                kept["value"] = self._param(name, item["value"], encoded=query)
            out.append(kept)
        return out

    def headers(self, items: Any) -> Any:
        if not isinstance(items, list):
            return self.json(items)
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                out.append(self.json(item))
                continue
            value = item.get("value")
            if len(item) == 2 and type(value) is str and next(iter(item)) == "name":
                # nearly every header is just {name, value}: `_item`'s copy is not needed
                name = item["name"]
                out.append({"name": clean(name), "value": self.header(name, value)})
                continue
            kept = self._item(item, ("name", "value"))
            kept["name"] = clean(item["name"])  # protocol vocabulary, not data
            if isinstance(value, str):
                kept["value"] = self.header(item["name"], value)
            elif "value" in item:
                kept["value"] = self.keyed(item["name"], value)
            out.append(kept)
        return out

    def cookies(self, items: Any) -> Any:
        """HAR cookie lists: every value hidden, attributes scanned."""
        if not isinstance(items, list):
            return self.json(items)
        out = []
        for item in items:
            if not isinstance(item, dict):
                out.append(self.json(item))
                continue
            value = item.get("value")
            name = item.get("name")
            if len(item) == 2 and type(value) is type(name) is str and next(iter(item)) == "name":
                # a request's cookies are just {name, value}: `_item`'s copy is not needed
                shown = self.text(name)  # first, as `_item` would: placeholders are counters
                out.append({"name": shown, "value": self._scalar(Kind.TOKEN, value, weak=True)})
                continue
            kept = self._item(item, ("value",))
            if isinstance(value, str):
                kept["value"] = self._scalar(Kind.TOKEN, value, weak=True)
            elif value is not None:
                kept["value"] = self.keyed("token", value)
            out.append(kept)
        return out

    def _item(self, item: dict[str, Any], special: tuple[str, ...]) -> dict[str, Any]:
        """A copy of a {name, value} item, in its key order, without browser-private
        `_fields`; the `special` members are left for the caller (each is read once)."""
        return {
            k: v if k in special else self.json(v) for k, v in item.items() if not k.startswith("_")
        }

    # -- whole entries -----------------------------------------------------------------

    def entry(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A redacted copy of one HAR entry, in its key order. Browser-private `_fields`
        (websocket frames, initiators) and `pageref` are dropped: pages are not kept, and
        nothing there is needed to check the API."""
        request, response = _obj(raw.get("request")), _obj(raw.get("response"))
        url = request.get("url")
        account = (
            bool(ACCOUNT_PATH.search(url.partition("?")[0])) if isinstance(url, str) else False
        )
        coding = _coding(response)
        if not self.vault.sealed:  # pass 1: frames are dropped, but what they reveal is learnt
            frames = raw.get("_webSocketMessages")
            for frame in frames if isinstance(frames, list) else []:
                if isinstance(frame, dict) and isinstance(frame.get("data"), str):
                    self.body(frame["data"])
        out = self._each(raw, {
            "request": lambda node: self._request(_obj(node), account),
            "response": lambda node: self._response(_obj(node), account, coding),
        })  # fmt: skip
        out.pop("pageref", None)
        return out

    def _each(
        self, node: dict[str, Any], special: dict[str, Callable[[Any], Any]]
    ) -> dict[str, Any]:
        """A copy of a HAR object in its key order: `special` members by their function,
        the others walked; browser-private `_members` dropped."""
        return {
            k: special[k](v) if k in special else self.json(v)
            for k, v in node.items()
            if not k.startswith("_")
        }

    def _request(self, request: dict[str, Any], account: bool) -> dict[str, Any]:
        return self._each(request, {
            "url": lambda v: self.url(v) if isinstance(v, str) else self.json(v),
            "headers": self.headers,
            "cookies": self.cookies,
            "queryString": lambda v: self.pairs(v, query=True),
            "postData": lambda v: self._post(v, account) if isinstance(v, dict) else self.json(v),
        })  # fmt: skip

    def _post(self, post: dict[str, Any], account: bool) -> dict[str, Any]:
        return self._each(post, {
            "text": lambda v: self.body(v, account=account) if isinstance(v, str) else self.json(v),
            "params": lambda v: self.pairs(v, query=True),
        })  # fmt: skip

    def _response(self, response: dict[str, Any], account: bool, coding: str) -> dict[str, Any]:
        return self._each(response, {
            "headers": self.headers,
            "cookies": self.cookies,
            "redirectURL": lambda v: self.url(v) if isinstance(v, str) else self.json(v),
            "content": lambda v: self._content(v, account, coding) if isinstance(v, dict)
            else self.json(v),
        })  # fmt: skip

    def _content(self, content: dict[str, Any], account: bool, coding: str) -> dict[str, Any]:
        """A response body; a base64 one is decoded (and decompressed if stored still
        compressed), redacted, and encoded again; `size` follows the text."""
        out = self._each(content, {"text": lambda v: v})
        text = content.get("text")
        if not isinstance(text, str):
            return self._each(content, {})
        if content.get("encoding") != "base64":
            out["text"] = body = self.body(text, account=account)
        else:
            decoded = _b64text(content, coding)
            if decoded is None:  # binary or broken: nothing reviewable, keep none of it
                out.pop("encoding", None)
                out.update(text="", size=0, comment="undecodable body removed by tickspec import")
                return out
            body = self.body(decoded, account=account)
            if body != decoded:
                out["text"] = base64.b64encode(body.encode("utf-8")).decode("ascii")
        if "size" in out and out["text"] != text:
            out["size"] = len(body.encode("utf-8"))
        return out


def _obj(node: Any) -> dict[str, Any]:
    return node if isinstance(node, dict) else {}


def _coding(response: dict[str, Any]) -> str:
    """The response's Content-Encoding header, for bodies stored still compressed."""
    headers = response.get("headers")
    for item in headers if isinstance(headers, list) else []:
        if isinstance(item, dict) and str(item.get("name", "")).lower() == "content-encoding":
            return str(item.get("value", ""))
    return ""


def _b64text(content: dict[str, Any], coding: str) -> str | None:
    """The UTF-8 text a base64 body holds (line breaks allowed, compression undone), or
    None when it is not base64 of text."""
    if content.get("encoding") != "base64":
        return None
    text = content.get("text")
    if not isinstance(text, str):
        return None
    try:
        data = base64.b64decode(_WHITESPACE.sub("", text), validate=True)
    except (binascii.Error, ValueError):
        return None
    data, problem = decompress(data, coding)
    try:
        return None if problem else clean(data.decode("utf-8"))
    except UnicodeDecodeError:
        return None
