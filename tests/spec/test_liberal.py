"""Liberal on requests, exact on responses, and where each operation is known from.

Requests: public clients that work against TickTick (pyticktick 0.3.0, ticktick-sdk 0.4.3,
ticktick-py 2.0.3) send a three-field X-Device, id-less adds and explicit nulls, and the
request schemas must accept that. Responses: the response schemas must not loosen with
them. Provenance: every operation's `x-evidence` names a seed, a public client of the
census, mined public docs, or says `inferred`.
"""

from __future__ import annotations

import json
import re
from typing import Any

import jsonschema
import pytest
import referencing.jsonschema
from referencing import Registry, Resource

from codegen.drafts import DRAFT_OF, expand_drafts
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
METHODS = ("get", "put", "post", "delete", "patch")

# The census's clients (/work/shared/reference/endpoint-census.md): PyPI name and version, or
# the GitHub owner/name of the ones read from GitHub.
CENSUS_CLIENTS = {
    "ticktick-sdk 0.4.3",
    "pyticktick 0.3.0",
    "ticktick-py 2.0.3",
    "ticktick-mcp 0.2.0",
    "ticktick-mcp-server 0.3.1",
    "ticktick-agent-cli 0.1.1",
    "ticktick-focus-client 0.2.0",
    "hansdoebel/n8n-nodes-ticktick",
    "Nyrest/node-ticktick-unofficial",
    "thesamim/TickTickSync",
    "lucasvtiradentes/ticktick-api-lvt",
    "anggelomos/tickthon",
    "jaeyeonling/ticktick-client",
    "crcatala/ticktick-cli",
    "expelledboy/ticktick-tui",
    # The Open API client issue 17 read beyond the census: it implements the 2026 endpoints.
    "dida365-api 0.2.5",
}
SEED = re.compile(r"^seed 00[0-4]$")
DOCS = re.compile(r"^docs: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+( \S.*)?$")

TASK_ID = "696b8abc2c6f3277d1cc431a"
PROJECT_ID = "6940c3d51263b74715346bd6"


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": BASE_URI + name}, registry=REGISTRY)


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, node)
        for path, item in OPENAPI["paths"].items()
        for method, node in item.items()
        if method in METHODS
    ]


def _op(operation_id: str) -> dict[str, Any]:
    return next(node for _, _, node in _operations() if node["operationId"] == operation_id)


def _evidence_form(item: object) -> bool:
    return isinstance(item, str) and (
        item == "inferred" or item in CENSUS_CLIENTS or bool(SEED.match(item) or DOCS.match(item))
    )


def test_every_operation_has_evidence_of_a_known_form() -> None:
    for method, path, node in _operations():
        evidence = node.get("x-evidence")
        where = f"{method.upper()} {path}"
        assert isinstance(evidence, list) and evidence, where
        assert all(_evidence_form(item) for item in evidence), (where, evidence)
        assert len(set(evidence)) == len(evidence), where
        if "inferred" in evidence:
            assert evidence == ["inferred"], f"{where}: inferred stands alone"


@pytest.mark.parametrize(
    "item", ["", "seed 9", "pyticktick", "pyticktick 9.9.9", "docs:", "somebody said so", 3]
)
def test_evidence_form_rejects_unknown_sources(item: object) -> None:
    assert not _evidence_form(item)


def test_evidence_matches_the_census_for_tag_delete_and_signin() -> None:
    by_query = _op("deleteTagByQuery")["x-evidence"]
    assert {"pyticktick 0.3.0", "ticktick-sdk 0.4.3", "ticktick-py 2.0.3"} <= set(by_query)
    assert len(by_query) == 5
    assert _op("signin")["x-evidence"] == ["ticktick-py 2.0.3"]
    assert "seed 002" in _op("batchTask")["x-evidence"]


