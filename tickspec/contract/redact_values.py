"""Redacting values: free text, values under a name, bodies, forms, URLs, headers.

`ValueRedactor` holds the rules for one value at a time (see `redact` for the two
passes over a capture and `redact_rules` for the names and shapes); `Redactor`
in `redact` walks the HAR structure around them.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable, Hashable
from typing import Any
from urllib.parse import quote, quote_plus, unquote, unquote_plus

from tickspec.contract.harfile import dumps, numbers
from tickspec.contract.redact_rules import (
    CUE,
    EMAIL,
    IPV4,
    IPV6,
    NET,
    PHONE,
    PHONE_DIGITS,
    SHARE_WORDS,
    TOKEN_SEGMENT,
    URL_HEADERS,
    Kind,
    classify,
    could_hold,
    norm,
)
from tickspec.contract.redact_vault import Vault, clean

_NUMBERS = numbers(strict=False)
_LOOSE = json.JSONDecoder(strict=False)


def _parse(text: str) -> Any:
    """A body's JSON value (numbers of any size kept as written), or None if not JSON."""
    try:
        return _LOOSE.decode(text)  # json.loads(text, strict=False) built one per call
    except json.JSONDecodeError:
        return None
    except ValueError:  # a number past `int()`'s digit limit: the slower decoder keeps it
        try:
            return _NUMBERS.decode(text)
        except (ValueError, RecursionError):
            return None
    except RecursionError:
        return None


MEMO_LENGTH = 256
"""Values up to this length are remembered by `ValueRedactor._recall` (longer ones are
bodies and URLs, rarely repeated)."""
MEMO_SIZE = 4096
"""Values remembered at most: 3 MiB, were each as long as `MEMO_LENGTH`."""

FORM = re.compile(r"^[^=&\s{}\[\]\"]+=[^&\s]*(?:&[^=&\s]+=[^&\s]*)*$")


