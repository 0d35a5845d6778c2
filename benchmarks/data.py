"""Synthetic but realistic payloads for the benchmarks, built from the captured bodies.

Every task has the field set of the captured `batch/task` bodies (seed 002) plus the
server-side fields of a sync (`etag`, `creator`, `deleted`); the variety (dates,
priorities, tags, checklist items, repeat rules, nulls) is drawn from a seeded RNG so
every run measures the same bytes.
"""

from __future__ import annotations

import json
import random
from typing import Any

TIMEZONES = ["Europe/Istanbul", "America/Los_Angeles", "UTC", "Asia/Tokyo"]
RRULES = [None, "RRULE:FREQ=DAILY;INTERVAL=1", "RRULE:FREQ=WEEKLY;INTERVAL=1;WKST=SU;BYDAY=SA"]


def _hex(rng: random.Random) -> str:
    return f"{rng.getrandbits(96):024x}"


def _ts(rng: random.Random) -> str:
    day = rng.randint(1, 28)
    hour = rng.randint(0, 23)
    return f"2026-01-{day:02d}T{hour:02d}:{rng.randint(0, 59):02d}:00.000+0000"


def task(rng: random.Random, project_id: str, tags: list[str]) -> dict[str, Any]:
    start = _ts(rng)
    items = [
        {"id": _hex(rng), "title": f"step {i}", "status": rng.choice([0, 1]), "sortOrder": i}
        for i in range(rng.choice([0, 0, 1, 3]))
    ]
    return {
        "items": items,
        "reminders": [{"id": _hex(rng), "trigger": "TRIGGER:PT0S"}] if rng.random() < 0.5 else [],
        "exDate": [],
        "dueDate": start if rng.random() < 0.6 else None,
        "priority": rng.choice([0, 1, 3, 5]),
        "isAllDay": rng.random() < 0.3,
        "repeatFrom": rng.choice(["0", "1", "2"]),
        "repeatFlag": rng.choice(RRULES),
        "progress": 0,
        "assignee": None,
        "sortOrder": -rng.randint(1, 2**62),
        "startDate": start,
        "isFloating": False,
        "columnId": _hex(rng),
        "status": 0,
        "projectId": project_id,
        "kind": rng.choice(["TEXT", "CHECKLIST", None]),
        "etag": f"{rng.getrandbits(40):08x}"[:8],
        "createdTime": _ts(rng),
        "modifiedTime": _ts(rng),
        "title": f"task {rng.getrandbits(32):x}",
        "tags": rng.sample(tags, k=rng.choice([0, 0, 1, 2])),
        "timeZone": rng.choice(TIMEZONES),
        "content": "notes " * rng.randint(0, 20),
        "id": _hex(rng),
        "creator": 130208689,
        "deleted": 0,
    }


def full_sync(tasks: int = 10_000, projects: int = 100, tags: int = 200) -> dict[str, Any]:
    rng = random.Random(20260117)
    tag_names = [f"tag{i}" for i in range(tags)]
    project_ids = [_hex(rng) for _ in range(projects)]
    return {
        "checkPoint": 1768656000000,
        "inboxId": "inbox130208689",
        "syncTaskBean": {
            "update": [task(rng, rng.choice(project_ids), tag_names) for _ in range(tasks)],
            "delete": [],
            "add": [],
            "empty": False,
        },
        "projectProfiles": [
            {
                "id": pid,
                "name": f"project {i}",
                "color": "#97E38B",
                "sortOrder": -i * 1099511627776,
                "viewMode": "list",
                "kind": "TASK",
                "closed": None,
                "groupId": None,
                "etag": "abcd1234",
                "modifiedTime": "2026-01-17T13:12:28.000+0000",
                "inAll": True,
                "isOwner": True,
            }
            for i, pid in enumerate(project_ids)
        ],
        "projectGroups": [],
        "filters": [],
        "tags": [
            {"name": name, "label": name, "sortOrder": i, "color": "#FF0000", "etag": "q1j2ogah"}
            for i, name in enumerate(tag_names)
        ],
    }


def full_sync_bytes() -> bytes:
    return json.dumps(full_sync()).encode()
