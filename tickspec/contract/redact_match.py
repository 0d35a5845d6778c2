"""Finding every recorded value in a text, in any spelling, in time linear in the text.

A capture can hold tens of thousands of distinct secrets (AWS sets a new `AWSALB`
cookie on every response), so trying each one on each string costs entries x
secrets, and so does one regex alternation of them all (`re` tries alternatives
one by one). Here each spelling ("form") of a value is indexed under an anchor, a
run of ASCII letters and digits that any occurrence of the form must show whole:

- a run inside the form (letters or digits are not next to it in the form, so
  none are in the text either: a `%XX` escape before it is cut off as well);
- the whole form, when it is shorter than `LONG` (such values are matched only
  between non-alphanumerics), or the digit run of an all-digit value;
- else, for a long run at the form's edge (a 40-digit hex token can stand inside
  a longer word), its 8-letter grams: the text's runs cut every 8 letters from
  their start show at least one of them whole.

A text is cut into its runs by one C-level `findall` per kind, and a set
intersection with the index gives the few forms worth checking; each is checked
at its anchor by comparing slices (`_Finder._verify`). Forms with no anchor at
all (a name in Cyrillic) share one compiled alternation, built once.
"""

from __future__ import annotations

import base64
import re
from typing import NamedTuple
from urllib.parse import quote, quote_plus

