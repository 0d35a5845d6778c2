"""`tickspec docs-diff DOC.md` (issue 17 point 7): the Open API doc against the spec.

The documents here are written for these tests in the doc's published markdown form
(`#### Title`, a fenced `METHOD /path`, Parameters and Responses tables, JSON examples with
`...`, tabs and trailing spaces, a Definitions section), from the facts of the public copies:
which endpoints, fields and statuses each lists. None is copied text.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tickspec.cli import main
from tickspec.drift.docs_parse import parse
from tickspec.drift.docs_report import DocError, diff_text
from tickspec.spec import Spec, load

ROW = "|**{code}**|{text}|No Content|"


def endpoint(
    title: str,
    request_line: str,
    params: list[tuple[str, str, bool, str]] = (),  # type: ignore[assignment]
    statuses: tuple[int, ...] = (200, 401),
    ok_schema: str = "No Content",
    request: str = "",
    response: str = "",
) -> str:
    """One endpoint section as the doc lays it out (padding and trailing spaces included)."""
    out = [f"#### {title}", "```  ", f"{request_line}  ", "```  ", ""]
    if params:
        out += ["##### Parameters", "| Type | Name | Description | Schema |", "|---|---|---|---|"]
        for where, name, required, schema in params:
            label = f"**{name}** *required*" if required else name
            out.append(f"| **{where}** | {label} | the {name} | {schema} |")
        out.append("")
    out += ["##### Responses", "|HTTP Code|Description|Schema|  ", "|---|---|---|  "]
    for code in statuses:
        schema = ok_schema if code == 200 else "No Content"
        out.append(f"|**{code}**|{'OK' if code == 200 else 'Error'}|{schema}|  ")
    out += ["", "##### Example"]
    method, path = request_line.split()
    if request or method == "GET":
        http = [f"{method} {path.replace('{', '{{').replace('}', '}}')} HTTP/1.1", "Host: x"]
        out += ["###### Request", "```http", *http, request, "```", ""]
    if response:
        out += ["###### Response", "```json  ", response, "```  ", ""]
    return "\n".join(out) + "\n"


TASK_BODY = [
    ("Body", "title", True, "string"),
    ("Body", "content", False, "string"),
    ("Body", "isAllDay", False, "boolean"),
    ("Body", "priority", False, "integer"),
    ("Body", "items", False, "list"),
    ("Body", "items.title", False, "string"),
]
TASK_EXAMPLE = (
    '{  \n"id" : "63b7bebb91c0a5474805fcd4",  \n"projectId" : "6226ff9877acee87727f6bca",\n'
    '"title" : "Buy milk",\n"priority" : 1,\n"items" : [ {\n\t"id" : "6435074647fd2e6387145f20",'
    '\n\t"title" : "Oat",\n\t"status" : 0\n\t} ]  \n}'
)
PROJECT_EXAMPLE = (
    '{\n\t"id": "6226ff9877acee87727f6bca",\n\t"name": "Shopping",\n\t"kind": "TASK"\n}'
)
TASK = "[Task](openapi.md#Definitions#Task)"
PROJECT = "[Project](openapi.md#Definitions#Project)"
PATHS = [("Path", "projectId", True, "string"), ("Path", "taskId", True, "string")]

DEFINITIONS = """
## Definitions

### ChecklistItem

|Name|Description|Schema|
|---|---|---|
|**id**|Subtask identifier|string|
|**title**|Subtask title|string|
|**status**|Subtask status|integer (int32)|

### Task

