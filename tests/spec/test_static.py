"""Static checks of the protocol specification in schemas/.

Every schema file is a valid draft 2020-12 schema with the metadata the code generator
needs, every `$ref` resolves, every example validates, and openapi.yaml is a valid
OpenAPI 3.1 document that covers every endpoint the seed documents name.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import referencing.jsonschema
from openapi_spec_validator import validate as validate_openapi
from referencing import Registry, Resource

from codegen.drafts import expand_drafts
from tests.paths import SCHEMAS
from tickspec import yaml_text

BASE_URI = "https://tickspec.local/schemas/"
DRAFT = referencing.jsonschema.DRAFT202012
SCHEMA_FILES = sorted(p.name for p in SCHEMAS.glob("*.json"))
METHODS = ("get", "put", "post", "delete", "patch")
ALLOWED_TAGS = {
    "auth",
    "sync",
    "tasks",
    "projects",
    "tags",
    "filters",
    "columns",
    "habits",
    "search",
    "user",
    "oauth",
    "open",
    "focus",
    "countdowns",
    "comments",
}
# The Open API v1 and its OAuth2 calls are not the web app's: no X-Device or other web headers.
NON_WEB_TAGS = {"oauth", "open"}
HEADER_PARAMS = [
    "XDevice",
    "XTz",
    "Hl",
    "TraceId",
    "XCsrfToken",
    "Origin",
    "Referer",
    "UserAgent",
]

# Every endpoint of seed 001's tables, the captured ones of 002/003, and the extra ones
# the spec commits to.
SEED_ENDPOINTS: list[tuple[str, str]] = [
    ("post", "/api/v2/user/signon"),
    ("get", "/api/v2/user/sign/mfa/setting"),
    ("post", "/api/v2/user/sign/mfa/code/verify"),
    ("get", "/api/v3/batch/check/{checkpoint}"),
    ("get", "/api/v2/batch/check/{checkpoint}"),
    ("post", "/api/v2/batch/task"),
    ("post", "/api/v2/batch/taskParent"),
    ("post", "/api/v2/batch/taskProject"),
    ("post", "/api/v2/batch/tag"),
    ("post", "/api/v2/batch/filter"),
    ("post", "/api/v2/batch/project"),
    ("post", "/api/v2/batch/projectGroup"),
    ("get", "/api/v2/task/{taskId}"),
    ("post", "/api/v2/task"),
    ("post", "/api/v2/task/{taskId}"),
    ("get", "/api/v2/project/{projectId}/completed/"),
    ("get", "/api/v2/project/all/completed/"),
    ("get", "/api/v2/project/all/completedInAll/"),
    ("get", "/api/v2/project/all/trash/pagination"),
    ("get", "/api/v2/project/all/closed"),
    ("post", "/api/v2/project"),
    ("put", "/api/v2/project/{projectId}"),
    ("delete", "/api/v2/project/{projectId}"),
    ("post", "/api/v2/projectGroup"),
    ("put", "/api/v2/projectGroup/{groupId}"),
    ("delete", "/api/v2/projectGroup/{groupId}"),
    ("put", "/api/v2/tag/rename"),
    ("put", "/api/v2/tag/merge"),
    ("delete", "/api/v2/tag/{name}"),
    ("post", "/api/v2/tag/completedTask"),
    ("get", "/api/v2/column"),
    ("get", "/api/v2/column/project/{projectId}"),
    ("post", "/api/v2/column"),
    ("get", "/api/v2/habits"),
    ("post", "/api/v2/habits"),
    ("put", "/api/v2/habits/{habitId}"),
    ("delete", "/api/v2/habits/{habitId}"),
    ("post", "/api/v2/habits/batch"),
    ("post", "/api/v2/habitCheckins"),
    ("post", "/api/v2/habitCheckins/batch"),
    ("post", "/api/v2/habitCheckins/query"),
    ("get", "/api/v2/habitSections"),
    ("get", "/api/v2/user/preferences/habit"),
    ("get", "/api/v2/search/all"),
    ("get", "/api/v2/user/profile"),
    ("get", "/api/v2/user/status"),
    ("get", "/api/v2/user/preferences/settings"),
    ("post", "/api/v2/user/preferences/settings"),
    ("get", "/api/v2/configs/limits"),
    ("get", "/api/v2/notification/unread"),
    ("get", "/api/v2/calendar/third/accounts"),
    ("get", "/api/v2/calendar/subscription"),
    ("get", "/api/v2/calendar/bind/events/all"),
    ("get", "/api/v2/statistics/general"),
]


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    return data


def _openapi() -> dict[str, Any]:
    data: dict[str, Any] = yaml_text.safe_load(
        (SCHEMAS / "openapi.yaml").read_text(encoding="utf-8")
    )
    return data


SCHEMA_DATA: dict[str, dict[str, Any]] = expand_drafts({name: _load(name) for name in SCHEMA_FILES})
OPENAPI = _openapi()


def _registry() -> Registry[Any]:
    resources = [
        (BASE_URI + name, Resource.from_contents(schema, default_specification=DRAFT))
        for name, schema in SCHEMA_DATA.items()
    ]
    resources.append((BASE_URI + "openapi.yaml", DRAFT.create_resource(OPENAPI)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def _refs(node: Any) -> Iterator[str]:
    """Every `$ref` value in a schema tree, skipping example instances."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("examples", "example"):
                continue
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def _titles(schema: dict[str, Any]) -> list[str]:
    """The top-level title and the titles of `$defs` entries (class names in codegen)."""
    titles = [schema["title"]]
    titles += [d["title"] for d in schema.get("$defs", {}).values() if "title" in d]
    return titles