LONG = 16
"""Values shorter than this are matched only at word boundaries (a 6-letter token
must not eat the middle of an unrelated word); longer ones anywhere."""
GRAM = 8
_RUN = re.compile(r"[a-z0-9]+")
_RUN_ANY_CASE = re.compile(r"[A-Za-z0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_AFTER_ESCAPE = re.compile(r"%[0-9a-f]{2}([a-z0-9]+)")
_GRAMS = re.compile(rf"[a-z0-9]{{{GRAM}}}")
_HEX = frozenset("0123456789abcdefABCDEF")
_ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT = frozenset("0123456789")


class Secret(NamedTuple):
    """A recorded value and its placeholder; `blind`: case does not matter (all but names)."""

    value: str
    place: str
    blind: bool


class Form(NamedTuple):
    """One spelling of a secret: the plain value (`variant` 0: `%XX` and `+` spellings
    allowed for all but ASCII letters and digits) or a base64 encoding (1-4)."""

    secret: Secret
    variant: int

    @property
    def spelling(self) -> str:
        """The text this form matches (the plain one: in any case if blind)."""
        return _encoded(self.secret.value, self.variant)

    @property
    def flexible(self) -> bool:
        """The plain value, spelled with `%XX` or `+` for any other character."""
        return self.variant == 0

    def replace(self, found: str) -> str:
        """The placeholder, spelled as `found` spells the value."""
        value, place, _ = self.secret
        if self.variant:
            return _encoded(place, self.variant)
        if "%" in found:
            return quote(place, safe="")
        return quote_plus(place, safe="@") if "+" in found and "+" not in value else place


_ENCODINGS = (
    base64.b64encode,
    base64.b64encode,
    base64.urlsafe_b64encode,
    base64.urlsafe_b64encode,
)


def _encoded(value: str, variant: int) -> str:
    """Variant 1: standard base64, 2: without padding, 3 and 4: the URL-safe ones."""
    if not variant:
        return value
    text = _ENCODINGS[variant - 1](value.encode()).decode("ascii")
    return text if variant % 2 else text.rstrip("=")


def forms(secret: Secret) -> list[Form]:
    """The spellings of `secret` a capture may hold: base64 ones from six bytes on."""
    return [Form(secret, variant) for variant, _ in _spellings(secret.value)]


def _spellings(value: str) -> list[tuple[int, str]]:
    """(variant, spelling) of each distinct form of `value` (see `forms`)."""
    out = [(0, value)]
    if len(value.encode()) >= 6:
        seen: set[str] = set()
        for variant in range(1, 5):
            spelling = _encoded(value, variant)
            if spelling not in seen:
                seen.add(spelling)
                out.append((variant, spelling))
    return out


def _lower(text: str) -> str:
    """`text.lower()`, unless a character changes length (`İ`): positions must hold."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _percent(char: str) -> str:
    return "".join(f"%{byte:02x}" for byte in char.encode())


def flex(value: str) -> str:
    """`value` as a pattern that also matches its percent-encoded spellings."""
    parts = []
    for char in value:
        if char.isascii() and char.isalnum():
            parts.append(re.escape(char))
            continue
        encoded = "".join(
            "%" + "".join(f"[{c}{c.lower()}]" if c.isalpha() else c for c in f"{byte:02X}")
            for byte in char.encode()
        )
        alternatives = [re.escape(char), encoded] + ([r"\+"] if char == " " else [])
        parts.append("(?:" + "|".join(alternatives) + ")")
    return "".join(parts)


def _pattern(form: Form) -> str:
    """A regex of `form` (for the forms without an anchor), boundaries included."""
    value = form.spelling
    body = flex(value) if form.flexible else re.escape(value)
    if _digits(value):
        body = f"(?<![0-9]){body}(?![0-9])"
    elif len(value) < LONG or not form.flexible:
        body = f"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f][0-9A-Fa-f])){body}(?![A-Za-z0-9])"
    return f"(?i:{body})" if form.flexible and form.secret.blind else body


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


Index = dict[int, "int | list[int]"]
"""hash(anchor) -> where: `rank << 32 | offset` (a list when anchors share a hash)."""


def _file(index: Index, key: str, rank: int, offset: int) -> None:
    where = rank << 32 | offset
    old = index.setdefault(hash(key), where)
    if old != where:
        index[hash(key)] = [*old, where] if isinstance(old, list) else [old, where]


class Finder:
    """The forms of all the secrets of a sealed vault, indexed by anchor.

    Anchors are kept as hashes (a 190-character base64 spelling costs 8 bytes of key,
    not 240): a hash collision only costs a check that fails."""

    def __init__(self, secrets: list[Secret]) -> None:
        self._secrets = secrets
        """In priority order: where two overlap at one place, the earlier one wins."""
        self._runs: Index = {}
        self._digits: Index = {}
        self._grams: Index = {}
        fallback = []
        for number, secret in enumerate(secrets):
            for variant, spelling in _spellings(secret.value):  # forms are built again when
                rank = number * 8 + variant  # found: a tuple kept per form is memory
                if not self._index(rank, Form(secret, variant), spelling):
                    fallback.append(f"(?P<f{rank}>{_pattern(Form(secret, variant))})")
        self._fallback = re.compile("|".join(fallback)) if fallback else None
        """The one pattern compiled per vault (None without anchorless forms)."""
        self.shortest = min((len(s.value) for s in secrets), default=0)
        self.checks = 0
        """Candidate places checked so far: the work, which grows with the text."""

    @property
    def forms(self) -> list[Form]:
        """Every form, in priority order."""
        return [form for secret in self._secrets for form in forms(secret)]

    def _form(self, rank: int) -> Form:
        return Form(self._secrets[rank >> 3], rank & 7)

    def _index(self, rank: int, form: Form, value: str) -> bool:
        """File `form`, spelled `value`, under its anchor; False when it has none."""
        if _digits(value):
            _file(self._digits, value, rank, 0)
            return True
        # a base64 spelling, like a short value, is matched only between non-alphanumerics
        whole = len(value) < LONG or not form.flexible
        best = longest = None  # the first longest run that may anchor, the first longest
        best_size = longest_size = 0
        for m in _RUN_ANY_CASE.finditer(value):  # one loop: this runs for every form
            start, end = m.span()
            if end - start > longest_size:
                longest, longest_size = m, end - start
            if end - start > best_size and (whole or (start > 0 and end < len(value))):
                best, best_size = m, end - start
        if best is not None and (best_size >= 3 or longest is None or longest_size < 15):
            _file(self._runs, best[0].lower(), rank, best.start())
        elif longest is not None and longest_size >= 2 * GRAM - 1:
            start, run = longest.start(), longest[0].lower()
            for i in range(len(run) - GRAM + 1):
                _file(self._grams, run[i : i + GRAM], rank, start + i)
        else:
            return False
        return True

    def replace(self, text: str) -> str:
        """`text` with every form found replaced by its placeholder, spelled alike."""
        found = self.find(text)
        if not found:
            return text
        out, last = [], 0
        for start, end, rank in found:
            out += [text[last:start], self._form(rank).replace(text[start:end])]
            last = end
        out.append(text[last:])
        return "".join(out)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, rank) of the forms found in `text`, left to right, none overlapping."""
        found: set[tuple[int, int, int]] = set()
        if len(text) >= self.shortest and (self._runs or self._grams or self._digits):
            low = _lower(text)
            if self._runs:
                runs = _RUN.findall(low)
                if "%" in low:
                    runs += _AFTER_ESCAPE.findall(low)
                self._hits(text, low, runs, self._runs, found)
            if self._grams:
                self._hits(text, low, _GRAMS.findall(low), self._grams, found)
            if self._digits:
                self._hits(text, low, _DIGITS.findall(text), self._digits, found)
        if self._fallback is not None:
            for m in self._fallback.finditer(text):
                found.add((m.start(), m.end(), int(str(m.lastgroup)[1:])))
        if not found:
            return []
        out, end = [], 0
        for start, stop, rank in sorted(found, key=lambda f: (f[0], f[2])):
            if start >= end and stop > start:
                out.append((start, stop, rank))
                end = stop
        return out

    def _hits(
        self, text: str, low: str, keys: list[str], index: Index, found: set[tuple[int, int, int]]
    ) -> None:
        """Check each form filed under one of `keys` where its key occurs in `text`."""
        if index.keys().isdisjoint(map(hash, keys)):  # nearly always: one pass in C
            return
        for key in {k for k in keys if hash(k) in index}:
            entry = index[hash(key)]
            places = entry if isinstance(entry, list) else [entry]
            at = low.find(key)
            while at >= 0:
                for where in places:
                    self.checks += 1
                    rank, offset = where >> 32, where & 0xFFFFFFFF
                    span = _verify(text, low, self._form(rank), at, offset)
                    if span is not None:
                        found.add((*span, rank))
                at = low.find(key, at + 1)


def _verify(text: str, low: str, form: Form, at: int, offset: int) -> tuple[int, int] | None:
    """The span of `form` if it occurs with its character `offset` at `at`."""
    value = form.spelling
    blind = form.flexible and form.secret.blind
    seen, want = (low, _lower(value)) if blind else (text, value)
    start = at - offset
    if start >= 0 and seen.startswith(want, start):
        end = start + len(want)
    elif not form.flexible:
        return None
    else:
        begin = _back(text, low, value[:offset], at, blind)
        stop = _forth(text, low, value[offset:], at, blind)
        if begin is None or stop is None:
            return None
        start, end = begin, stop
    if _digits(value):
        if (start and text[start - 1] in _DIGIT) or text[end : end + 1] in _DIGIT:
            return None
    elif len(value) < LONG or not form.flexible:
        before = start == 0 or text[start - 1] not in _ALNUM or _escaped(text, start)
        if not before or (end < len(text) and text[end] in _ALNUM):
            return None
    return start, end


def _escaped(text: str, start: int) -> bool:
    """`%XX` ends just before `start`."""
    return start >= 3 and text[start - 3] == "%" and _HEX.issuperset(text[start - 2 : start])


def _same(text: str, low: str, i: int, char: str, blind: bool) -> bool:
    if blind:
        lower = char.lower()
        return len(lower) == 1 and low[i] == lower
    return text[i] == char


def _forth(text: str, low: str, part: str, i: int, blind: bool) -> int | None:
    """Where `part` (a flexible spelling) ends if it starts at `i`; None if it does not."""
    for char in part:
        if i < len(text) and _same(text, low, i, char, blind):
            i += 1
        elif char.isascii() and char.isalnum():
            return None
        elif low.startswith(encoded := _percent(char), i):
            i += len(encoded)
        elif char == " " and text.startswith("+", i):
            i += 1
        else:
            return None
    return i


def _back(text: str, low: str, part: str, i: int, blind: bool) -> int | None:
    """Where `part` (a flexible spelling) starts if it ends at `i`; None if it does not."""
    for char in reversed(part):
        if i > 0 and _same(text, low, i - 1, char, blind):
            i -= 1
        elif char.isascii() and char.isalnum():
            return None
        elif i >= len(encoded := _percent(char)) and low.startswith(encoded, i - len(encoded)):
            i -= len(encoded)
        elif char == " " and i > 0 and text[i - 1] == "+":
            i -= 1
        else:
            return None
    return i
