"""Task listings: completed, abandoned and trashed tasks read back, and search.

Seed 000's task (SYNCED_TASK) and its completed form, in the listing endpoints
of seed 001's table: these captures show that a listing answers the same task
shape a sync does, with the `from`/`to`/`limit` query the web app sends.
"""

from __future__ import annotations

from .common import PROJECT, Captures, get, post
from .task_bodies import COMPLETED_QUERY, COMPLETED_TASK, SYNCED_TASK


def scenarios() -> Captures:
    return {
        "getCompletedInProject": [
            get(f"/api/v2/project/{PROJECT}/completed/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getAllCompleted": [
            get("/api/v2/project/all/completed/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getCompletedInAll": [
            get("/api/v2/project/all/completedInAll/", [COMPLETED_TASK], COMPLETED_QUERY)
        ],
        "getClosedProjects": [
            get(
                "/api/v2/project/all/closed",
                [{**COMPLETED_TASK, "status": -1}],
                [*COMPLETED_QUERY[:2], ("status", "Abandoned"), ("limit", "50")],
            )
        ],
        "getTrash": [
            get(
                "/api/v2/project/all/trash/pagination",
                {"tasks": [{**SYNCED_TASK, "deleted": 1}], "next": -1},
                [("start", "0"), ("limit", "50")],
            )
        ],
        "getTagCompletedTasks": [
            post(
                "/api/v2/tag/completedTask",
                {"tags": ["errands"], "limit": 50},
                [{**COMPLETED_TASK, "tags": ["errands"]}],
            )
        ],
        "searchAll": [
            get(
                "/api/v2/search/all",
                {"tasks": [SYNCED_TASK], "comments": [], "hits": []},
                [("keywords", "groceries")],
            )
        ],
    }
