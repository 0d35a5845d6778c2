"""Every example capture replayed through its operation's generated stub.

`tickspec generate` writes `fixtures_har/<operationId>-example.har` from each
operation's captured example in schemas/openapi.yaml (codegen/captures.py). Each
one is replayed here against the local server (demo seed, answers validated where
they are made): the capture's path and query parameters and its request body go
through `client.api.<tag>.<operation>(...)`, and the answer must have the
example's status and fit the response schema; an `x-tickspec-serve: example`
operation must answer the example itself. `tickspec doctor` counts this file as the
test of every operation with an example capture, so a new write with an example and
a handler needs no test of its own.

An example's request is therefore one the demo server can answer: ids it names
are the seed's (tickspec/server/seed.py), or the write creates what it names.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

import httpx
import pytest

import tickspec
from codegen import captures
from codegen.endpoints import Operation as Stub
from codegen.endpoints import Param
from codegen.endpoints import operations as stub_operations
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import load_spec
from tests.paths import FIXTURES
from tickspec import wire
from tickspec.contract import builder
from tickspec.open_api import OpenClient
from tickspec.server import declared, served
from tickspec.server.testing import ServerHandle, server_fixture
from tickspec.spec import Operation, load

SPEC = load()
STUBS = {op.operation_id: op for op in stub_operations(load_spec(DEFAULT_SCHEMAS))}
PROJECT = "6940c3d51263b74715346bd6"
FOCUS = "6a1f0c2e8f08904035b30001"
server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


def example_captures(folder: Path) -> list[Path]:
    """The captures `tickspec generate` wrote (a hand scenario is never one)."""
    return [
        path
        for path in sorted(folder.glob(f"*{captures.SUFFIX}.har"))
        if captures.is_generated(path.read_text(encoding="utf-8"))
    ]


@dataclass(frozen=True)
class Replay:
    """One captured request as the stub's arguments, and the answer captured for it."""

    op: Operation
    stub: Stub
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    status: int
    answer: Any


def _path_values(template: str, path: str) -> dict[str, str]:
    pattern = re.sub(r"\\\{([^}]+)\\\}", r"(?P<\1>[^/]+)", re.escape(template))
    found = re.fullmatch(pattern, path)
    assert found is not None, f"{path} does not fit {template}"
    return {name: unquote(value) for name, value in found.groupdict().items()}


def _typed(param: Param, texts: list[str]) -> Any:
    """A captured parameter's text as the stub's annotation takes it."""
    one = texts[-1]
    if param.style == "list":
        return texts
    if param.style == "bool":
        return one == "true"
    numbers = param.annotation.startswith("Literal[") and not param.annotation.startswith(
        'Literal["'
    )
    if param.annotation == "int" or numbers:
        return int(one)
    if param.annotation == "float":
        return float(one)
    return one


def _body(stub: Stub, text: str | None) -> Any:
    """The request body as the stub takes it: a model instance, or the JSON value."""
    if stub.body is None or text is None:
        return None
    value = json.loads(text)
    module = importlib.import_module(f"tickspec_generated.models.{stub.body.module}")
    kind = getattr(module, stub.body.name)
    return kind.model_validate(value) if stub.body.is_model else value


def replay_of(entry: dict[str, Any]) -> Replay:
    """The stub call that sends the entry's request again."""
    request, response = entry["request"], entry["response"]
    url = urlsplit(str(request["url"]))
    op = SPEC.match(str(request["method"]), url.path)
    assert op is not None, f"{request['method']} {url.path} is in no operation"
    stub = STUBS[op.operation_id]
    in_path = _path_values(op.path, url.path)
    query: dict[str, list[str]] = {}
    for name, value in parse_qsl(url.query, keep_blank_values=True):
        query.setdefault(name, []).append(value)
    args: list[Any] = [_typed(p, [in_path[p.wire]]) for p in stub.path_params]
    body = _body(stub, (request.get("postData") or {}).get("text"))
    if stub.body is not None:
        args.append(body)
    kwargs = {p.name: _typed(p, query[p.wire]) for p in stub.query_params if p.wire in query}
    text = response["content"].get("text") or ""
    return Replay(
        op, stub, tuple(args), kwargs, int(response["status"]), json.loads(text) if text else None
    )


