"""The Open API v1 as the newest Dida365 doc lists it (issue 17): every endpoint an operation.

The operationIds are a contract the server, the client and the docs-diff share. Reads ask
for `tasks:read`, writes for `tasks:write`; each operation names the doc copies and
clients that show it. Requests are liberal (nulls for unset fields, the inbox by omission,
the doc's lowercase project kind), answers exact (the doc's values, no nulls).
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import referencing.jsonschema
from referencing import Registry, Resource

from codegen.drafts import expand_drafts
from tests.paths import SCHEMAS
from tickspec import yaml_text

BASE_URI = "https://tickspec.local/schemas/"
OPENAPI: dict[str, Any] = yaml_text.safe_load(
    (SCHEMAS / "openapi.yaml").read_text(encoding="utf-8")
)
DATA = expand_drafts(
    {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
)
REGISTRY: Registry[Any] = Registry().with_resources(
    (BASE_URI + name, Resource.from_contents(schema, referencing.jsonschema.DRAFT202012))
    for name, schema in DATA.items()
)
NEWEST = "docs: developer.dida365.com/docs Open API, newest copy (2026)"
TASK = "63b7bebb91c0a5474805fcd4"
PROJECT = "6226ff9877acee87727f6bca"

# issue 17's table: (method, path, operationId).
NEW_OPERATIONS = [
    ("post", "/open/v1/preference", "openGetPreference"),
    ("post", "/open/v1/task/completeTasks", "openCompleteTasks"),
    ("post", "/open/v1/task/move", "openMoveTasks"),
    ("post", "/open/v1/task/batch", "openBatchTasks"),
    ("post", "/open/v1/task/assign", "openAssignTask"),
    ("post", "/open/v1/task/unassign", "openUnassignTask"),
    ("post", "/open/v1/task/completed", "openListCompletedTasks"),
    ("post", "/open/v1/task/filter", "openFilterTasks"),
    ("post", "/open/v1/task/undone", "openListUndoneTasks"),
    ("post", "/open/v1/task/search", "openSearchTasks"),
    ("get", "/open/v1/project/{projectId}/task/{taskId}/comments", "openListTaskComments"),
    ("post", "/open/v1/project/{projectId}/task/{taskId}/comment", "openCreateTaskComment"),
    (
        "delete",
        "/open/v1/project/{projectId}/task/{taskId}/comment/{commentId}",
        "openDeleteTaskComment",
    ),
    ("get", "/open/v1/project/{projectId}/members", "openListProjectMembers"),
    ("get", "/open/v1/project/group", "openListProjectGroups"),
    ("post", "/open/v1/project/group", "openCreateProjectGroup"),
    ("post", "/open/v1/project/group/{groupId}", "openUpdateProjectGroup"),
    ("delete", "/open/v1/project/group/{groupId}", "openDeleteProjectGroup"),
    ("get", "/open/v1/project/{projectId}/column", "openListColumns"),
    ("post", "/open/v1/project/{projectId}/column", "openCreateColumn"),
    ("post", "/open/v1/project/{projectId}/column/{columnId}", "openUpdateColumn"),
    ("get", "/open/v1/tag", "openListTags"),
    ("post", "/open/v1/tag", "openCreateTag"),
    ("get", "/open/v1/focus/{focusId}", "openGetFocus"),
    ("get", "/open/v1/focus", "openListFocuses"),
    ("post", "/open/v1/focus", "openCreateFocus"),
    ("delete", "/open/v1/focus/{focusId}", "openDeleteFocus"),
    ("get", "/open/v1/countdown", "openListCountdowns"),
    ("get", "/open/v1/habit/{habitId}", "openGetHabit"),
    ("get", "/open/v1/habit/sections", "openListHabitSections"),
    ("get", "/open/v1/habit", "openListHabits"),
    ("post", "/open/v1/habit", "openCreateHabit"),
    ("post", "/open/v1/habit/{habitId}", "openUpdateHabit"),
    ("post", "/open/v1/habit/{habitId}/checkin", "openCheckinHabit"),
    ("get", "/open/v1/habit/checkins", "openListHabitCheckins"),
]
# POSTs that change nothing: they ask for the read scope.
READ_POSTS = {
    "openGetPreference",
    "openListCompletedTasks",
    "openFilterTasks",
    "openListUndoneTasks",
    "openSearchTasks",
}


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": BASE_URI + name}, registry=REGISTRY)


def _open_operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, node)
        for path, item in OPENAPI["paths"].items()
        if path.startswith("/open/v1/")
        for method, node in item.items()
        if method in ("get", "post", "delete")
    ]


@pytest.mark.parametrize(("method", "path", "operation_id"), NEW_OPERATIONS)
def test_every_endpoint_of_the_newest_doc_is_its_operation(
    method: str, path: str, operation_id: str
) -> None:
    assert OPENAPI["paths"][path][method]["operationId"] == operation_id


def test_the_open_api_has_the_46_endpoints_of_the_newest_doc_and_the_n8n_form() -> None:
    operations = _open_operations()
    assert len(operations) == 46 + 1  # plus n8n's task-by-id form; revoke is under /oauth
    assert sum(NEWEST in node["x-evidence"] for _, _, node in operations) == 46


@pytest.mark.parametrize(("method", "path", "node"), _open_operations())
def test_scope_evidence_and_statuses(method: str, path: str, node: dict[str, Any]) -> None:
    reads = method == "get" or node["operationId"] in READ_POSTS
    scope = "tasks:read" if reads else "tasks:write"
    # the personal API token (Settings > Account > API Token) carries every scope
    assert node["security"] == [
        {"oauth2": [scope]},
        {"oauth2Dida365": [scope]},
        {"personalToken": []},
    ]
    assert node["responses"]["401"] == {"$ref": "#/components/responses/OpenUnauthorized"}
    if reads:
        assert node["x-idempotent"] is True
    if node["operationId"] != "openGetTaskAnyProject":
        assert NEWEST in node["x-evidence"]
        assert node["responses"]["403"] == {"$ref": "#/components/responses/OpenForbidden"}
    if node["responses"].get("201"):
        assert node["responses"]["201"] == {"$ref": "#/components/responses/OpenCreated"}


def test_a_doc_endpoint_one_copy_shows_says_so() -> None:
    preference = OPENAPI["paths"]["/open/v1/preference"]["post"]
    assert preference["x-evidence"] == [NEWEST]
    assert "Only the newest Dida365 doc shows it" in preference["description"]
    move = OPENAPI["paths"]["/open/v1/task/move"]["post"]
    assert "dida365-api 0.2.5" in move["x-evidence"]
    assert any("wangjs-jacky/tt-cli" in item for item in move["x-evidence"])


def test_static_segments_do_not_fit_their_sibling_templates() -> None:
    """A router that checks a segment against the parameter's pattern cannot send
    `task/move` to openUpdateTask, `project/group` to openGetProject or `habit/sections`
    to openGetHabit: every id parameter is an ObjectId (or a project id)."""
    for _, path, node in _open_operations():
        for param in node.get("parameters", []):
            if param.get("in") == "path":
                pattern = re.compile(param["schema"]["pattern"])
                assert pattern.search("696b8abc2c6f3277d1cc431a"), (path, param["name"])
                for word in ["move", "group", "sections", "checkins", "completeTasks", "all"]:
                    assert not pattern.search(word), (path, param["name"], word)


def test_requests_take_nulls_the_inbox_by_omission_and_the_docs_lowercase_kind() -> None:
    create = _validator("open-task-create.json")
    assert create.is_valid({"title": "inbox by omission"})
    assert create.is_valid({"title": "t", "projectId": None, "dueDate": None, "items": None})
    assert create.is_valid({"title": "t", "items": [{"title": "s", "status": None}]})
    assert create.is_valid({"title": "t", "projectId": "inbox", "parentId": ""})
    assert not create.is_valid({"projectId": PROJECT}), "a task needs a title"
    assert not create.is_valid({"title": "t", "priority": 2}), "enums still hold"
    update = _validator("open-task-update.json")
    assert update.is_valid({"id": TASK, "projectId": PROJECT, "title": None, "repeatFrom": "2"})
    assert not update.is_valid({"id": TASK, "projectId": None})
    assert _validator("open-project-create.json").is_valid({"name": "p", "kind": "task"})
    assert _validator("open-project-update.json").is_valid({"color": None, "kind": None})
    assert _validator("open-complete-tasks-request.json").is_valid({"projectId": "", "taskIds": []})


def test_answers_stay_exact() -> None:
    task = _validator("open-task.json")
    base = {"id": TASK, "projectId": PROJECT}
    assert task.is_valid({**base, "status": -1, "repeatFrom": "0", "assigneeUsername": "a@b.c"})
    assert not task.is_valid({**base, "status": 1})
    assert not task.is_valid({**base, "title": None})
    assert not task.is_valid({**base, "repeatFrom": 2}), "repeatFrom is a string"
    assert not task.is_valid({**base, "parentId": "task-1"}), "the doc's placeholders are not ids"
    project = _validator("open-project.json")
    assert project.is_valid({"id": "inbox100000001", "name": "Inbox"})
    assert not project.is_valid({"id": PROJECT, "name": "p", "kind": "task"})
    assert not _validator("open-project-group.json").is_valid({"id": "group-1", "name": "g"})
    batch = _validator("open-batch-result.json")
    assert batch.is_valid({"id2etag": {}, "id2error": {TASK: "EXCEED_QUOTA"}})
    assert not batch.is_valid({"id2etag": {}, "id2error": {TASK: "SOMETHING_ELSE"}})


def test_the_newest_docs_own_answers_fit() -> None:
    """The doc's filter answer verbatim (its ids are real ones), and the fields it adds."""
    listing = [
        {
            "id": "69a85785b9061f3c217e9de6",
            "projectId": "69a850f41c20d2030e148fdf",
            "sortOrder": -2199023255552,
            "title": "task1",
            "content": "",
            "desc": "",
            "startDate": "2026-03-05T00:00:00.000+0000",
            "dueDate": "2026-03-05T00:00:00.000+0000",
            "timeZone": "America/Los_Angeles",
            "isAllDay": False,
            "priority": 0,
            "status": 0,
            "tags": ["tag"],
            "etag": "cic6e3cg",
            "kind": "TEXT",
        }
    ]
    assert _validator("open-task-list.json").is_valid(listing)
    assert _validator("open-move-result-list.json").is_valid(
        [{"id": "69a850f8b9061f374d54a046", "etag": "43p2zso1"}]
    )
    fields = DATA["open-task.json"]["properties"]
    assert {"repeatFrom", "assigneeUsername", "parentId", "focusSummaries"} <= set(fields)
    assert DATA["open-project.json"]["properties"]["permission"]["enum"] == [
        "read",
        "write",
        "comment",
    ]
    params = OPENAPI["paths"]["/open/v1/project"]["get"]["parameters"]
    assert [(p["name"], p["in"], p["schema"]["type"]) for p in params] == [
        ("offset", "query", "integer"),
        ("limit", "query", "integer"),
    ]
