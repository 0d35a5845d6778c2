"""Issue 2: the generated endpoint stubs build the requests the spec describes.

A recording sender stands in for the runtime transport, so these tests see the
exact `ApiRequest` each stub makes and feed it a canned 2xx body.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from tickspec_generated.endpoints import Api, ApiRequest, ApiResponse, AsyncApi
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest

from codegen.endpoints import snake
from tests.paths import SEED_BODIES as SEEDS
from tickspec import spec, wire
from tickspec._headers import HeaderFactory
from tickspec._options import ClientOptions
from tickspec.server import declared


class Recorder:
    """Answers every request with one canned body and remembers what was sent."""

    def __init__(self, body: Any = None, status: int = 200) -> None:
        self.sent: list[ApiRequest] = []
        self._content = b"" if body is None else json.dumps(body).encode()
        self._status = status

    def send(self, request: ApiRequest) -> ApiResponse:
        self.sent.append(request)
        return ApiResponse(self._status, self._content)

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> Exception:
        return AssertionError(f"{request.operation_id}: {error}")


class AsyncRecorder(Recorder):
    async def send(self, request: ApiRequest) -> ApiResponse:  # type: ignore[override]
        return Recorder.send(self, request)


def _seed(name: str) -> Any:
    return json.loads((SEEDS / f"{name}.json").read_text())["body"]


def test_batch_task_posts_the_body_byte_for_byte() -> None:
    body = _seed("002-pin-request")
    recorder = Recorder(_seed("002-pin-response"))
    request_model = wire.load("task-batch-request.json", body)

    result = Api(recorder).tasks.batch_task(request_model)

    [sent] = recorder.sent
    assert (sent.method, sent.path, sent.operation_id) == (
        "POST",
        "/api/v2/batch/task",
        "batchTask",
    )
    assert sent.content is not None
    assert json.loads(sent.content) == body
    assert sent.idempotent is True
    assert result.id2etag == {"696b8abc2c6f3277d1cc431a": "wxbn3q91"}


def test_path_and_query_parameters_are_encoded() -> None:
    task = _seed("000-task-example")
    recorder = Recorder(task)
    got = Api(recorder).tasks.get_task("5ff24e4b8f08904035b304d9", project_id="inbox416323287")
    [sent] = recorder.sent
    assert sent.path == "/api/v2/task/5ff24e4b8f08904035b304d9"
    assert sent.params == (("projectId", "inbox416323287"),)
    assert got.title == "Get Groceries"


def test_sync_checkpoint_is_a_path_parameter() -> None:
    recorder = Recorder({"checkPoint": 5, "syncTaskBean": {"update": []}, "inboxId": "inbox1"})
    Api(recorder).sync.sync_v3(0)
    assert recorder.sent[0].path == "/api/v3/batch/check/0"


def test_async_stub_sends_the_same_request() -> None:
    body = _seed("003-checkin-partial-checkin-request")
    request_model = wire.load("habit-checkin-batch-request.json", body)
    sync, aio = (
        Recorder({"id2etag": {}, "id2error": {}}),
        AsyncRecorder({"id2etag": {}, "id2error": {}}),
    )

    Api(sync).habits.batch_habit_checkin(request_model)
    asyncio.run(AsyncApi(aio).habits.batch_habit_checkin(request_model))

    assert sync.sent == aio.sent
    assert json.loads(sync.sent[0].content or b"") == body


def _example(schema: dict[str, Any] | None, op: spec.Operation | None = None) -> Any:
    """The first `examples` entry of a (referenced) schema, or None for an empty body; an
    inline answer schema without one has the operation's captured example instead."""
    if schema is None:
        return None
    resolved = spec.load().resolve(schema)
    if "examples" in resolved or op is None:
        return resolved["examples"][0]
    openapi = spec.load().openapi
    found = declared.example(openapi, openapi["paths"][op.path][op.method.lower()])
    assert found is not None, f"{op.operation_id}: an inline answer schema needs an example"
    return found.value


def _argument(param: spec.Parameter) -> Any:
    schema = spec.load().resolve(param.schema)
    if "enum" in schema:
        return schema["enum"][0]
    return {"integer": 0, "boolean": True, "array": ["a"]}.get(schema.get("type", ""), "x-1")