class ValueRedactor:
    """The rules for one value; records into an open vault, replaces with a sealed one."""

    def __init__(self, vault: Vault | None = None) -> None:
        if vault is None:
            vault = Vault()
            vault.seal()
        self.vault = vault
        self.replaced = 0
        """How many values were changed, for the import summary."""
        self._memo: dict[Hashable, tuple[str, int]] = {}
        """Short values already redacted -> (their redaction, its count; see `_recall`)."""
        self._memo_sealed = vault.sealed

    # -- free text -------------------------------------------------------------------

    def _recall(self, key: Hashable, size: int, redact: Callable[..., str], *args: Any) -> str:
        """`redact(*args)`, looked up if done before: a capture repeats its short texts
        (header names and values, URL parts) tens of thousands of times.

        What `text`, `header` or `url` makes of a value depends only on the vault, and the
        vault only grows by notes that change nothing the second time (an open vault
        records a value once; a sealed one keeps the placeholder it gave), so a repeat
        gives the same text and adds the same count to `replaced`. Only values up to
        `MEMO_LENGTH` are kept, and the memo is emptied when full: memory stays flat."""
        if self._memo_sealed is not self.vault.sealed:
            self._memo.clear()
            self._memo_sealed = self.vault.sealed
        hit = self._memo.get(key)
        if hit is not None:
            self.replaced += hit[1]
            return hit[0]
        before = self.replaced
        out = redact(*args)
        if size <= MEMO_LENGTH:
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = (out, self.replaced - before)
        return out

    def text(self, value: str) -> str:
        """Free text: every known value replaced, then the shape rules (emails, phones...)."""
        hit = self._memo.get(value)  # `_recall`'s lookup, inlined: most texts are repeats
        if hit is not None and self._memo_sealed is self.vault.sealed:
            self.replaced += hit[1]
            return hit[0]
        return self._recall(value, len(value), self._text, value)

    def _text(self, value: str) -> str:
        out = value if value.isascii() else clean(value)
        out = self.vault.replace(out)
        if len(out) >= 40 or CUE.search(out):
            out = self._nets(out)
        if out != value:
            self.replaced += 1
        return out

    def _nets(self, out: str) -> str:
        for kind, pattern in NET:
            if could_hold(kind, out):
                out = pattern.sub(lambda m, kind=kind: self._net(kind, m), out)  # type: ignore[misc]
        return out

    def _net(self, kind: str, m: re.Match[str]) -> str:
        if kind == "email":
            place = self.vault.note(Kind.EMAIL, unquote(m[0]))
            return place.replace("@", "%40") if "%40" in m[0] else place
        if kind == "inbox":
            self.vault.note(Kind.USER_ID, m["id"])
            return self.vault.note(Kind.INBOX, m[0])
        if kind in ("jwt", "hex"):
            return self.vault.note(Kind.TOKEN, m[0])
        if kind == "phone":
            return self._phone(m[0])
        named = classify(m["name"]) or Kind.TOKEN
        return m["name"] + m["sep"] + self._scalar(named, unquote_plus(m["value"]))

    def _phone(self, found: str) -> str:
        """A phone the net found, recorded as written plainly, replaced as spelled."""
        plain = found
        for spelled, char in (("%2B", "+"), ("%2b", "+"), ("%20", " "), ("\\u002B", "+"),
                              ("\\u002b", "+"), ("\\u0020", " ")):  # fmt: skip
            plain = plain.replace(spelled, char)
        place = self.vault.note(Kind.PHONE, plain)
        if "%" in found:
            return quote_plus(place, safe="") if "+" in found else quote(place, safe="")
        return place.replace("+", "\\u002b") if "\\u" in found else place

    # -- values under a name -------------------------------------------------------------

    def keyed(self, key: str, value: Any, *, account: bool = False) -> Any:
        """A JSON value stored under `key`: by the rule of its name, else walked."""
        kind = classify(key, account=account)
        if kind is None and type(value) is str:
            return self.text(value)
        if kind is None or isinstance(value, dict):
            return self.json(value, account=account)
        if isinstance(value, list):
            return [self.keyed(key, item, account=account) for item in value]
        if isinstance(value, bool) or value is None:
            return value
        if isinstance(value, int | float):
            return self._number(kind, value)
        if isinstance(value, str):
            return self._scalar(kind, value)
        return value

    def _number(self, kind: Kind, value: float) -> Any:
        """A number under a secret's name keeps its type (a user id stays an integer)."""
        if kind in (Kind.USER_ID, Kind.PHONE) and (not isinstance(value, int) or value < 10_000):
            return value  # `assignee: -1`, not an account; `tel: 3`, not a number
        if kind not in (Kind.USER_ID, Kind.PASSWORD, Kind.TOKEN, Kind.PHONE):
            return value
        place = self.vault.note(kind, str(value))
        if not self.vault.sealed:
            return value
        self.replaced += 1
        digits = place.removeprefix("+") if kind is Kind.PHONE else place
        return int(digits) if digits.isdigit() else 0

    def _scalar(self, kind: Kind, value: str, *, weak: bool = False) -> str:
        """A string under a secret's name: its placeholder (recorded in pass 1)."""
        if not value.strip():
            return value
        plain = unquote(value) if "%40" in value else value
        if kind in (Kind.USER_ID, Kind.USERNAME, Kind.EMAIL, Kind.NAME):
            if EMAIL.fullmatch(plain):
                kind = Kind.EMAIL
            elif PHONE.match(plain) and kind is not Kind.USER_ID:
                kind = Kind.PHONE
            elif kind is Kind.EMAIL:
                kind = Kind.USERNAME
        if kind in (Kind.USER_ID, Kind.INBOX) and value.startswith("inbox"):
            return self.text(value)
        if kind is Kind.USER_ID and value.isdigit() and len(value) < 5:
            return value  # `"assignee": "0"`, not an account
        if kind is Kind.PHONE and sum(c.isdigit() for c in plain) < PHONE_DIGITS:
            return value  # `"mobileApp": "ios"`: a key about phones, not a number
        if kind is Kind.IP:
            out = self._ips(value)
            if out != value:
                self.replaced += 1
            return out
        place = self.vault.note(kind, clean(plain), weak=weak)
        if place != value:
            self.replaced += 1
        return place

    def _ips(self, value: str) -> str:
        out = IPV6.sub(lambda m: self.vault.note(Kind.IP, m[0]), value)
        return IPV4.sub(lambda m: self.vault.note(Kind.IP, m[0]), out)

    def json(self, value: Any, *, account: bool = False) -> Any:
        """A JSON value with secrets replaced by name (`password`, `creator`) and by value."""
        if isinstance(value, dict):
            return {
                self.text(k) if isinstance(k, str) else k: self.keyed(k, v, account=account)
                for k, v in value.items()
            }
        if isinstance(value, list):
            return [self.json(v, account=account) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def _param(self, name: str, value: Any, *, encoded: bool) -> Any:
        if not isinstance(value, str):
            return self.keyed(name, value)
        plain = unquote_plus(name) if encoded else name
        decoded = unquote_plus(value) if encoded else value
        new = self.keyed(plain, decoded)
        if new == decoded:
            return value
        return quote_plus(new, safe="@:") if encoded else new

    # -- bodies --------------------------------------------------------------------------

    def body(self, text: str, *, account: bool = False) -> str:
        """A body as text: JSON is walked (re-serialised compactly if anything changed),
        a form is redacted pair by pair, anything else is free text."""
        parsed = _parse(text)
        if parsed is None:
            return self.form(text) if FORM.match(text.strip()) else self.text(text)
        if not isinstance(parsed, dict | list):  # `130208689` or `"a@b.io"` as the body
            return self.text(text)
        try:
            redacted = self.json(parsed, account=account)
        except RecursionError:  # deeper than this walk goes: keep none of its structure
            return self.text(text)
        if redacted == parsed and clean(text) == text:
            return text
        try:
            return dumps(redacted, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
        except ValueError:  # NaN or Infinity: not JSON, so redacted as text
            return self.text(text)

    def form(self, text: str) -> str:
        """`a=1&b=2`: each value by the rule of its name, percent-encoding kept."""
        out = []
        for pair in text.strip().split("&"):
            name, sep, value = pair.partition("=")
            if sep:
                out.append(f"{self.text(name)}={self._param(name, value, encoded=True)}")
            else:
                out.append(self.text(pair))
        return "&".join(out)

    # -- URLs ----------------------------------------------------------------------------

    def url(self, value: str) -> str:
        """A URL: path segments (`;jsessionid=`, share tokens), query and fragment by name."""
        # keyed apart from texts (a str) and headers (a pair of str)
        return self._recall((None, value), len(value), self._url, value)

    def _url(self, value: str) -> str:
        rest, hash_, fragment = value.partition("#")
        base, mark, query = rest.partition("?")
        segments = base.split("/")
        for i, segment in enumerate(segments):
            head, *params = segment.split(";")
            if i > 3 and norm(segments[i - 1]) in SHARE_WORDS and TOKEN_SEGMENT.match(head):
                head = self.vault.note(Kind.TOKEN, unquote(head))
            else:
                head = self.text(head)
            params = [self.form(p) if "=" in p else self.text(p) for p in params]
            segments[i] = ";".join([head, *params])
        out = "/".join(segments)
        if mark:
            out += "?" + (self.form(query) if "=" in query else self.text(query))
        if hash_:
            out += "#" + (self.form(fragment) if FORM.match(fragment) else self.text(fragment))
        return out

    # -- headers and cookies -------------------------------------------------------------

    def header(self, name: str, value: str) -> str:
        """A header's value, by the rule of its name (cookies, URLs, credentials...)."""
        return self._recall((name, value), len(name) + len(value), self._header, name, value)

    def _header(self, name: str, value: str) -> str:
        lower = norm(name)
        if lower == "cookie":
            return "; ".join(self._cookie(part) for part in value.split(";"))
        if lower == "setcookie":
            return "\n".join(self._set_cookie(line) for line in value.split("\n"))
        if lower in ("authorization", "proxyauthorization"):
            return self._authorization(value)
        if lower in URL_HEADERS:
            return self.url(value)
        kind = classify(name) or (classify(name[2:]) if lower.startswith("x") else None)
        if kind is not None:
            return self._scalar(kind, value)
        return self.text(value)

    def _cookie(self, part: str) -> str:
        """Every cookie value is a secret (session, CSRF, load-balancer stickiness...)."""
        name, sep, value = part.strip().partition("=")
        if not sep:
            return self.text(part.strip())
        return f"{name}={self._scalar(Kind.TOKEN, value, weak=True)}"

    def _set_cookie(self, line: str) -> str:
        first, sep, attributes = line.partition(";")
        return self._cookie(first) + (sep + self.text(attributes) if sep else "")

    def _authorization(self, value: str) -> str:
        scheme, sep, credential = value.strip().partition(" ")
        if not sep:
            return self._scalar(Kind.TOKEN, value)
        if scheme.lower() == "basic":
            try:
                user, _, password = base64.b64decode(credential.strip(), validate=True).decode(
                    "utf-8").partition(":")  # fmt: skip
            except (binascii.Error, ValueError):
                pass
            else:
                self._scalar(Kind.USERNAME, user)
                self._scalar(Kind.PASSWORD, password)
        return f"{scheme} {self._scalar(Kind.TOKEN, credential.strip())}"
