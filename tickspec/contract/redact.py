"""Removing secrets and personal data from a capture before it is committed.

A browser HAR of a logged-in TickTick session holds everything needed to hijack
the account (the `t` cookie, the CSRF token, the signon password) plus personal
data (email, user id, inbox id). Each is replaced by a placeholder *of the same
shape*, so the redacted capture still validates against the spec: a user id
stays an integer (100000001), the inbox id stays `inbox<digits>`, an email stays
an email, a token keeps its length. One `Redactor` serves one capture, so the
same input value always maps to the same placeholder and cross-references
(`creator` vs `inboxId`) stay consistent.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any
from urllib.parse import unquote

FIRST_USER_ID = 100000001
PASSWORD = "xxxxxxxx"
USER_ID_KEYS = frozenset(
    {
        "creator",
        "completedUserId",
        "userId",
        "assignee",
        "createdUserId",
        "modifiedUserId",
        "ownerId",
        "uid",
        "userIds",
    }
)
TOKEN_KEYS = frozenset(
    {
        "token",
        "t",
        "accessToken",
        "access_token",
        "refreshToken",
        "refresh_token",
        "csrfToken",
        "authToken",
        "sessionId",
        "secret",
        "apiKey",
    }
)
PASSWORD_KEYS = frozenset({"password", "newPassword", "oldPassword", "passwd"})
NAME_KEYS = frozenset({"displayName", "nickname", "realName", "phone", "fullName"})
SECRET_HEADERS = frozenset(
    {"x-csrftoken", "x-xsrf-token", "x-csrf-token", "x-auth-token", "x-api-key", "x-access-token"}
)
AUTH_HEADERS = frozenset({"authorization", "proxy-authorization"})
SECRET_QUERY = ("t", "token", "access_token", "password", "csrf_token", "_csrf_token")

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
INBOX = re.compile(r"inbox([0-9]+)")
HEX_TOKEN = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{40,}(?![0-9A-Fa-f])")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")
QUERY_SECRET = re.compile(r"(?<=[?&;])(" + "|".join(SECRET_QUERY) + r")=([^&#;\s]*)")
FORM_SECRET = re.compile(
    r"(?<![A-Za-z0-9_])(password|passwd|token|access_token|_csrf_token)=([^&\s]*)"
)


def xs(value: str) -> str:
    """A same-length run of `x`: keeps the shape (length) of a token, none of its content."""
    return "x" * len(value)


class Redactor:
    """Stable placeholders for one capture."""

    def __init__(self) -> None:
        self._users: dict[int, int] = {}
        self._emails: dict[str, str] = {}
        self.replaced = 0
        """How many values were changed, for the import summary."""

    # -- scalar placeholders ---------------------------------------------------------

    def user_id(self, value: int) -> int:
        if value not in self._users:
            self._users[value] = FIRST_USER_ID + len(self._users)
        return self._users[value]

    def email(self, value: str) -> str:
        key = unquote(value).lower()
        if key.endswith("@example.com"):
            return value
        if key not in self._emails:
            n = len(self._emails) + 1
            self._emails[key] = "user@example.com" if n == 1 else f"user{n}@example.com"
        return self._emails[key]

    def text(self, value: str) -> str:
        """Free text (URLs, headers, non-JSON bodies): emails, inbox ids, long tokens."""
        out = EMAIL.sub(lambda m: self.email(m.group(0)), value)
        out = INBOX.sub(lambda m: f"inbox{self.user_id(int(m.group(1)))}", out)
        out = JWT.sub(lambda m: xs(m.group(0)), out)
        out = HEX_TOKEN.sub(lambda m: xs(m.group(0)), out)
        if out != value:
            self.replaced += 1
        return out

    def url(self, value: str) -> str:
        redacted = QUERY_SECRET.sub(lambda m: f"{m.group(1)}={xs(m.group(2))}", value)
        if redacted != value:
            self.replaced += 1
        return self.text(redacted)

    # -- JSON bodies -------------------------------------------------------------------

    def json(self, value: Any, key: str | None = None) -> Any:
        """A JSON value with secrets replaced by key (`password`, `creator`) and by shape."""
        if isinstance(value, dict):
            return {self.text(k): self.json(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.json(v, key) for v in value]
        if key is not None:
            replaced = self._keyed(key, value)
            if replaced is not value:
                self.replaced += 1
                return replaced
        if isinstance(value, str):
            return self.text(value)
        return value

    def _keyed(self, key: str, value: Any) -> Any:
        if key in USER_ID_KEYS:
            if isinstance(value, int) and not isinstance(value, bool):
                return self.user_id(value)
            if isinstance(value, str) and value.isdigit():
                return str(self.user_id(int(value)))
        if isinstance(value, str) and value:
            if key in PASSWORD_KEYS:
                return PASSWORD
            if key in TOKEN_KEYS:
                return xs(value)
            if key in NAME_KEYS:
                return "User"
        return value

    def body_text(self, text: str) -> str:
        """A body as text: JSON is walked (and re-serialised compactly), anything else scanned."""
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):
            redacted = FORM_SECRET.sub(lambda m: f"{m.group(1)}={xs(m.group(2))}", text)
            return self.text(redacted)
        return json.dumps(self.json(parsed), separators=(",", ":"), ensure_ascii=False)

    # -- headers and cookies -------------------------------------------------------------

    def header(self, name: str, value: str) -> str:
        lower = name.lower()
        if lower == "cookie":
            return "; ".join(self._cookie_pair(part) for part in value.split(";"))
        if lower == "set-cookie":
            return "\n".join(self._set_cookie(line) for line in value.split("\n"))
        if lower in AUTH_HEADERS:
            scheme, sep, credential = value.partition(" ")
            self.replaced += 1
            return f"{scheme} {xs(credential)}" if sep else xs(value)
        if lower in SECRET_HEADERS:
            self.replaced += 1
            return xs(value)
        if lower in ("referer", "location", "origin"):
            return self.url(value)
        return self.text(value)

    def _cookie_pair(self, part: str) -> str:
        name, sep, value = part.strip().partition("=")
        if not sep:
            return part.strip()
        self.replaced += 1
        return f"{name}={xs(value)}"

    def _set_cookie(self, line: str) -> str:
        first, sep, attributes = line.partition(";")
        return self._cookie_pair(first) + (sep + self.text(attributes) if sep else "")

    def pairs(self, items: Any, *, cookies: bool = False, query: bool = False) -> Any:
        """HAR [{name, value}] lists: headers, cookies (all values hidden), query strings."""
        if not isinstance(items, list):
            return items
        out = []
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("value"), str):
                out.append(item)
                continue
            name, value = str(item.get("name", "")), item["value"]
            if cookies or (query and name in SECRET_QUERY):
                self.replaced += 1
                new = xs(value)
            elif query:
                new = self.text(value)
            else:
                new = self.header(name, value)
            kept = {k: v for k, v in item.items() if not k.startswith("_")}
            out.append({**kept, "value": new})
        return out

    # -- whole entries -----------------------------------------------------------------

    def entry(self, raw: dict[str, Any]) -> dict[str, Any]:
        """A redacted copy of one HAR entry; browser-private `_fields` are dropped, and so is
        `pageref` (page titles can hold personal data, so pages are not kept)."""
        out = {k: v for k, v in raw.items() if not k.startswith("_") and k != "pageref"}
        request = {k: v for k, v in dict(raw.get("request") or {}).items() if not k.startswith("_")}
        response = {
            k: v for k, v in dict(raw.get("response") or {}).items() if not k.startswith("_")
        }
        if isinstance(request.get("url"), str):
            request["url"] = self.url(request["url"])
        request["headers"] = self.pairs(request.get("headers", []))
        request["cookies"] = self.pairs(request.get("cookies", []), cookies=True)
        request["queryString"] = self.pairs(request.get("queryString", []), query=True)
        post = request.get("postData")
        if isinstance(post, dict):
            post = dict(post)
            if isinstance(post.get("text"), str):
                post["text"] = self.body_text(post["text"])
            if "params" in post:
                post["params"] = self.pairs(post["params"], query=True)
            request["postData"] = post
        response["headers"] = self.pairs(response.get("headers", []))
        response["cookies"] = self.pairs(response.get("cookies", []), cookies=True)
        if isinstance(response.get("redirectURL"), str):
            response["redirectURL"] = self.url(response["redirectURL"])
        if isinstance(response.get("content"), dict):
            response["content"] = self._content(response["content"])
        out["request"], out["response"] = request, response
        return out

    def _content(self, content: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in content.items() if not k.startswith("_")}
        text = out.get("text")
        if not isinstance(text, str):
            return out
        if out.get("encoding") == "base64":
            try:
                text = base64.b64decode(text, validate=True).decode("utf-8")
            except (binascii.Error, ValueError):  # binary: nothing reviewable, keep none
                out.pop("encoding")
                out["text"], out["comment"] = "", "binary body removed by tickspec import"
                return out
            out.pop("encoding")
        out["text"] = self.body_text(text)
        out["size"] = len(out["text"].encode("utf-8"))
        return out