def _operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in OPENAPI["paths"].items():
        for method, node in item.items():
            if method in METHODS:
                yield method, path, node


def _local(node: dict[str, Any]) -> dict[str, Any]:
    while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
        target: Any = OPENAPI
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def test_expected_schema_files_exist() -> None:
    for name in [
        "common.json",
        "task.json",
        "task-batch-request.json",
        "batch-response.json",
        "habit.json",
        "habit-checkin.json",
        "sync-response.json",
        "x-device.json",
        "error.json",
        "json-list.json",
    ]:
        assert name in SCHEMA_FILES
    assert len(SCHEMA_FILES) >= 50


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    schema = SCHEMA_DATA[name]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "$id" not in schema
    assert isinstance(schema["title"], str) and schema["title"].isidentifier()
    assert schema["title"][0].isupper()
    assert isinstance(schema["description"], str) and schema["description"].strip()
    if name != "common.json":
        assert isinstance(schema["examples"], list) and schema["examples"]


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_conventions(name: str) -> None:
    text = (SCHEMAS / name).read_text(encoding="utf-8")
    assert "\\\\d" not in text, "use [0-9], not \\d"
    assert '"date-time"' not in text, "timestamps $ref common.json Timestamp"
    assert 'additionalProperties": false' not in text
    assert "unevaluatedProperties" not in text

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            props = node.get("properties")
            if isinstance(props, dict):
                for prop, sub in props.items():
                    assert isinstance(sub.get("description"), str), f"{name}: {prop}"
            for key, value in node.items():
                if key not in ("examples", "properties"):
                    walk(value)
            if isinstance(props, dict):
                for sub in props.values():
                    walk(sub)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(SCHEMA_DATA[name])


def test_titles_unique_across_files() -> None:
    seen: dict[str, str] = {}
    for name, schema in SCHEMA_DATA.items():
        for title in _titles(schema):
            assert title not in seen, f"{title} in {name} and {seen[title]}"
            seen[title] = name
    assert seen["Task"] == "task.json"
    assert seen["TaskBatchRequest"] == "task-batch-request.json"
    assert seen["FocusSummary"] == "task.json"
    assert seen["ErrorBody"] == "error.json"


WITH_REFS = [name for name in SCHEMA_FILES if any(_refs(SCHEMA_DATA[name]))]


def test_most_schemas_have_refs_to_resolve() -> None:
    """The test below has something to check: leaf schemas (no `$ref`) are the few."""
    assert len(WITH_REFS) >= 30 and len(WITH_REFS) > len(SCHEMA_FILES) // 2