@pytest.mark.parametrize("op", spec.load().operations, ids=lambda op: op.operation_id)
def test_every_operation_stub_builds_its_request_and_parses_its_example(
    op: spec.Operation,
) -> None:
    """For each operation: method, path, idempotency as in the spec; the body is sent
    exactly; the 2xx example of the response schema parses into the declared type."""
    ok_codes = sorted(code for code in op.responses if code.startswith("2"))
    expected = _example(op.responses[ok_codes[0]], op) if ok_codes else None
    recorder = Recorder(expected)
    group = getattr(Api(recorder), op.tag)
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for param in op.parameters:
        if param.location == "path":
            args.append(_argument(param))
        elif param.location == "query":
            kwargs[snake(param.name)] = _argument(param)
    body = _example(op.request_schema)
    if op.request_schema is not None:
        file = op.request_schema["$ref"].rsplit("/", 1)[-1]
        args.append(wire.load(file, body))

    result = getattr(group, snake(op.operation_id))(*args, **kwargs)

    [sent] = recorder.sent
    assert (sent.method, sent.operation_id, sent.idempotent) == (
        op.method,
        op.operation_id,
        op.idempotent,
    )
    assert op.pattern.match(sent.path), sent.path
    assert json.loads(sent.content) == body if sent.content else body is None
    assert wire.dump(result) == expected


def test_the_client_still_sends_the_web_apps_canonical_form() -> None:
    """Loosening the request schemas (issue 8) changes nothing the client sends: the
    X-Device carries every field the web app sends, and a batch built from `Task`
    models keeps their client-made ids and dumps exactly what the web app posts."""
    headers = HeaderFactory(ClientOptions(), "6940c239ae8dc70ae62c4684", "696b93b42c6f3230e0a4238f")
    device = json.loads(headers.build(trace_id="t", csrf_token=None, has_body=False)["X-Device"])
    schema = spec.load().resolve({"$ref": "x-device.json"})
    assert set(device) == set(schema["properties"])
    assert set(schema["required"]) == {"platform", "version", "id"}

    body = _seed("002-pin-request")
    tasks = [Task.model_validate(t) for t in body["update"]]
    model = TaskBatchRequest(**{**body, "update": tasks})
    assert all(isinstance(item, Task) for item in model.update or [])
    assert wire.dump(model) == body
    Api(recorder := Recorder(_seed("002-pin-response"))).tasks.batch_task(model)
    assert json.loads(recorder.sent[0].content or b"") == body


def test_an_operation_with_its_own_servers_carries_them_by_region() -> None:
    """focusOp lives on ms.ticktick.com; its stub pairs each spec server with the
    operation's, and `url` picks the pair of the client's base URL."""
    from tickspec_generated.endpoints import focus
    from tickspec_generated.models.focus_op_request import FocusOpRequest

    request = focus.focus_op(FocusOpRequest(last_point=0, op_list=[])).request
    assert request.servers == (
        ("https://api.ticktick.com", "https://ms.ticktick.com"),
        ("https://api.dida365.com", "https://ms.dida365.com"),
    )
    assert request.url("https://api.ticktick.com") == "https://ms.ticktick.com/focus/batch/focusOp"
    assert request.url("https://api.dida365.com") == "https://ms.dida365.com/focus/batch/focusOp"
    assert request.url("http://127.0.0.1:8123") == "http://127.0.0.1:8123/focus/batch/focusOp"
    from codegen.endpoints import operations
    from codegen.paths import DEFAULT_SCHEMAS
    from codegen.spec import load_spec

    own = {op.operation_id for op in operations(load_spec(DEFAULT_SCHEMAS)) if op.servers}
    assert own == {"focusOp", "oauthAuthorize", "oauthExchangeCode"}


def test_servers_that_do_not_pair_with_the_specs_are_a_one_line_error(
    tmp_path: Path,
) -> None:
    from codegen.endpoints import render_endpoints
    from codegen.paths import DEFAULT_SCHEMAS
    from codegen.spec import SpecError, load_spec

    schemas = tmp_path / "schemas"
    shutil.copytree(DEFAULT_SCHEMAS, schemas)
    text = (schemas / "openapi.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "      - url: https://ms.dida365.com\n"
        "        description: Dida365 focus service (inferred)\n",
        "",
    )
    assert broken != text
    (schemas / "openapi.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(SpecError) as caught:
        render_endpoints(load_spec(schemas))
    assert str(caught.value) == (
        "openapi.yaml POST /focus/batch/focusOp: servers lists 1 server(s), the spec 2;"
        " pair them by position"
    )
