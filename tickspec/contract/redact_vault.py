"""The account's secrets, their placeholders, and the replacement of every occurrence.

Pass 1 `note`s each value a rule finds (open vault: the value is only recorded).
`seal` then gives every value a placeholder and indexes all of them at once
(`redact_match.Finder`), in every form a capture spells them: as is,
percent-encoded (`%40`, `+` for a space, any mix) and base64 (standard or
URL-safe, padded or not). Pass 2 replaces each occurrence anywhere, in one scan
of each text whatever the number of values, so a password the signon request
revealed is also removed from a task title, a Referer or a websocket frame.

Placeholders keep the shape (a user id stays a number in the placeholder range,
an email an `@example.com` address, a 24-hex id 24 hex digits, a token its
length) but are drawn from counters in order of first appearance, never derived
from the value: the capture keeps no trace of the original but its length.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from tickspec.contract.redact_match import Finder, Secret
from tickspec.contract.redact_rules import IPV4, Kind, phone_spellings

FIRST_USER_ID = 100000001
PASSWORD = "xxxxxxxx"
SURROGATE = re.compile("[\ud800-\udfff]")
INBOX = re.compile(r"inbox([0-9]+)")
PLACEHOLDERS = {
    Kind.NAME: re.compile(r"User[0-9]*"),
    Kind.USERNAME: re.compile(r"user[0-9]+"),
    Kind.PHONE: re.compile(r"\+1555[0-9]{7}"),
    Kind.PICTURE: re.compile(r"https://example\.com/avatar[0-9]+\.png"),
    Kind.USER_CODE: re.compile(r"00000000-0000-4000-8000-[0-9]{12}"),
    Kind.TOKEN: re.compile(r"0{14}[0-9a-f]{10}|00000000-0000-4000-8000-[0-9]{12}"),
    Kind.IP: re.compile(r"198\.1[89]\.[0-9]+\.[0-9]+|2001:db8::[0-9a-f]+"),
}
"""The shapes of this module's own placeholders."""
HEX24 = re.compile(r"^[0-9a-f]{24}$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def clean(text: str) -> str:
    """`text` with lone surrogates replaced by U+FFFD: they cannot be written as UTF-8,
    and a fixture is text to review, so the invalid code unit is not worth keeping."""
    return text if text.isascii() else SURROGATE.sub("\ufffd", text)


def xs(value: str) -> str:
    """A same-length run of `x`: keeps the length of a token, none of its content."""
    return _run_of_x(len(value))


@lru_cache(maxsize=4096)
def _run_of_x(length: int) -> str:
    """One string per length: a capture's thousands of cookies share their placeholders."""
    return "x" * length


def min_length(kind: Kind) -> int:
    """Shorter values are replaced only where a rule names them (`"pwd": "abc"`), not
    everywhere: `abc` anywhere in a capture is more likely a word than the password."""
    return {Kind.USER_ID: 5, Kind.NAME: 3}.get(kind, 4)


def _secretish(value: str) -> bool:
    """Long, or with a digit: a session id, not a setting like `en_US` or `dark`."""
    return len(value) >= 16 or (len(value) >= 8 and any(c.isdigit() for c in value))


class Vault:
    """Values found by the rules (pass 1), and their placeholders (pass 2)."""

    def __init__(self) -> None:
        self._seen: dict[Kind, dict[str, str]] = {kind: {} for kind in Kind}
        self._place: dict[Kind, dict[str, str]] = {kind: {} for kind in Kind}
        self._used: set[str] = set()
        self._everywhere: set[tuple[Kind, str]] = set()
        self._same_phone: dict[str, str] = {}
        """Another spelling of a phone -> the phone as first seen (`phone_spellings`)."""
        self._counts: dict[str, int] = {}
        self.finder = Finder([])
        """Where the recorded values occur in a text (built by `seal`)."""
        self.sealed = False

    @staticmethod
    def _key(kind: Kind, value: str) -> str:
        return value if kind in (Kind.NAME, Kind.PASSWORD, Kind.TOKEN) else value.casefold()

    def note(self, kind: Kind, value: str, *, weak: bool = False) -> str:
        """Record `value` (open vault) or give its placeholder (sealed vault).

        A `weak` value (a cookie: `tz=Europe/Istanbul` is one too) is replaced
        everywhere only if it looks like a secret; else only where a rule names it."""
        value = clean(value)
        if not value:
            return value
        key = self._key(kind, value)
        if not self.sealed:
            self._seen[kind].setdefault(key, value)
            if not weak or _secretish(value):
                self._everywhere.add((kind, key))
            if kind is Kind.PHONE and not self._is_placeholder(kind, value):
                for other in phone_spellings(value):  # one number, one placeholder
                    self._same_phone.setdefault(other, key)
                    self._seen[kind].setdefault(other, other)
                    self._everywhere.add((kind, other))
            return value
        place = self._place[kind].get(key)
        if place is None:
            place = self._place[kind][key] = self._allocate(kind, value)
        return place

    def seal(self) -> None:
        """Give every recorded value its placeholder and compile the replacement."""
        for kind, values in self._seen.items():  # Kind order: user ids before inbox ids
            for key, value in values.items():
                if key not in self._place[kind] and key not in self._same_phone:
                    self._place[kind][key] = self._allocate(kind, value)
        phones = self._place[Kind.PHONE]
        for other in self._same_phone:
            phones.setdefault(other, phones[self._first_spelling(other)])
        self.sealed = True
        pairs = [
            (value, self._place[kind][key], kind)
            for kind, values in self._seen.items()
            for key, value in values.items()
            if (kind, key) in self._everywhere
        ]
        # No dedupe by casefold: the plain form of `Secret` also takes `secret`, but
        # base64 is case-sensitive and their encodings are unrelated, so each value gets
        # its own forms (a plain form that finds nothing left costs nothing).
        # names keep their case: `Max` the name, not `max-age`
        self.finder = Finder([
            Secret(value, place, blind=kind is not Kind.NAME)
            for value, place, kind in sorted(pairs, key=lambda p: -len(p[0]))
            if len(value) >= min_length(kind) and value != place
        ])  # fmt: skip

    def _first_spelling(self, key: str) -> str:
        """The phone `key` is another spelling of, as first recorded."""
        seen = {key}
        while key in self._same_phone and self._same_phone[key] not in seen:
            key = self._same_phone[key]
            seen.add(key)
        return key

    # -- placeholders --------------------------------------------------------------

    def _next(self, counter: str, make: Callable[[int], str], taken: dict[str, str]) -> str:
        while True:
            self._counts[counter] = n = self._counts.get(counter, 0) + 1
            candidate = make(n)
            if candidate not in self._used and self._key(Kind.TOKEN, candidate) not in taken:
                self._used.add(candidate)
                return candidate

    def _user_id(self, digits: str) -> str:
        places = self._place[Kind.USER_ID]
        if digits not in places:
            places[digits] = self._allocate(Kind.USER_ID, digits)
        return places[digits]

    def _is_placeholder(self, kind: Kind, value: str) -> bool:
        """A value of an already redacted capture (a fixture) keeps its placeholder."""
        if value in self._used or value == "REDACTED" or set(value) == {"x"}:
            return True
        if kind in PLACEHOLDERS and PLACEHOLDERS[kind].fullmatch(value):
            return True
        if kind is Kind.USER_ID:
            return value.isdigit() and 0 <= int(value) - FIRST_USER_ID < 1000  # 100000001...
        if kind is Kind.INBOX:
            return value.startswith("inbox") and self._is_placeholder(Kind.USER_ID, value[5:])
        if kind is Kind.EMAIL:
            return value.casefold().endswith("@example.com")
        return False

    def _allocate(self, kind: Kind, value: str) -> str:
        if self._is_placeholder(kind, value):
            self._used.add(value)
            return value
        taken = self._seen[kind]
        if kind is Kind.PASSWORD:
            return PASSWORD
        if kind is Kind.USER_ID and value.isdigit():
            return self._next("user", lambda n: str(FIRST_USER_ID + n - 1), taken)
        inbox = INBOX.fullmatch(value)
        if kind is Kind.INBOX and inbox:  # `inbox<user id>`: the same number as the user id
            return "inbox" + self._user_id(inbox[1])
        if kind is Kind.EMAIL:
            return self._next("email", lambda n: f"user{n if n > 1 else ''}@example.com", taken)
        if kind is Kind.PHONE:
            return self._next("phone", lambda n: f"+1555{n:07d}", taken)
        if kind is Kind.NAME:
            return self._next("name", lambda n: f"User{n if n > 1 else ''}", taken)
        if kind is Kind.USERNAME:
            return self._next("username", lambda n: f"user{n}", taken)
        if kind is Kind.PICTURE:
            return self._next("picture", lambda n: f"https://example.com/avatar{n}.png", taken)
        if kind is Kind.IP:
            if IPV4.fullmatch(value):
                return self._next("ip4", lambda n: f"198.18.{n // 250}.{n % 250 + 1}", taken)
            return self._next("ip6", lambda n: f"2001:db8::{n:x}", taken)
        if UUID.match(value) or kind is Kind.USER_CODE:
            return self._next("uuid", lambda n: f"00000000-0000-4000-8000-{n:012d}", taken)
        if HEX24.match(value):
            return self._next("hex", lambda n: f"{n:024x}", taken)
        if value.isdigit() and len(value) > 1:
            return self._next("digits", lambda n: str(10 ** (len(value) - 1) + n), taken)
        return xs(value)

    # -- replacement -------------------------------------------------------------------

    def replace(self, text: str) -> str:
        """`text` with every occurrence of every recorded value (in any spelling) replaced
        by its placeholder, spelled alike; unchanged while the vault is open."""
        if not self.sealed:
            return text
        return self.finder.replace(text)
