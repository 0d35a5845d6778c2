"""The request forms public clients send that the web app does not (issue 8).

Each is an accepted request the spec must cover: ticktick-sdk 0.4.3 and
ticktick-py 2.0.3 add tasks, projects and folders without an id (TickTick makes
it and returns it in id2etag); pyticktick 0.3.0 writes every unset field as
null, timestamps in pydantic's ISO form (`...Z`), and signs on with a
three-field X-Device (`platform`, `version`, `id`, as ticktick-sdk does too).
"""

from __future__ import annotations

from tickspec.contract import builder

from .auth import CREDENTIALS, SIGNED_ON, SIGNON_QUERY
from .common import INBOX, Captures, ok, post
from .task_bodies import NO_ATTACHMENTS

MADE_ID = "696b8d102c6f3277d1cc4401"
PYTICKTICK_TASK = {
    "projectId": INBOX,
    "title": "Buy milk",
    "completedTime": None,
    "content": None,
    "desc": None,
    "dueDate": "2026-01-18T09:00:00Z",
    "etag": None,
    "id": None,
    "isAllDay": None,
    "isFloating": None,
    "items": [
        {
            "completedTime": None,
            "id": None,
            "isAllDay": None,
            "startDate": None,
            "status": None,
            "timeZone": None,
            "title": "Milk",
            "sortOrder": None,
        }
    ],
    "kind": "TEXT",
    "modifiedTime": None,
    "reminders": [{"id": None, "trigger": "TRIGGER:PT0S"}],
    "repeatFlag": None,
    "repeatFrom": None,
    "priority": None,
    "progress": None,
    "startDate": None,
    "status": None,
    "timeZone": None,
    "tags": [],
    "assignee": None,
    "completedUserId": None,
    "creator": None,
    "sortOrder": None,
}
MINIMAL_DEVICE = builder.compact(
    {"platform": "web", "version": 6430, "id": "6940c239ae8dc70ae62c4684"}
)


def scenarios() -> Captures:
    return {
        "batchTask-add-without-id": [
            post(
                "/api/v2/batch/task",
                {"add": [{"title": "no id yet", "projectId": INBOX}], "update": [], "delete": []},
                ok(**{MADE_ID: "n4b8x2ka"}),
            )
        ],
        "batchTask-add-with-nulls": [
            post(
                "/api/v2/batch/task",
                {"add": [PYTICKTICK_TASK], "delete": [], "update": [], **NO_ATTACHMENTS},
                ok(**{MADE_ID: "n4b8x2ka"}),
            )
        ],
        "batchProject-add-without-id": [
            post(
                "/api/v2/batch/project",
                {
                    "add": [{"name": "Errands", "color": None, "groupId": None, "kind": "TASK"}],
                    "update": [],
                    "delete": [],
                },
                ok(**{MADE_ID: "c2v5m7pl"}),
            )
        ],
        "batchProjectGroup-add-without-id": [
            post(
                "/api/v2/batch/projectGroup",
                {"add": [{"name": "Work", "listType": "group"}], "update": [], "delete": []},
                ok(**{MADE_ID: "d8f3k1zq"}),
            )
        ],
        "batchTag-add-with-nulls": [
            post(
                "/api/v2/batch/tag",
                {
                    "add": [
                        {
                            "label": "Errands",
                            "color": None,
                            # pyticktick 0.3.0 fills name with the lower-cased label (its
                            # recorded add in peers/pyticktick-0.3.0.har); only unset
                            # fields go out as null
                            "name": "errands",
                            "parent": None,
                            "sortType": "project",
                            "sortOrder": None,
                        }
                    ],
                    "update": [],
                    "delete": [],
                },
                ok(errands="q7w1e3rt"),
            )
        ],
        "signon-minimal-x-device": [
            post(
                "/api/v2/user/signon",
                CREDENTIALS,
                SIGNED_ON,
                query=SIGNON_QUERY,
                headers=builder.request_headers(
                    body=True,
                    traceid="696b8abc000000002c6f3277",
                    authenticated=False,
                    x_device=MINIMAL_DEVICE,
                ),
            )
        ],
    }