def test_new_operations() -> None:
    by_query = OPENAPI["paths"]["/api/v2/tag"]["delete"]
    assert by_query["operationId"] == "deleteTagByQuery" and by_query["x-idempotent"] is True
    name = next(p for p in by_query["parameters"] if p.get("name") == "name")
    assert name["in"] == "query" and name["required"] is True
    assert OPENAPI["paths"]["/api/v2/tag/{name}"]["delete"]["operationId"] == "deleteTag"
    signin = OPENAPI["paths"]["/api/v2/user/signin"]["post"]
    assert signin["operationId"] == "signin" and signin["deprecated"] is True
    assert signin["security"] == []
    moved = signin["responses"]["405"]["content"]["application/json"]["schema"]
    assert moved == {"$ref": "error.json"}
    assert "200" not in signin["responses"], "the old path never signs anyone in"


def test_x_device_needs_only_platform_version_and_id() -> None:
    device = _validator("x-device.json")
    minimal = {"platform": "web", "version": 6430, "id": "6940c239ae8dc70ae62c4684"}
    assert device.is_valid(minimal)
    for field in minimal:
        assert not device.is_valid({k: v for k, v in minimal.items() if k != field}), field
    web_app = DATA["x-device.json"]["examples"][0]
    assert set(web_app) >= {"os", "device", "name", "channel", "campaign", "websocket"}
    assert device.is_valid(web_app)


PYTICKTICK_ADD = {  # pyticktick 0.3.0's CreateTaskV2, dumped with every unset field as null
    "projectId": "inbox416323287",
    "title": "Buy milk",
    "completedTime": None,
    "content": None,
    "desc": None,
    "dueDate": "2026-03-01T09:00:00Z",
    "etag": None,
    "id": None,
    "isAllDay": None,
    "isFloating": None,
    "items": [{"id": None, "title": "Milk", "status": None, "startDate": None}],
    "kind": "TEXT",
    "reminders": [{"id": None, "trigger": "TRIGGER:PT0S"}],
    "priority": None,
    "status": None,
    "tags": [],
    "sortOrder": None,
}


def test_batch_requests_accept_id_less_adds_and_explicit_nulls() -> None:
    tasks = _validator("task-batch-request.json")
    assert tasks.is_valid({"add": [PYTICKTICK_ADD]})
    assert tasks.is_valid({"add": [{"title": "no id", "projectId": PROJECT_ID}]})
    update = {**PYTICKTICK_ADD, "id": TASK_ID}
    assert tasks.is_valid({"update": [update]})
    assert not tasks.is_valid({"update": [{k: v for k, v in update.items() if k != "id"}]})
    assert not tasks.is_valid({"update": [{**update, "id": None}]}), "an update names its task"
    assert not tasks.is_valid({"add": [{**PYTICKTICK_ADD, "priority": 2}]}), "enums still hold"
    projects = _validator("project-batch-request.json")
    assert projects.is_valid({"add": [{"name": "Errands", "color": None, "groupId": None}]})
    assert projects.is_valid({"update": [{"id": PROJECT_ID, "name": "E", "groupId": "NONE"}]})
    assert not projects.is_valid({"update": [{"name": "no id"}]})
    assert not projects.is_valid({"add": [{"name": None}]}), "a project needs a name"
    groups = _validator("project-group-batch-request.json")
    assert groups.is_valid({"add": [{"name": "Work", "listType": "group"}]})
    tags = _validator("tag-batch-request.json")
    # pyticktick and ticktick-sdk compute the name from the label before sending it
    assert tags.is_valid({"add": [{"label": "Errands", "name": "errands", "color": None}]})
    assert not tags.is_valid({"add": [{"label": "Errands", "name": None}]}), "no evidence"


def test_the_web_apps_bodies_still_fit_the_batch_requests() -> None:
    for name in ["task-batch-request.json", "project-batch-request.json", "tag-batch-request.json"]:
        for example in DATA[name]["examples"]:
            assert _validator(name).is_valid(example), name


