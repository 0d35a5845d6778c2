"""URL paths as templates: `/api/v2/reminder/6940...` -> `/api/v2/reminder/{reminderId}`.

A segment that looks like an id (ObjectId, inbox id, number, UUID, long hex)
becomes a parameter named from the segment before it. `check --baseline` keys an
unknown operation by its template, so that tomorrow's capture with other ids
matches the same accepted entry; `propose` names a new operation's path the same
way, so that the baseline entry and the proposed path item agree.
"""

from __future__ import annotations

import re

ID_SEGMENT = re.compile(
    r"^([0-9a-f]{24}|inbox[0-9]+|[0-9]+|[0-9a-fA-F]{16,}|"
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$"
)


def template(path: str) -> str:
    """`/api/v2/reminder/6940...` -> `/api/v2/reminder/{reminderId}`."""
    out: list[str] = []
    names: set[str] = set()
    for segment in path.strip("/").split("/"):
        if not ID_SEGMENT.match(segment):
            out.append(segment)
            continue
        previous = next((s for s in reversed(out) if not s.startswith("{")), "")
        base = camel(singular(previous)) + "Id" if previous else "id"
        name, n = base, 2
        while name in names:
            name, n = f"{base}{n}", n + 1
        names.add(name)
        out.append("{" + name + "}")
    return "/" + "/".join(out) + ("/" if path.endswith("/") and len(path) > 1 else "")


def singular(word: str) -> str:
    """`habits` -> `habit`, `entries` -> `entry`; `focus`, `status`, `class` stay."""
    if word.endswith("ies") and len(word) > 3:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def camel(word: str) -> str:
    """`habit-checkin` -> `habitCheckin`: a segment as a camelCase name."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", word) if p]
    if not parts:
        return ""
    return parts[0][:1].lower() + parts[0][1:] + "".join(p[:1].upper() + p[1:] for p in parts[1:])