@pytest.mark.parametrize("name", WITH_REFS)
def test_schema_refs_resolve(name: str) -> None:
    resolver = REGISTRY.resolver(base_uri=BASE_URI + name)
    refs = list(_refs(SCHEMA_DATA[name]))
    assert refs
    for ref in refs:
        assert not ref.startswith("http"), f"{name}: refs must be relative ({ref})"
        resolved = resolver.lookup(ref)
        assert isinstance(resolved.contents, dict), ref


def test_openapi_refs_resolve() -> None:
    resolver = REGISTRY.resolver(base_uri=BASE_URI + "openapi.yaml")
    refs = list(_refs(OPENAPI))
    assert len(refs) > 100
    for ref in refs:
        resolved = resolver.lookup(ref)
        assert isinstance(resolved.contents, dict), ref


@pytest.mark.parametrize("name", [n for n in SCHEMA_FILES if n != "common.json"])
def test_examples_validate(name: str) -> None:
    schema = SCHEMA_DATA[name]
    validator = jsonschema.Draft202012Validator(
        {"$ref": BASE_URI + name},
        registry=REGISTRY,
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert schema.get("examples"), f"{name} has no examples to check"
    for example in schema["examples"]:
        errors = [e.message for e in validator.iter_errors(example)]
        assert errors == [], f"{name}: {errors}"


def test_common_examples_validate() -> None:
    for def_name, definition in SCHEMA_DATA["common.json"]["$defs"].items():
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"{BASE_URI}common.json#/$defs/{def_name}"}, registry=REGISTRY
        )
        assert definition.get("examples"), f"common.json#/$defs/{def_name} has no examples"
        for example in definition["examples"]:
            assert validator.is_valid(example), (def_name, example)


