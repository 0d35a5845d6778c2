"""Issue 2: the generated endpoint stubs build the requests the spec describes.

A recording sender stands in for the runtime transport, so these tests see the
exact `ApiRequest` each stub makes and feed it a canned 2xx body.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from tickspec import spec, wire
from tickspec_generated.endpoints import Api, ApiRequest, ApiResponse, AsyncApi

SEEDS = Path(__file__).parent / "seed_bodies"


class Recorder:
    """Answers every request with one canned body and remembers what was sent."""

    def __init__(self, body: Any = None, status: int = 200) -> None:
        self.sent: list[ApiRequest] = []
        self._content = b"" if body is None else json.dumps(body).encode()
        self._status = status

    def send(self, request: ApiRequest) -> ApiResponse:
        self.sent.append(request)
        return ApiResponse(self._status, self._content)


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
    assert (sent.method, sent.path, sent.operation_id) == ("POST", "/api/v2/batch/task", "batchTask")
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
    sync, aio = Recorder({"id2etag": {}, "id2error": {}}), AsyncRecorder({"id2etag": {}, "id2error": {}})

    Api(sync).habits.batch_habit_checkin(request_model)
    asyncio.run(AsyncApi(aio).habits.batch_habit_checkin(request_model))

    assert sync.sent == aio.sent
    assert json.loads(sync.sent[0].content or b"") == body


@pytest.mark.parametrize("op", spec.load().operations, ids=lambda op: op.operation_id)
def test_every_operation_has_a_stub_with_the_spec_idempotency(op: spec.Operation) -> None:
    groups = Api(Recorder())
    group = getattr(groups, op.tag)
    from codegen.endpoints import snake

    assert callable(getattr(group, snake(op.operation_id)))
