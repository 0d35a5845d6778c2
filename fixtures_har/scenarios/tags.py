"""Tags (create, update, rename, merge, delete, subtags) and smart-list filters.

The endpoints are seed 001's table, the bodies the schemas' example shapes;
`deleteTagByQuery` is the `DELETE /api/v2/tag?name=` form five public clients
use (endpoint census). TAG_BODY, PARENT_TAG_BODY, SUBTAG_BODY and FILTER_BODY are
also what a full sync returns (see sync.py).

A nested tag keeps its own name and names its parent in `parent`: the real nested
tags of fixtures_har/real/tpy-getTags.har are `{"name": "fun", "parent": "hobbies"}`,
and pyticktick 0.3.0 (live-tested) rejects a "/" in a tag name. Seed 001's "a
sub-tag is stored as parent/child" is ticktick-sdk's README, not a payload: the
real payloads win.
"""

from __future__ import annotations

from typing import Any

from .common import Captures, call, ok, post

TAG_BODY = {
    "name": "errands",
    "label": "Errands",
    "rawName": "errands",
    "color": "#FF0000",
    "sortOrder": -1099511627776,
    "sortType": "project",
    "parent": None,
    "type": 1,
    "etag": "vxzpwo38",
}
PARENT_TAG_BODY = {
    "name": "work",
    "label": "Work",
    "rawName": "work",
    "color": None,
    "sortOrder": 1099511627776,
    "sortType": "project",
    "parent": None,
    "type": 1,
    "etag": "h4w7c2ty",
}
SUBTAG_BODY = {
    "name": "urgent",
    "label": "urgent",
    "rawName": "urgent",
    "color": None,
    "sortOrder": 0,
    "sortType": "project",
    "parent": "work",
    "type": 1,
    "etag": "q8c0kd2s",
}
FILTER_RULE = (
    '{"and":[{"or":["6940c3d51263b74715346bd6"],"conditionType":1,"conditionName":"list"},'
    '{"or":[5,3],"conditionType":1,"conditionName":"priority"},'
    '{"or":["urgent"],"conditionType":1,"conditionName":"tag"}],"type":0,"version":1}'
)
FILTER_BODY: dict[str, Any] = {
    "id": "696b91aa2c6f3277d1cc4600",
    "name": "High Priority Urgent",
    "rule": FILTER_RULE,
    "sortOrder": 0,
    "sortType": "dueDate",
    "viewMode": "kanban",
    "etag": "fz2m0c7d",
    "createdTime": "2026-01-17T13:40:00.000+0000",
    "modifiedTime": "2026-01-17T13:40:00.000+0000",
}


def scenarios() -> Captures:
    return {
        "batchTag-create": [post("/api/v2/batch/tag", {"add": [TAG_BODY]}, ok(errands="vxzpwo38"))],
        "batchTag-update": [
            post(
                "/api/v2/batch/tag",
                {"update": [{**TAG_BODY, "color": "#00FF00"}]},
                ok(errands="n5d0s2we"),
            )
        ],
        "batchTag-delete-subtag": [post("/api/v2/batch/tag", {"delete": ["urgent"]}, ok())],
        "renameTag": [call("PUT", "/api/v2/tag/rename", {"name": "errands", "newName": "chores"})],
        "mergeTag": [call("PUT", "/api/v2/tag/merge", {"name": "chores", "newName": "home"})],
        "deleteTag": [call("DELETE", "/api/v2/tag/home")],
        "deleteTagByQuery": [call("DELETE", "/api/v2/tag", query=[("name", "home")])],
        "batchFilter-create": [
            post(
                "/api/v2/batch/filter",
                {"add": [FILTER_BODY], "update": [], "delete": []},
                ok(**{FILTER_BODY["id"]: "fz2m0c7d"}),
            )
        ],
        "batchFilter-update": [
            post(
                "/api/v2/batch/filter",
                {"add": [], "update": [{**FILTER_BODY, "name": "Urgent"}], "delete": []},
                ok(**{FILTER_BODY["id"]: "e3r8y1ub"}),
            )
        ],
        "batchFilter-delete": [
            post(
                "/api/v2/batch/filter",
                {"add": [], "update": [], "delete": [FILTER_BODY["id"]]},
                ok(),
            )
        ],
    }
