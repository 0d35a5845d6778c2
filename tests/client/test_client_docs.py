"""Issue 20 point 3: the client documents itself and refuses typos before sending.

Signatures and docstrings as `help()`, `inspect` and notebooks see them, the
managers listed on `Client`, a misspelt `**fields` keyword refused before any
request (at runtime and by mypy), the TICKTICK_* environment and the
`tickspec` logger.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import pydoc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import tickspec
from tickspec.client import AsyncClient, Client
from tickspec.managers._fields import FieldCheck
from tickspec.managers._flow import operation, paginated

ROOT = Path(__file__).resolve().parents[2]
MANAGERS = [
    "tasks",
    "projects",
    "tags",
    "filters",
    "columns",
    "habits",
    "search",
    "user",
    "focus",
    "countdowns",
    "comments",
]


class CountingServer:
    """An httpx transport standing in for TickTick: counts requests, answers `{}`."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, json={})


@pytest.fixture
def server() -> CountingServer:
    return CountingServer()


@pytest.fixture
def client(server: CountingServer) -> Iterator[Client]:
    http = httpx.Client(transport=httpx.MockTransport(server))
    with Client(token="t", http_client=http, max_retries=0) as made:
        yield made


def public_methods(manager: Any) -> Iterator[tuple[str, Any]]:
    """Every public operation of a manager instance, by name, as the user gets it."""
    for name, attr in inspect.getmembers(type(manager)):
        if not name.startswith("_") and isinstance(attr, operation | paginated):
            yield name, getattr(manager, name)


def test_blocking_method_shows_the_flows_parameters_and_its_result() -> None:
    method = Client(token="t").tasks.create
    signature = inspect.signature(method)
    assert list(signature.parameters)[:3] == ["title", "project_id", "content"]
    assert signature.parameters["priority"].annotation == "Literal[0, 1, 3, 5]"
    assert signature.return_annotation == "Task"
    assert method.__name__ == "create"
    assert method.__qualname__ == "TasksManager.create"
    assert "Create a task" in (method.__doc__ or "")


def test_each_mode_has_its_own_result_annotation() -> None:
    sync, asyncc = Client(token="t"), AsyncClient(token="t")
    get_sync, get_async = sync.tasks.get, asyncc.tasks.get
    assert inspect.signature(get_sync).return_annotation == "Task"
    assert inspect.iscoroutinefunction(get_async)
    assert inspect.signature(get_async).return_annotation == "Task"
    raw = inspect.signature(sync.with_raw_response.tasks.get)
    assert raw.return_annotation == "RawResponse[Task]"
    assert inspect.signature(sync.tasks.iter_completed).return_annotation == "Iterator[Task]"
    assert inspect.signature(asyncc.tasks.iter_completed).return_annotation == (
        "AsyncIterator[Task]"
    )
    assert list(inspect.signature(get_async).parameters) == ["task_id", "project_id", "options"]
    asyncio.run(asyncc.close())


def test_every_public_manager_method_has_a_docstring_and_a_real_signature() -> None:
    client = Client(token="t")
    seen = 0
    undocumented = []
    for manager_name in MANAGERS:
        for name, method in public_methods(getattr(client, manager_name)):
            seen += 1
            signature = inspect.signature(method)
            assert "self" not in signature.parameters, name
            assert not str(signature.return_annotation).startswith("Flow["), name
            if not (method.__doc__ or "").strip():
                undocumented.append(f"{manager_name}.{name}")
    assert seen >= 100
    assert undocumented == []


def test_help_of_client_lists_the_managers() -> None:
    text = pydoc.render_doc(Client, renderer=pydoc.plaintext)  # type: ignore[attr-defined]
    for name in MANAGERS:
        assert f"\n |  {name}\n" in text, name
    assert "Tasks and their checklists" in text
    assert "TICKTICK_TOKEN" in text


def test_a_misspelt_field_raises_naming_the_intended_one_before_any_request(
    client: Client, server: CountingServer
) -> None:
    with pytest.raises(TypeError, match=r"'due_dat'; did you mean 'due_date'\?"):
        client.tasks.create("x", due_dat="2026-03-01")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"update_fields\(\) .* 'titel'; did you mean 'title'"):
        client.tasks.update_fields("a" * 24, titel="y")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"'colr'; did you mean 'color'"):
        client.projects.create("p", colr="red")  # type: ignore[call-arg]
    assert server.requests == []