@pytest.mark.parametrize(
    ("response", "draft"),
    [
        ("task.json", "task-draft.json"),
        ("project.json", "project-draft.json"),
        ("project-group.json", "project-group-draft.json"),
        ("tag.json", "tag-draft.json"),
    ],
)
def test_drafts_are_derived_from_their_response_schema(response: str, draft: str) -> None:
    """A draft file only declares what it derives from; expanded, it lists the response
    object's fields, each also nullable, and requires no id."""
    declared = json.loads((SCHEMAS / draft).read_text(encoding="utf-8"))
    assert declared[DRAFT_OF] == response and "properties" not in declared
    assert set(DATA[response]["properties"]) == set(DATA[draft]["properties"])
    assert "id" not in DATA[draft].get("required", [])
    validator = _validator(draft)
    for field in DATA[draft]["properties"]:
        if field not in DATA[draft].get("required", []):
            assert validator.is_valid({"name": "n", field: None}), (draft, field)


def test_responses_stay_exact() -> None:
    """Requests may send null for anything; responses do not gain nulls from that."""
    task = _validator("task.json")
    base = {"id": TASK_ID, "projectId": PROJECT_ID}
    for field in ["status", "priority", "title", "etag", "isAllDay", "dueDate"]:
        if field == "dueDate":
            assert not task.is_valid({**base, field: "2026-03-01T09:00:00Z"}), field
        else:
            assert not task.is_valid({**base, field: None}), field
    assert not task.is_valid({"projectId": PROJECT_ID}), "a stored task has an id"
    assert not _validator("project.json").is_valid({"id": PROJECT_ID, "name": None})


def test_response_shapes_from_real_answers() -> None:
    sync = _validator("sync-response.json")
    delta = {
        "checkPoint": 2,
        "inboxId": None,
        "syncTaskBean": {
            "update": [],
            "tagUpdate": [{"taskId": TASK_ID, "projectId": PROJECT_ID}],
            "deletedInTrash": [{"taskId": TASK_ID, "projectId": PROJECT_ID}],
        },
    }
    assert sync.is_valid(delta)
    assert not sync.is_valid({**delta, "inboxId": 5})
    habit = _validator("habit.json")
    assert habit.is_valid({"id": "696b90502c6f3277d1cc44a9", "name": "x", "exDates": None})
    stats = _validator("general-statistics.json")
    assert stats.is_valid({"taskByDay": {"20260117": {"completeCount": 1, "notCompleteCount": 0}}})
    assert not stats.is_valid({"taskByDay": {"20260117": 3}})
    assert stats.is_valid({"pomoByDay": {"20260117": {"count": 1, "duration": 25}}})
    assert "id" in DATA["user-settings.json"]["properties"]
    assert "timeStamp" in DATA["user-status.json"]["properties"]


def test_query_booleans_stay_boolean_and_say_any_casing() -> None:
    seen = 0
    for _, _, node in _operations():
        for param in node.get("parameters", []):
            if param.get("in") == "query" and param.get("schema", {}).get("type") == "boolean":
                seen += 1
                assert "any casing" in param["description"].lower(), param["name"]
    assert seen >= 5  # wc and remember (signon, signin), includeWeb


def test_listing_date_ranges_take_only_the_server_form() -> None:
    ranged = ["getCompletedInProject", "getAllCompleted", "getCompletedInAll", "getClosedProjects"]
    for operation_id in ranged:
        for param in _op(operation_id)["parameters"]:
            if param.get("name") in ("from", "to"):
                pattern = re.compile(param["schema"]["pattern"])
                assert pattern.match("2026-01-17 23:59:59"), operation_id
                assert not pattern.match("2026-01-17T23:59:59"), operation_id
                assert not pattern.match("2026-01-17"), operation_id


def test_whole_object_writes_say_the_ids_must_match() -> None:
    for operation_id in ["updateTask", "updateProject", "updateProjectGroup"]:
        assert "must equal the path" in _op(operation_id)["description"], operation_id
