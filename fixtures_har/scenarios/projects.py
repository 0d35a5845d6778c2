"""Projects (lists), project groups (folders) and kanban columns.

No seed captures these calls: the endpoints are seed 001's table and the bodies
the shapes of the schemas' examples. PROJECT_BODY and GROUP_BODY are also what
a full sync returns (see sync.py). A folder's `listType: "group"` is sent on
creation only: the real folders ticktick-py 2.0.3's docstrings print after a
create (lazeroffmichael/ticktick-py@9ebc0c5, managers/projects.py) have none, and
pyticktick 0.3.0's live-tested ProjectGroupV2 forbids it.
"""

from __future__ import annotations

from typing import Any

from .common import COLUMN, PROJECT, USER, Captures, call, get, ok, post

GROUP = "6940c47c16b2c87db11a5670"
PROJECT_BODY = {
    "id": PROJECT,
    "name": "Work",
    "isOwner": True,
    "color": "#4CA1FF",
    "sortOrder": -1099511627776,
    "sortType": "sortOrder",
    "userCount": 1,
    "etag": "k2p5x9qa",
    "modifiedTime": "2026-01-17T13:12:28.000+0000",
    "inAll": True,
    "muted": False,
    "closed": None,
    "transferred": None,
    "groupId": None,
    "viewMode": "kanban",
    "notificationOptions": None,
    "teamId": None,
    "permission": None,
    "kind": "TASK",
    "timeline": None,
    "needAudit": True,
    "barcodeNeedAudit": False,
    "openToTeam": False,
    "teamMemberPermission": None,
    "source": 1,
}
GROUP_BODY = {
    "id": GROUP,
    "etag": "b1v8h3qk",
    "name": "Personal",
    "showAll": True,
    "sortOrder": -2199023255552,
    "viewMode": None,
    "sortType": "project",
    "deleted": 0,
    "userId": USER,
    "teamId": None,
    "timeline": None,
}
COLUMN_BODY = {
    "id": COLUMN,
    "projectId": PROJECT,
    "name": "In Progress",
    "sortOrder": 0,
    "createdTime": "2025-12-16T02:33:25.000+0000",
    "modifiedTime": "2026-01-17T13:12:28.000+0000",
    "etag": "m3kd9s0a",
}


def scenarios() -> Captures:
    renamed_column = {**COLUMN_BODY, "name": "Done", "modifiedTime": "2026-01-17T14:10:00.000+0000"}
    new_group: dict[str, Any] = {
        **GROUP_BODY,
        "id": "696b95002c6f3277d1cc4900",
        "name": "My Folder",
        "etag": "g5n2k8wa",
    }
    return {
        "createProject": [
            post(
                "/api/v2/project",
                {
                    "name": "Work",
                    "color": "#4CA1FF",
                    "viewMode": "kanban",
                    "kind": "TASK",
                    "groupId": None,
                    "inAll": True,
                },
                PROJECT_BODY,
            )
        ],
        "updateProject": [
            call("PUT", f"/api/v2/project/{PROJECT}", {**PROJECT_BODY, "name": "Work (renamed)"})
        ],
        "deleteProject": [call("DELETE", f"/api/v2/project/{PROJECT}")],
        "batchProject": [
            post(
                "/api/v2/batch/project",
                {"add": [], "update": [{**PROJECT_BODY, "closed": True}], "delete": []},
                ok(**{PROJECT: "z8m1c4pe"}),
            )
        ],
        "createProjectGroup": [
            post("/api/v2/projectGroup", {"name": "My Folder", "listType": "group"}, new_group)
        ],
        "updateProjectGroup": [
            call("PUT", f"/api/v2/projectGroup/{GROUP}", {**GROUP_BODY, "name": "Personal stuff"})
        ],
        "deleteProjectGroup": [call("DELETE", f"/api/v2/projectGroup/{GROUP}")],
        "batchProjectGroup": [
            post(
                "/api/v2/batch/projectGroup",
                {"add": [{**new_group, "listType": "group"}], "update": [], "delete": []},
                ok(**{new_group["id"]: "g5n2k8wa"}),
            )
        ],
        "getColumns": [get("/api/v2/column", [COLUMN_BODY], [("from", "0")])],
        "getProjectColumns": [get(f"/api/v2/column/project/{PROJECT}", [COLUMN_BODY])],
        "upsertColumns-create": [
            post(
                "/api/v2/column",
                {"add": [COLUMN_BODY], "update": [], "delete": []},
                ok(**{COLUMN: "m3kd9s0a"}),
            )
        ],
        "upsertColumns-rename": [
            post(
                "/api/v2/column",
                {"add": [], "update": [renamed_column], "delete": []},
                ok(**{COLUMN: "w0b7n4ki"}),
            )
        ],
    }
