"""Sync: the full sync (v3 and v2), a delta since a checkpoint, and its 401.

Seed 000's sync keys and seed 001's delta-sync note: a full sync carries every
collection; a delta has null collections and, in `syncTaskBean`, only what
changed since the checkpoint (a task completed since, a task deleted since).
`syncV3-unauthorized` is the 401 and error body an expired session gets.
"""

from __future__ import annotations

from typing import Any

from .common import INBOX, Captures, get
from .projects import GROUP_BODY, PROJECT_BODY
from .tags import FILTER_BODY, PARENT_TAG_BODY, SUBTAG_BODY, TAG_BODY
from .task_bodies import COMPLETED_TASK, DELETE_ITEM, SYNCED_TASK, answered, pinned


def full() -> dict[str, Any]:
    return {
        "checkPoint": 1768656748000,
        "syncTaskBean": {
            "update": [SYNCED_TASK, answered(pinned())],
            "tagUpdate": [],
            "delete": [],
            "add": [],
            "empty": False,
        },
        "projectProfiles": [PROJECT_BODY],
        "projectGroups": [GROUP_BODY],
        "filters": [FILTER_BODY],
        "tags": [TAG_BODY, PARENT_TAG_BODY, SUBTAG_BODY],
        "syncTaskOrderBean": {
            "taskOrderByDate": {},
            "taskOrderByPriority": {},
            "taskOrderByProject": {},
        },
        "syncOrderBean": {"orderByType": {}},
        "syncOrderBeanV3": {"orderByType": {}},
        "inboxId": INBOX,
        "checks": None,
        "remindChanges": [],
    }


def delta() -> dict[str, Any]:
    return {
        "checkPoint": 1768657000000,
        "syncTaskBean": {
            "update": [COMPLETED_TASK],  # completed since the checkpoint: a delta carries it
            "tagUpdate": [],
            "delete": [DELETE_ITEM],
            "add": [],
            "empty": False,
        },
        "projectProfiles": None,
        "projectGroups": None,
        "filters": None,
        "tags": None,
        "syncTaskOrderBean": None,
        "syncOrderBean": None,
        "syncOrderBeanV3": None,
        "inboxId": INBOX,
        "checks": None,
        "remindChanges": None,
    }


def scenarios() -> Captures:
    sync_full = full()
    return {
        "syncV3-full": [get("/api/v3/batch/check/0", sync_full)],
        "syncV3-delta": [get("/api/v3/batch/check/1768656748000", delta())],
        "syncV3-unauthorized": [
            get(
                "/api/v3/batch/check/0",
                {
                    "errorId": "q7vz0m2k@4hd8s1xa",
                    "errorCode": "unauthorized",
                    "errorMessage": "unauthorized",
                    "data": None,
                },
                status=401,
            )
        ],
        "syncV2-full": [get("/api/v2/batch/check/0", sync_full)],
    }