def call(handle: ServerHandle, replay: Replay) -> tuple[int, Any]:
    """(status, JSON body) of the server's answer to the stub call."""
    seen: list[httpx.Response] = []

    def keep(response: httpx.Response) -> None:
        response.read()
        seen.append(response)

    stub = replay.stub
    with httpx.Client(trust_env=False, timeout=10.0, event_hooks={"response": [keep]}) as http:
        if replay.op.path.startswith("/open/"):
            with OpenClient(
                access_token=handle.api_token, base_url=handle.base_url, http_client=http
            ) as open_client:
                method = getattr(getattr(open_client.api, stub.tag), stub.function)
                method(*replay.args, **replay.kwargs)
        else:
            with tickspec.Client(
                token=handle.token, base_url=handle.base_url, http_client=http
            ) as web:
                method = getattr(getattr(web.api, stub.tag), stub.function)
                method(*replay.args, **replay.kwargs)
    answer = seen[-1]
    return answer.status_code, (answer.json() if answer.content else None)


def check_replay(handle: ServerHandle, replay: Replay) -> Any:
    """Replay through the stub; the answer has the capture's status and fits the schema."""
    status, body = call(handle, replay)
    assert status == replay.status
    documented, schema = replay.op.response_schema(status)
    assert documented
    if schema is not None:
        assert [e.message for e in SPEC.validator(schema).errors(body)] == []
    assert handle.take_violations() == []
    return body


@pytest.fixture
def handle(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server
    assert server.take_violations() == []


@pytest.mark.parametrize("capture", example_captures(FIXTURES), ids=lambda path: path.stem)
def test_an_example_capture_replays_through_its_stub(handle: ServerHandle, capture: Path) -> None:
    [entry] = json.loads(capture.read_text(encoding="utf-8"))["log"]["entries"]
    replay = replay_of(entry)
    assert capture.name == f"{replay.op.operation_id}{captures.SUFFIX}.har"
    body = check_replay(handle, replay)
    if declared.serve_mode(served.node_of(SPEC, replay.op)) == declared.EXAMPLE:
        assert body == replay.answer  # served as captured


def test_only_generated_captures_are_replayed(tmp_path: Path) -> None:
    doc = builder.har([builder.entry("GET", builder.API + "/api/v2/habits")])
    (tmp_path / "handMade-example.har").write_text(builder.dumps(doc), encoding="utf-8")
    doc["log"]["comment"] = f"tickspec fixture getHabits-example: {captures.MARK} the example"
    (tmp_path / "getHabits-example.har").write_text(builder.dumps(doc), encoding="utf-8")
    (tmp_path / "getHabits.har").write_text(builder.dumps(doc), encoding="utf-8")
    assert [p.name for p in example_captures(tmp_path)] == ["getHabits-example.har"]


def test_a_write_replays_its_path_query_and_body_through_the_stub(handle: ServerHandle) -> None:
    """The replay itself, on a write with a handler and a typed body: the stub gets the
    model the body decodes to, and the server keeps what it was sent."""
    sent = {"timeZone": "Europe/Istanbul", "startDayOfWeek": 2}
    entry = builder.entry(
        "POST", builder.API + "/api/v2/user/preferences/settings", request_body=sent
    )
    replay = replay_of(entry)
    assert (replay.op.operation_id, replay.stub.function, replay.status) == (
        "updateUserSettings",
        "update_user_settings",
        200,
    )
    assert wire.dump(replay.args[0]) == sent
    body = check_replay(handle, replay)
    assert {key: body[key] for key in sent} == sent
    assert {key: handle.state()["documents"]["settings"][key] for key in sent} == sent


def test_path_and_query_parameters_come_from_the_captured_url() -> None:
    url = builder.API + f"/api/v2/project/{PROJECT}/closed"
    query = [("from", "2026-01-01 00:00:00"), ("limit", "5"), ("status", "Completed")]
    replay = replay_of(builder.entry("GET", url, query=query))
    assert (replay.op.operation_id, replay.args) == ("getClosedInProject", (PROJECT,))
    assert replay.kwargs == {"from_": "2026-01-01 00:00:00", "limit": 5, "status": "Completed"}
    url = builder.API + f"/open/v1/focus/{FOCUS}"
    replay = replay_of(builder.entry("GET", url, query=[("type", "1")]))
    assert (replay.op.operation_id, replay.args) == ("openGetFocus", (FOCUS,))
    assert replay.kwargs == {"type": 1}


def test_an_open_api_capture_replays_with_the_bearer_token(handle: ServerHandle) -> None:
    """An `/open/v1` operation goes through the Open API client (the personal token)."""
    replay = replay_of(builder.entry("GET", builder.API + "/open/v1/project", response_body=[]))
    assert (replay.op.operation_id, replay.stub.tag) == ("openListProjects", "open")
    projects = check_replay(handle, replay)
    assert sorted(p["name"] for p in projects) == sorted(
        p["name"] for p in handle.state()["projects"].values()
    )
