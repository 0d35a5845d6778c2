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

import re
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class Form:
    """One spelling of a recorded value, and how to spell its placeholder there."""

    spelling: str
    replace: Callable[[str], str]
    flexible: bool
    """The plain value: `%XX` and `+` spellings allowed for all but ASCII letters and digits."""
    blind: bool
    """Case does not matter (all but names)."""


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
    elif len(value) < LONG:
        body = f"(?:(?<![A-Za-z0-9])|(?<=%[0-9A-Fa-f][0-9A-Fa-f])){body}(?![A-Za-z0-9])"
    return f"(?i:{body})" if form.blind else body


def _digits(value: str) -> bool:
    return value.isascii() and value.isdigit()


class Finder:
    """All the forms of a sealed vault, indexed by anchor; `find` gives their places."""

    def __init__(self, forms: list[Form]) -> None:
        self.forms = forms
        """In priority order: where two overlap at one place, the earlier one wins."""
        self._runs: dict[str, list[tuple[int, int]]] = {}
        self._digits: dict[str, list[tuple[int, int]]] = {}
        self._grams: dict[str, list[tuple[int, int]]] = {}
        fallback = []
        for rank, form in enumerate(forms):
            if not self._index(rank, form):
                fallback.append(f"(?P<f{rank}>{_pattern(form)})")
        self._fallback = re.compile("|".join(fallback)) if fallback else None
        """The one pattern compiled per vault (None without anchorless forms)."""
        self.shortest = min((len(f.spelling) for f in forms), default=0)
        self.checks = 0
        """Candidate places checked so far: the work, which grows with the text."""

    def _index(self, rank: int, form: Form) -> bool:
        """File `form` under its anchor; False when it has none."""
        value = form.spelling
        if _digits(value):
            self._digits.setdefault(value, []).append((rank, 0))
            return True
        runs = [(m.start(), m[0].lower()) for m in _RUN_ANY_CASE.finditer(value)]
        short = len(value) < LONG
        whole = [(p, r) for p, r in runs if short or (p > 0 and p + len(r) < len(value))]
        best = max(whole, key=lambda pr: len(pr[1]), default=None)
        longest = max(runs, key=lambda pr: len(pr[1]), default=None)
        if best is not None and len(best[1]) >= 3:
            self._runs.setdefault(best[1], []).append((rank, best[0]))
        elif longest is not None and len(longest[1]) >= 2 * GRAM - 1:
            start, run = longest
            for i in range(len(run) - GRAM + 1):
                self._grams.setdefault(run[i : i + GRAM], []).append((rank, start + i))
        elif best is not None:
            self._runs.setdefault(best[1], []).append((rank, best[0]))
        else:
            return False
        return True

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, rank) of the forms found in `text`, left to right, none overlapping."""
        found: set[tuple[int, int, int]] = set()
        if len(text) >= self.shortest and (self._runs or self._grams or self._digits):
            low = _lower(text)
            if self._runs:
                keys = self._runs.keys() & _RUN.findall(low)
                if "%" in low:
                    keys |= self._runs.keys() & _AFTER_ESCAPE.findall(low)
                self._hits(text, low, keys, self._runs, found)
            if self._grams:
                keys = self._grams.keys() & _GRAMS.findall(low)
                self._hits(text, low, keys, self._grams, found)
            if self._digits:
                keys = self._digits.keys() & _DIGITS.findall(text)
                self._hits(text, low, keys, self._digits, found)
        if self._fallback is not None:
            for m in self._fallback.finditer(text):
                found.add((m.start(), m.end(), int(str(m.lastgroup)[1:])))
        out, end = [], 0
        for start, stop, rank in sorted(found, key=lambda f: (f[0], f[2])):
            if start >= end and stop > start:
                out.append((start, stop, rank))
                end = stop
        return out

    def _hits(
        self,
        text: str,
        low: str,
        keys: set[str],
        index: dict[str, list[tuple[int, int]]],
        found: set[tuple[int, int, int]],
    ) -> None:
        for key in keys:
            at = low.find(key)
            while at >= 0:
                for rank, offset in index[key]:
                    self.checks += 1
                    span = self._verify(text, low, self.forms[rank], at, offset)
                    if span is not None:
                        found.add((*span, rank))
                at = low.find(key, at + 1)

    @staticmethod
    def _verify(text: str, low: str, form: Form, at: int, offset: int) -> tuple[int, int] | None:
        """The span of `form` if it occurs with its character `offset` at `at`."""
        value = form.spelling
        seen, want = (low, _lower(value)) if form.blind else (text, value)
        start = at - offset
        if start >= 0 and seen.startswith(want, start):
            end = start + len(want)
        elif not form.flexible:
            return None
        else:
            begin, stop = (
                _back(text, low, value[:offset], at, form.blind),
                _forth(text, low, value[offset:], at, form.blind),
            )
            if begin is None or stop is None:
                return None
            start, end = begin, stop
        if _digits(value):
            if (start and text[start - 1] in _DIGIT) or text[end : end + 1] in _DIGIT:
                return None
        elif len(value) < LONG:
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