| Name | Description | Schema |
| ---- | ----------- | ------ |
| **id** | Task identifier | string |
| **projectId** | Project id | string |
| **title** | Task title | string |
| **items** | Subtasks | < [ChecklistItem](openapi.md#checklistitem) > array |
| **priority** | Priority | integer (int32) |

### Project
| Name | Description | Schema |
| ---- | ----------- | ------ |
| **id** | Project identifier | string |
| **name** | Project name | string |
| **closed** | Closed | boolean |
"""


def doc_2024() -> str:
    """The shape of the 2024/25 copy: the eleven task and project endpoints."""
    update_body = [("Path", "taskId", True, "string"), ("Body", "id", True, "string"),
                   ("Body", "projectId", True, "string"), *TASK_BODY[1:]]  # fmt: skip
    request = (
        '{\n\t...\n    "title":"Buy milk",\n    "projectId":"6226ff9877acee87727f6bca"\n    ...\n}'
    )
    sections = [
        "# TickTick Open API\n\n## API Reference\n\n### Task\n",
        endpoint("Get Task By Project ID And Task ID",
                 "GET /open/v1/project/{projectId}/task/{taskId}", PATHS, ok_schema=TASK,
                 response=TASK_EXAMPLE),
        endpoint("Create Task", "POST /open/v1/task", TASK_BODY, ok_schema=TASK,
                 request=request, response=TASK_EXAMPLE),
        endpoint("Update Task", "POST /open/v1/task/{taskId}", update_body, ok_schema=TASK,
                 request=request, response=TASK_EXAMPLE),
        endpoint("Complete Task", "POST /open/v1/project/{projectId}/task/{taskId}/complete",
                 PATHS),
        endpoint("Delete Task", "DELETE /open/v1/project/{projectId}/task/{taskId}", PATHS),
        "### Project\n",
        endpoint("Get User Project", "GET /open/v1/project",
                 ok_schema=f"< {PROJECT} > array", response=f"[{PROJECT_EXAMPLE}]"),
        endpoint("Get Project By ID", "GET /open/v1/project/{projectId}",
                 [("Path", "project", True, "string")], ok_schema=PROJECT,
                 response=PROJECT_EXAMPLE),
        endpoint("Get Project With Data", "GET /open/v1/project/{projectId}/data", PATHS[:1],
                 response='{"project": ' + PROJECT_EXAMPLE + ', "tasks": [], "columns": []}'),
        endpoint("Create Project", "POST /open/v1/project",
                 [("Body", "name", True, "string"), ("Body", "color", False, "string")],
                 ok_schema=PROJECT, request='{"name": "Shopping"}', response=PROJECT_EXAMPLE),
        endpoint("Update Project", "POST /open/v1/project/{projectId}",
                 [PATHS[0], ("Body", "name", False, "string")], ok_schema=PROJECT,
                 request='{"name": "Errands"}', response=PROJECT_EXAMPLE),
        endpoint("Delete Project", "DELETE /open/v1/project/{projectId}", PATHS[:1]),
    ]  # fmt: skip
    return "\n".join(sections) + DEFINITIONS


def test_the_2024_shaped_doc_lacks_nothing_and_lists_the_specs_extras() -> None:
    result = diff_text(doc_2024(), load())
    assert (result.endpoints, result.matched, result.lacks) == (11, 11, [])
    extras = {op.operation_id for op in result.not_in_doc}
    assert "openGetTaskAnyProject" in extras  # n8n only, in no copy of the doc
    assert {"oauthAuthorize", "oauthExchangeCode"} <= extras  # no OAuth steps in this doc
    assert not any(op.path.startswith("/api/") for op in result.not_in_doc)


def test_cli_exit_0_and_not_in_this_doc(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "open-api-2024.md"
    doc.write_text(doc_2024(), encoding="utf-8")
    assert main(["docs-diff", str(doc)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith(
        "11 endpoint(s) documented, 11 in the spec, 0 thing(s) the spec lacks, 0 contradiction(s)"
    )
    assert "  GET /open/v1/project/all/task/{taskId} (openGetTaskAnyProject)" in out.splitlines()


# -- a synthetic spec: what the doc has and the spec lacks -----------------------------

OBJECT = {"type": "object"}


def _json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


def small_spec() -> Spec:
    """Two Open API operations and a web one, as a bundle with inline schemas."""
    task = {"type": "object", "required": ["title"], "properties": {
        "id": {"type": "string"}, "title": {"type": "string"}, "projectId": {"type": "string"},
        "items": {"type": "array", "items": {"type": "object", "properties": {
            "title": {"type": "string"}}}}}}  # fmt: skip
    ok = {"description": "ok", **_json_body(task)}
    paths = {
        "/open/v1/task": {"post": {
            "operationId": "openCreateTask", "requestBody": _json_body(task),
            "responses": {"200": ok, "401": {"description": "no"}}}},
        "/open/v1/project/{projectId}/task/{taskId}/comment/{commentId}": {"delete": {
            "operationId": "openDeleteTaskComment", "responses": {"200": {"description": "ok"}},
            "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer"}}]}},
        "/open/v1/project/all/task/{taskId}": {"get": {
            "operationId": "openGetTaskAnyProject", "responses": {"200": ok}}},
        "/api/v2/task": {"post": {"operationId": "createTaskWeb", "responses": {"200": ok}}},
    }  # fmt: skip
    openapi = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths}
    return Spec({"openapi": openapi, "schemas": {}})


def doc_newer() -> str:
    """Facts of the 2026 and newest copies: move, a 201 on writes, parentId and etag."""
    body = [*TASK_BODY[:1], ("Body", "projectId", True, "string"), ("Body", "parentId", False,
            "string"), ("Body", "items.title", False, "integer")]  # fmt: skip
    move = [("Body", "fromProjectId", True, "string"), ("Body", "toProjectId", True, "string"),
            ("Body", "taskId", True, "string")]  # fmt: skip
    return "\n".join([
        endpoint("Create Task", "POST /open/v1/task", body, (200, 201, 401), TASK,
                 request='{"title": "Buy milk"}',
                 response='{"id": "x", "title": "Buy milk", "etag": "43p2zso1"}'),
        endpoint("Move Task", "POST /open/v1/task/move", move,
                 request='[{"fromProjectId": "a", "toProjectId": "b", "taskId": "c"}]',
                 response='[{"id": "c", "etag": "43p2zso1"}]'),
        endpoint("Delete Task Comment",
                 "DELETE /open/v1/project/{projectId}/task/{taskId}/comment/{id}",
                 [*PATHS, ("Path", "id", True, "string"), ("Query", "limit", False, "integer"),
                  ("Query", "cursor", False, "string")], statuses=(200,)),
    ]) + DEFINITIONS  # fmt: skip


def test_what_the_spec_lacks_is_named() -> None:
    result = diff_text(doc_newer(), small_spec())
    assert (result.endpoints, result.matched) == (3, 2)
    assert {(g.endpoint, g.kind, g.name) for g in result.lacks} == {
        ("POST /open/v1/task/move", "endpoint", "Move Task"),
        ("POST /open/v1/task", "status", "201"),
        ("POST /open/v1/task", "body_field", "parentId"),
        ("POST /open/v1/task", "response_field", "etag"),
        ("POST /open/v1/task", "response_field", "priority"),  # the Task definition's
        ("POST /open/v1/task", "response_field", "items[].id"),  # ChecklistItem's, nested
        ("POST /open/v1/task", "response_field", "items[].status"),
        ("DELETE /open/v1/project/{projectId}/task/{taskId}/comment/{id}", "parameter", "cursor"),
    }
    assert {(g.kind, g.name, g.detail) for g in result.contradicts} == {
        ("required", "projectId", "required in the doc, optional in the spec"),
        ("type", "items.title", "integer in the doc, string in the spec"),
    }
    assert [op.operation_id for op in result.not_in_doc] == ["openGetTaskAnyProject"]


def test_cli_exit_1_names_the_gap(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    import tickspec.spec

    monkeypatch.setattr(tickspec.spec, "load", small_spec)
    doc = tmp_path / "open-api-2026.md"
    doc.write_text(doc_newer(), encoding="utf-8")
    assert main(["docs-diff", str(doc), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["lacks"][0] == {
        "endpoint": "POST /open/v1/task", "operationId": "openCreateTask", "kind": "body_field",
        "name": "parentId", "line": 1, "detail": "body field"}  # fmt: skip
    assert {"endpoint": "POST /open/v1/task/move", "operationId": None, "kind": "endpoint",
            "name": "Move Task", "line": 35, "detail": "no operation has this method and path",
            } in report["lacks"]  # fmt: skip
    assert main(["docs-diff", str(doc), "--format", "markdown"]) == 1
    assert "| `POST /open/v1/task/move` | endpoint | `Move Task` |" in capsys.readouterr().out


def test_examples_are_read_tolerantly() -> None:
    """`...` lines, tabs, trailing spaces and commas, `{{placeholders}}`: still JSON."""
    doc = parse(doc_2024())
    create = next(e for e in doc.endpoints if e.title == "Create Task")
    assert create.requests == [{"title": "Buy milk", "projectId": "6226ff9877acee87727f6bca"}]
    assert create.responses[0]["items"][0]["title"] == "Oat"
    messy = endpoint("X", "POST /open/v1/x", [("Body", "a", False, "string")],
                     request='{\n  "a": {{value}},\n  ...\n  "b": [1, 2,],\n}')  # fmt: skip
    assert parse(messy).endpoints[0].requests == [{"a": None, "b": [1, 2]}]


def test_oauth_steps_in_prose_are_endpoints() -> None:
    text = (
        "#### First Step\nRedirect the user to https://example.com/oauth/authorize. The "
        "required parameters are as follows:\n\n| Name | Description |\n|---|---|\n"
        "| client_id | App id |\n| response_type | Fixed as code |\n\n#### Third Step\nMake a "
        "POST request to `https://example.com/oauth/token` (Content-Type: "
        "application/x-www-form-urlencoded):\n\n| Name | Description |\n|---|---|\n"
        "| client_id | in the HEADER using Basic Auth |\n| code | The code |\n"
    )
    found = [(e.method, e.path, [(p.location, p.name, p.required) for p in e.params])
             for e in parse(text).endpoints]  # fmt: skip
    assert found == [
        ("GET", "/oauth/authorize", [("", "client_id", True), ("", "response_type", True)]),
        ("POST", "/oauth/token", [("form", "client_id", False), ("form", "code", False)]),
    ]


# -- unusable input: exit 2, one line ------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no endpoint found"),
        (b"# Notes\n\nNothing here.\n", "no endpoint found"),
        (b"\x00\x01\x02binary\x00", "no endpoint found"),
        (b"\xff\xfe\x00G\x00E\x00T", "not UTF-8 (byte 0)"),
    ],
)
def test_unusable_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    doc = tmp_path / "doc.md"
    doc.write_bytes(content)
    assert main(["docs-diff", str(doc)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"tickspec docs-diff: {doc}: {message}" + (
        " (no fenced `METHOD /path` block)\n" if message == "no endpoint found" else "\n"
    )


def test_a_missing_file_or_a_folder_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["docs-diff", str(tmp_path / "absent.md")]) == 2
    assert main(["docs-diff", str(tmp_path)]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and all(line.startswith("tickspec docs-diff: ") for line in lines)


FRAGMENTS = st.sampled_from([
    "#### Title\n", "```\n", "```json\n", "POST /open/v1/task\n", "GET /open/v1/project/{id}\n",
    "| Type | Name | Description | Schema |\n", "|---|---|---|---|\n",
    "| **Body** | **title** *required* | t | string |\n", "|HTTP Code|Description|Schema|\n",
    "|**200**|OK|[Task](openapi.md#Task)|\n", "{\n", "}\n", "[\n", "...\n", "\t\"a\": 1,\n",
    "## Definitions\n", "### Task\n", "|**id**|x|< [Task](x) > array|\n", "###### Response\n",
    "https://x/oauth/token POST\n", "|", "\n", "{{x}}",
])  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.text(), st.lists(st.one_of(FRAGMENTS, st.text(max_size=8))).map("".join)))
def test_any_text_never_crashes(text: str) -> None:
    """Property: whatever a document holds, docs-diff answers with exit 0, 1 or 2 and never
    raises: parsing and comparing either give a result or a one-line DocError."""
    spec = load()
    try:
        diff_text(text, spec)
    except DocError as exc:
        assert "\n" not in str(exc)
    with tempfile.TemporaryDirectory() as folder:
        doc = Path(folder) / "doc.md"
        doc.write_text(text, encoding="utf-8", errors="surrogatepass")
        assert main(["docs-diff", str(doc)]) in (0, 1, 2)