def _validator(name: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({"$ref": BASE_URI + name}, registry=REGISTRY)


def test_schemas_reject_wrong_values() -> None:
    """The constraints are real: closed sets and patterns reject what the seeds rule out."""
    task = _validator("task.json")
    base = {"id": "696b8abc2c6f3277d1cc431a", "projectId": "6940c3d51263b74715346bd6"}
    assert task.is_valid(base)
    assert task.is_valid({**base, "unknownField": 1}), "objects stay open"
    assert not task.is_valid({"id": base["id"]}), "projectId is required"
    assert not task.is_valid({**base, "status": 1})
    assert task.is_valid({**base, "status": -1})
    assert not task.is_valid({**base, "priority": 2})
    assert not task.is_valid({**base, "repeatFrom": 0}), "repeatFrom is a string"
    assert task.is_valid({**base, "repeatFrom": None, "dueDate": None, "pinnedTime": None})
    assert not task.is_valid({**base, "dueDate": "2026-01-17T15:00:00+00:00"})
    assert not task.is_valid({**base, "kind": "EVENT"})
    assert not task.is_valid({**base, "reminders": [{"trigger": "PT0S"}]})
    assert not task.is_valid({**base, "sortOrder": 1.5})

    habit = _validator("habit.json")
    assert not habit.is_valid({"id": "696b90502c6f3277d1cc44a9", "name": "x", "type": "Count"})
    assert habit.is_valid({"id": "696b90502c6f3277d1cc44a9", "name": "x", "goal": 2.5})
    assert not habit.is_valid(
        {"id": "696b90502c6f3277d1cc44a9", "name": "x", "reminders": ["8:00"]}
    )

    checkin = _validator("habit-checkin.json")
    ok = {"habitId": "696b90502c6f3277d1cc44a9", "checkinStamp": 20260116}
    assert checkin.is_valid({**ok, "status": 1})
    assert not checkin.is_valid({**ok, "status": 3})

    batch = _validator("habit-batch-request.json")
    assert not batch.is_valid({"add": [], "update": []}), "habit batches send all three arrays"
    assert _validator("task-batch-request.json").is_valid({"delete": []})
    assert not _validator("batch-response.json").is_valid({"id2etag": {}})

    sync = _validator("sync-response.json")
    delta = {
        "checkPoint": 1,
        "inboxId": "inbox1",
        "syncTaskBean": {"update": []},
        "projectProfiles": None,
        "tags": None,
        "filters": None,
        "projectGroups": None,
    }
    assert sync.is_valid(delta)
    assert not sync.is_valid({k: v for k, v in delta.items() if k != "inboxId"})

    device = _validator("x-device.json")
    device_ok = SCHEMA_DATA["x-device.json"]["examples"][0]
    assert device_ok["version"] == 8006
    assert not device.is_valid({k: v for k, v in device_ok.items() if k != "version"})


def test_task_draft_has_the_task_fields() -> None:
    task, draft = SCHEMA_DATA["task.json"], SCHEMA_DATA["task-draft.json"]
    assert set(task["properties"]) == set(draft["properties"])
    assert task["required"] == ["id", "projectId"]
    assert "id" not in draft.get("required", [])
    for field in ["pinnedTime", "repeatFlag", "repeatFrom", "repeatTaskId", "completedUserId"]:
        assert field in task["properties"]


def test_task_knows_every_seed_field() -> None:
    """Every key of every task in the captured bodies is a known property."""
    known = set(SCHEMA_DATA["task.json"]["properties"])
    batch = SCHEMA_DATA["task-batch-request.json"]["examples"]
    tasks = [t for body in batch for key in ("add", "update") for t in body.get(key, [])]
    tasks += SCHEMA_DATA["task.json"]["examples"]
    assert len(tasks) >= 10
    for task in tasks:
        assert set(task) <= known, set(task) - known
    habits = [
        h
        for body in SCHEMA_DATA["habit-batch-request.json"]["examples"]
        for h in body["add"] + body["update"]
    ]
    assert habits
    for habit in habits:
        assert set(habit) <= set(SCHEMA_DATA["habit.json"]["properties"])


def test_openapi_document_is_valid() -> None:
    validate_openapi(OPENAPI, base_uri=(SCHEMAS / "openapi.yaml").as_uri())
    assert OPENAPI["openapi"] == "3.1.0"
    assert [s["url"] for s in OPENAPI["servers"]] == [
        "https://api.ticktick.com",
        "https://api.dida365.com",
    ]
    scheme = OPENAPI["components"]["securitySchemes"]["cookieAuth"]
    assert scheme == {**scheme, "type": "apiKey", "in": "cookie", "name": "t"}
    assert OPENAPI["security"] == [{"cookieAuth": []}]


def test_operations_metadata() -> None:
    ids: set[str] = set()
    params = OPENAPI["components"]["parameters"]
    assert params["XDevice"]["name"] == "X-Device"
    assert params["XDevice"]["required"] is True
    assert params["XDevice"]["content"]["application/json"]["schema"] == {"$ref": "x-device.json"}
    assert params["UserAgent"]["required"] is True
    count = 0
    for method, path, node in _operations():
        where = f"{method.upper()} {path}"
        count += 1
        op_id = node["operationId"]
        assert op_id not in ids, where
        assert op_id[0].islower() and op_id.isalnum(), where
        ids.add(op_id)
        assert len(node["tags"]) == 1 and node["tags"][0] in ALLOWED_TAGS, where
        assert isinstance(node["x-idempotent"], bool), where
        assert node["summary"] and node["description"], where
        refs = [p.get("$ref") for p in node.get("parameters", [])]
        for header in HEADER_PARAMS if node["tags"][0] not in NON_WEB_TAGS else []:
            assert f"#/components/parameters/{header}" in refs, where
        responses = node["responses"]
        assert responses["429"] == {"$ref": "#/components/responses/RateLimited"}, where
        if node["tags"][0] == "oauth":  # refusals in RFC 6749's form, as the docs show
            assert responses["400"] == {"$ref": "#/components/responses/OAuthBadRequest"}, where
        else:
            assert responses["400"] == {"$ref": "#/components/responses/BadRequest"}, where
            assert responses["500"] == {"$ref": "#/components/responses/Error"}, where
        if node["tags"][0] == "open":  # a bearer refusal: the OAuth error body, or none
            assert responses["401"] == {"$ref": "#/components/responses/OpenUnauthorized"}, where
            assert responses["403"] == {"$ref": "#/components/responses/OpenForbidden"}, where
        elif node["tags"][0] != "oauth":
            assert responses["401"] == {"$ref": "#/components/responses/Error"}, where
        assert "default" not in responses, f"{where}: list statuses explicitly (drift signal)"
        if method == "get":
            assert node["x-idempotent"] is True, where
        for placeholder in [s[1:-1] for s in path.split("/") if s.startswith("{")]:
            declared = [p for p in map(_local, node.get("parameters", [])) if p.get("in") == "path"]
            assert placeholder in [p["name"] for p in declared], where
            assert all("schema" in p for p in declared), where
    assert count >= len(SEED_ENDPOINTS)
    assert {"signon", "syncV3", "batchTask", "batchHabit", "queryHabitCheckins"} <= ids


def _file_of(schema: dict[str, Any]) -> str:
    ref = schema["$ref"]
    assert isinstance(ref, str) and not ref.startswith(("#", "http")), ref
    return ref.split("#", 1)[0]


def test_body_refs_name_existing_files() -> None:
    for method, path, node in _operations():
        where = f"{method.upper()} {path}"
        if "requestBody" in node:
            body = _local(node["requestBody"])
            if node["tags"][0] == "oauth":  # a form body, or the same fields in the query
                assert body["required"] is False, where
                for media in body["content"].values():
                    assert _file_of(media["schema"]) in SCHEMA_FILES, where
                continue
            assert body["required"] is True, where
            assert _file_of(body["content"]["application/json"]["schema"]) in SCHEMA_FILES, where
        for code, raw in node["responses"].items():
            content = _local(raw).get("content")
            if content:  # a file, or inline (a read added with its example) naming files
                schema = content["application/json"]["schema"]
                files = {_file_of(schema)} if "$ref" in schema else _files_in(schema)
                assert files <= set(SCHEMA_FILES), (where, code)


def _files_in(schema: Any) -> set[str]:
    """The schema files an inline schema's `$ref`s name."""
    if isinstance(schema, list):
        return {name for item in schema for name in _files_in(item)}
    if not isinstance(schema, dict):
        return set()
    found = {_file_of(schema)} if "$ref" in schema else set()
    return found | {name for value in schema.values() for name in _files_in(value)}


def test_seed_endpoints_present() -> None:
    present = {(method, path) for method, path, _ in _operations()}
    missing = [e for e in SEED_ENDPOINTS if e not in present]
    assert missing == []


def _op(method: str, path: str) -> dict[str, Any]:
    node: dict[str, Any] = OPENAPI["paths"][path][method]
    return node


def test_specific_operations() -> None:
    batch = _op("post", "/api/v2/batch/task")
    assert batch["operationId"] == "batchTask"
    assert batch["x-idempotent"] is True
    schema = batch["requestBody"]["content"]["application/json"]["schema"]
    assert schema == {"$ref": "task-batch-request.json"}
    assert batch["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "batch-response.json"
    }
    for method, path in [
        ("post", "/api/v2/user/signon"),
        ("post", "/api/v2/user/sign/mfa/code/verify"),
        ("post", "/api/v2/task"),
        ("put", "/api/v2/tag/rename"),
        ("put", "/api/v2/tag/merge"),
        ("post", "/api/v2/habitCheckins"),
    ]:
        assert _op(method, path)["x-idempotent"] is False, (method, path)
    for method, path in [
        ("post", "/api/v2/user/signon"),
        ("get", "/api/v2/user/sign/mfa/setting"),
        ("post", "/api/v2/user/sign/mfa/code/verify"),
    ]:
        assert _op(method, path)["security"] == [], (method, path)
    update_project = _op("put", "/api/v2/project/{projectId}")
    assert "content" not in update_project["responses"]["200"]
    for method in ("post", "put", "delete"):
        path = "/api/v2/habits" if method == "post" else "/api/v2/habits/{habitId}"
        assert "405" in _op(method, path)["responses"]
    checkpoint = next(
        p for p in _op("get", "/api/v3/batch/check/{checkpoint}")["parameters"] if "name" in p
    )
    assert checkpoint["schema"] == {"type": "integer", "format": "int64", "minimum": 0}
    status = next(
        p
        for p in _op("get", "/api/v2/project/all/closed")["parameters"]
        if p.get("name") == "status"
    )
    assert status["schema"]["enum"] == ["Completed", "Abandoned"]


def test_shared_error_responses() -> None:
    responses = OPENAPI["components"]["responses"]
    error_body = {"application/json": {"schema": {"$ref": "error.json"}}}
    assert responses["BadRequest"]["content"] == error_body
    assert "invalid_request" in responses["BadRequest"]["description"]
    retry_after = responses["RateLimited"]["headers"]["Retry-After"]
    assert retry_after["required"] is False
    assert "content" not in responses["RateLimited"], "429 answers an empty body"
    schema = jsonschema.Draft202012Validator(retry_after["schema"])
    for good in [0, 2, 120, "Sat, 17 Jan 2026 13:12:28 GMT"]:
        assert schema.is_valid(good), good
    for bad in [-1, 1.5, "soon", "2026-01-17T13:12:28Z", ""]:
        assert not schema.is_valid(bad), bad


def test_mfa_verify_accepts_the_auth_id_header() -> None:
    params = [_local(p) for p in _op("post", "/api/v2/user/sign/mfa/code/verify")["parameters"]]
    header = next(p for p in params if p.get("name") == "x-verify-id")
    assert header["in"] == "header" and header["required"] is False
    assert header["schema"] == {"type": "string", "minLength": 1}
    assert "authId" in SCHEMA_DATA["mfa-verify-request.json"]["properties"]


def test_signon_response_needs_a_token_or_an_auth_id() -> None:
    signon = _validator("signon-response.json")
    assert not signon.is_valid({}), "{} is not a sign-on answer"
    assert not signon.is_valid({"userId": "130208689", "username": "user@example.com"})
    assert signon.is_valid({"token": "T"})
    assert signon.is_valid({"authId": "c4a1b2d3e4f5a6b7c8d9e0f1", "expireTime": 1768657048000})
    for example in SCHEMA_DATA["signon-response.json"]["examples"]:
        assert signon.is_valid(example)


def test_closed_tasks_and_reopened_tasks() -> None:
    task = _validator("task.json")
    base = {"id": "696b8abc2c6f3277d1cc431a", "projectId": "6940c3d51263b74715346bd6"}
    reopened = {**base, "status": 0, "completedTime": None, "completedUserId": None}
    assert task.is_valid(reopened), "a reopening client clears both completion fields"
    assert task.is_valid({**base, "status": -1, "completedUserId": 130208689})
    assert not task.is_valid({**base, "completedUserId": "130208689"}), "user ids are integers"
    draft = SCHEMA_DATA["task-draft.json"]["properties"]["completedUserId"]
    assert draft == SCHEMA_DATA["task.json"]["properties"]["completedUserId"]
    closed = _op("get", "/api/v2/project/all/closed")
    assert closed["operationId"] == "getClosedProjects"  # kept: the client calls it so
    assert "TASKS" in closed["summary"] and "not closed projects" in closed["summary"]


def test_habit_dates_are_integer_stamps() -> None:
    query = _validator("habit-checkin-query-request.json")
    ids = ["696b90502c6f3277d1cc44a9"]
    assert query.is_valid({"habitIds": ids, "afterStamp": 20260101})
    assert not query.is_valid({"habitIds": ids, "afterStamp": "20260101"}), "seed 003: integers"
    common = SCHEMA_DATA["common.json"]["$defs"]
    unused = "common.json#/$defs/DateStampString"
    assert all(unused not in json.dumps(s) for n, s in SCHEMA_DATA.items() if n != "common.json")
    assert "No wire field references it" in common["DateStampString"]["description"]