def test_wire_names_and_fields_newer_than_the_spec_are_still_accepted(
    client: Client, server: CountingServer
) -> None:
    check = type(client.tasks).update_fields._check_fields
    assert check is not None
    check({"due_date": 1, "dueDate": 2, "is_floating": True, "x_future_field": 3})
    with pytest.raises(TypeError, match="'isFloatin'; did you mean 'is_floating'"):
        check({"isFloatin": 1})


def test_mypy_flags_a_misspelt_field(tmp_path: Path) -> None:
    snippet = tmp_path / "typo.py"
    snippet.write_text(
        "import tickspec\n"
        "client = tickspec.Client(token='t')\n"
        "client.tasks.update_fields('id', due_dat='2026-03-01')\n"
        "client.tasks.create('x', priority=2)\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary", str(snippet)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert 'Unexpected keyword argument "due_dat"' in result.stdout, result.stdout
    assert 'Argument "priority"' in result.stdout, result.stdout
    assert result.stdout.count("error:") == 2, result.stdout


def test_credentials_and_base_url_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TICKTICK_TOKEN", "from-env")
    monkeypatch.setenv("TICKTICK_BASE_URL", "http://127.0.0.1:9")
    client = Client()
    assert client.token == "from-env"
    assert client.options.base_url == "http://127.0.0.1:9"
    assert Client(token="given").token == "given"
    assert Client(base_url="http://example.test").options.base_url == "http://example.test"


def test_username_and_password_come_from_the_environment_as_a_pair(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("TICKTICK_TOKEN", raising=False)
    monkeypatch.setenv("TICKTICK_USERNAME", "me@example.com")
    monkeypatch.setenv("TICKTICK_PASSWORD", "secret")
    assert Client()._core.auth.session.has_credentials
    monkeypatch.delenv("TICKTICK_PASSWORD")
    with pytest.raises(ValueError, match="TICKTICK_PASSWORD is not set"):
        Client()


def test_each_attempt_is_logged_without_secrets(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG, logger="tickspec"):
        client.user.get_settings()
    lines = [r.getMessage() for r in caplog.records if r.name == "tickspec"]
    assert lines == ["GET /api/v2/user/preferences/settings -> 200 (attempt 1, getUserSettings)"]
    assert all("t" not in map(str, r.args or ()) for r in caplog.records)


def test_tickspec_log_env_turns_debug_logging_on() -> None:
    code = (
        "import httpx, tickspec\n"
        "ok = lambda request: httpx.Response(200, json={})\n"
        "http = httpx.Client(transport=httpx.MockTransport(ok))\n"
        "tickspec.Client(token='secret-token', http_client=http).user.get_settings()\n"
    )
    env = {"TICKSPEC_LOG": "debug", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "tickspec: GET /api/v2/user/preferences/settings -> 200 (attempt 1" in result.stderr
    assert "secret-token" not in result.stderr


def test_a_new_client_imports_no_endpoint_module_until_one_is_used() -> None:
    code = (
        "import sys, tickspec\n"
        "client = tickspec.Client(token='t')\n"
        "loaded = lambda: sorted(m for m in sys.modules if m.startswith("
        "'tickspec_generated.endpoints.') and m != 'tickspec_generated.endpoints._base')\n"
        "print(loaded(), 'pydantic.main' in sys.modules)\n"
        "client.tasks\n"
        "print(loaded())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    before, after = result.stdout.splitlines()
    assert before == "[] False"
    assert "'tickspec_generated.endpoints.tasks'" in after
    assert "'tickspec_generated.endpoints.open'" not in after


def test_api_groups_and_package_names_load_on_first_access() -> None:
    from tickspec_generated import endpoints

    api = Client(token="t").api
    assert api.tasks is api.tasks
    assert endpoints.TasksApi is type(api.tasks)
    assert tickspec.Client is Client


def test_every_fields_typeddict_is_used_once_and_never_overlaps_its_method() -> None:
    from tickspec_generated import fields as generated_fields

    client = Client(token="t")
    used: dict[str, str] = {}
    for manager_name in MANAGERS:
        for name, method in public_methods(getattr(client, manager_name)):
            check = getattr(
                getattr(type(getattr(client, manager_name)), name), "_check_fields", None
            )
            if isinstance(check, FieldCheck):
                keys = set(getattr(generated_fields, check.typed_dict).__annotations__)
                own = set(inspect.signature(method).parameters) - {"fields"}
                assert keys & own == set(), f"{manager_name}.{name}"
                used[check.typed_dict] = f"{manager_name}.{name}"
    assert set(generated_fields.FIELD_MODELS) - set(used) == set()
