"""Hostile requests (issue 9): none may poison the store or get a non-JSON answer."""

from __future__ import annotations

import json
import math
import re
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tickspec.server.testing import ServerHandle, running_server, server_fixture
from tickspec.spec import load

SPEC = load()
TASK_ID = "696b8abc2c6f3277d1cc431a"
ERROR_KEYS = {"errorId", "errorCode", "errorMessage", "data"}

server = server_fixture(scope="module", seed_demo=True, max_body=256 * 1024)


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def strict_json(data: bytes) -> Any:
    """What a strict parser (a browser's JSON.parse, Java's) accepts: UTF-8, no NaN."""

    def refuse(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    return json.loads(data.decode("utf-8"), parse_constant=refuse)


def error_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body: dict[str, Any] = strict_json(response.content)
    assert set(body) == ERROR_KEYS
    assert "\n" not in body["errorMessage"]
    return body


def assert_healthy(server: ServerHandle, client: httpx.Client) -> None:
    """Sync and the admin state answer 200 with strict JSON: nothing poisoned the store."""
    sync = client.get("/api/v3/batch/check/0")
    assert sync.status_code == 200, sync.text
    strict_json(sync.content)
    with httpx.Client(base_url=server.base_url, trust_env=False) as admin:
        state = admin.get("/__tickspec__/state")
    assert state.status_code == 200
    strict_json(state.content)


def post_raw(client: httpx.Client, path: str, text: str) -> httpx.Response:
    return client.post(path, content=text.encode(), headers={"Content-Type": "application/json"})


def task_with(field: str) -> str:
    """A task add whose `title` is the raw JSON text `field` (escapes kept as written)."""
    return raw_add('"projectId": "inbox130208689", "title": ' + field)


def raw_add(fields: str) -> str:
    """`{"add": [{"id": TASK_ID, <fields>}]}` as text: `fields` is raw JSON, kept as written."""
    return '{"add": [{"id": "' + TASK_ID + '", ' + fields + "}]}"


def test_lone_surrogate_is_refused_and_sync_stays_valid(
    client: httpx.Client, server: ServerHandle
) -> None:
    body = error_of(post_raw(client, "/api/v2/batch/task", task_with('"\\ud800"')), 400)
    assert body["errorMessage"] == (
        "body $.add[0].title: a lone surrogate (U+D800..U+DFFF) is not Unicode text"
    )
    assert TASK_ID not in server.state()["tasks"]
    # a surrogate *pair* is a real character, and is stored
    assert post_raw(client, "/api/v2/batch/task", task_with('"\\ud83d\\ude00"')).status_code == 200
    assert server.state()["tasks"][TASK_ID]["title"] == "\U0001f600"
    assert_healthy(server, client)


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_refused(
    number: str, client: httpx.Client, server: ServerHandle
) -> None:
    text = raw_add('"projectId": "inbox1", "x-unknown": ' + number)
    body = error_of(post_raw(client, "/api/v2/batch/task", text), 400)
    assert body["errorMessage"].startswith("body: not valid JSON (")
    assert TASK_ID not in server.state()["tasks"]
    assert_healthy(server, client)


def test_deep_nesting_is_400_not_500(client: httpx.Client, server: ServerHandle) -> None:
    for depth in (100_000, 65):
        text = raw_add('"projectId": "inbox1", "x": ' + "[" * depth + "]" * depth)
        body = error_of(post_raw(client, "/api/v2/batch/task", text), 400)
        assert body["errorMessage"] == "body: nested deeper than 64 levels"
    assert_healthy(server, client)


def test_a_newline_in_the_path_is_not_routed_as_if_absent(
    client: httpx.Client, server: ServerHandle
) -> None:
    body = error_of(client.delete("/api/v2/tag/errands%0A"), 400)
    assert body["errorMessage"] == (
        "path: control character U+000A is not allowed: /api/v2/tag/errands\\n"
    )
    assert "errands" in server.state()["tags"]
    for path in ("/api/v2/no%0Athing", "/%0A", "/api/v2/task/%00", "/__tickspec__/state%0A"):
        error_of(client.get(path), 400)


def test_raw_control_characters_in_the_request_line_get_a_json_error(
    server: ServerHandle,
) -> None:
    port = int(server.base_url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(b"GET /api/v2/tag/a\x01b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = _read_all(sock)
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert set(strict_json(payload)) == ERROR_KEYS


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_double_slashes_are_collapsed(client: httpx.Client) -> None:
    assert client.get("/api/v2//user/status").status_code == 200
    assert client.get("/api//v3///batch/check/0").status_code == 200


def test_a_body_over_the_limit_is_413(client: httpx.Client, server: ServerHandle) -> None:
    big = task_with(json.dumps("x" * 300_000))
    body = error_of(post_raw(client, "/api/v2/batch/task", big), 413)
    assert body["errorCode"] == "payload_too_large"

    def chunks() -> Iterator[bytes]:  # no Content-Length: streamed, counted as it arrives
        yield big.encode()

    streamed = client.post(
        "/api/v2/batch/task", content=chunks(), headers={"Content-Type": "application/json"}
    )
    error_of(streamed, 413)
    assert TASK_ID not in server.state()["tasks"]
    assert_healthy(server, client)


def test_admin_answers_only_a_loopback_host_and_json(
    client: httpx.Client, server: ServerHandle
) -> None:
    client.post("/api/v2/batch/tag", json={"add": [{"name": "kept"}], "update": [], "delete": []})
    with httpx.Client(base_url=server.base_url, trust_env=False) as admin:
        rebinding = admin.post(
            "/__tickspec__/reset",
            json={},
            headers={"Host": "attacker.example:" + server.base_url.rsplit(":", 1)[1]},
        )
        assert error_of(rebinding, 403)["errorCode"] == "forbidden_host"
        assert error_of(admin.get("/__tickspec__/state", headers={"Host": "x.test"}), 403)
        cross_site = admin.post(
            "/__tickspec__/reset", content=b"{}", headers={"Content-Type": "text/plain"}
        )
        assert error_of(cross_site, 415)["errorCode"] == "unsupported_media_type"
        form = admin.post("/__tickspec__/faults", data={"status": "500"})
        error_of(form, 415)
        assert "kept" in server.state()["tags"] and server.stats()["faults"] == []
        for host in ("localhost", "127.0.0.1:1", "[::1]:8765", "LOCALHOST:80"):
            assert admin.get("/__tickspec__/health", headers={"Host": host}).status_code == 200
        error_of(admin.get("/__tickspec__/nothing"), 404)
        error_of(admin.get("/__tickspec__/reset"), 405)


def test_slow_headers_are_cut_off() -> None:
    """A client trickling its headers loses the connection after the header timeout,
    although every byte arrives before the keep-alive timer would have fired."""
    with running_server(header_timeout=0.3) as handle:
        port = int(handle.base_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            closed = False
            for byte in b"GET /__tickspec__/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " * 20:
                try:
                    sock.sendall(bytes([byte]))
                except OSError:  # reset by the server
                    closed = True
                    break
                sock.settimeout(0.05)
                try:
                    if sock.recv(1) == b"":
                        closed = True
                        break
                except TimeoutError:
                    pass
            assert closed


def test_connections_beyond_the_cap_get_a_json_503() -> None:
    with running_server(max_connections=2) as handle:
        port = int(handle.base_url.rsplit(":", 1)[1])
        held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as extra:
                extra.sendall(b"GET /api/v2/user/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                answer = _read_all(extra)
            head, _, payload = answer.partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 503 ")
            assert set(strict_json(payload)) == ERROR_KEYS
        finally:
            for sock in held:
                sock.close()


# -- property tests ------------------------------------------------------------

WRITES = [
    op
    for op in SPEC.operations
    if op.method in ("POST", "PUT", "DELETE") and op.request_schema is not None
]

hostile_scalars = st.one_of(
    st.text(alphabet=st.characters(codec=None), max_size=8),  # surrogates and controls too
    st.sampled_from([math.nan, math.inf, -math.inf, 1e308, -(2**63), 2**64]),
    st.integers(),
    st.booleans(),
    st.none(),
)
hostile_json = st.recursive(
    hostile_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(alphabet=st.characters(codec=None), max_size=6), inner, max_size=3
        )
    ),
    max_leaves=12,
)


def _planted(op_id: str, value: Any, depth: int) -> str:
    """A plausible body of `op_id` carrying `value` (nested `depth` deep) as a field."""
    nested = json.dumps(value)  # NaN/Infinity and "\\ud800" escapes, as an attacker writes
    nested = "[" * depth + nested + "]" * depth
    obj = (
        '{"id": "' + TASK_ID + '", "projectId": "inbox130208689", "name": "n", "title": "t", '
        '"x": ' + nested + "}"
    )
    if op_id.startswith("batch"):
        return '{"add": [' + obj + '], "update": [' + obj + '], "delete": []}'
    return obj


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    op=st.sampled_from(WRITES),
    value=hostile_json,
    depth=st.sampled_from([0, 1, 70, 5000]),
    raw=st.booleans(),
)
def test_no_json_posted_to_a_write_endpoint_leaves_the_server_failing(
    server: ServerHandle, op: Any, value: Any, depth: int, raw: bool
) -> None:
    """Property: whatever JSON-ish body (lone surrogates, NaN, huge numbers, deep nesting)
    reaches any write endpoint, the server answers it with JSON, and afterwards full sync
    and the admin state still answer 200 with strict JSON."""
    path = re.sub(r"\{[^}]+\}", TASK_ID, op.path).replace("inbox", "")
    text = (
        ("[" * depth + json.dumps(value) + "]" * depth)
        if raw
        else _planted(op.operation_id, value, depth)
    )
    with server.client() as client:
        response = client.request(
            op.method, path, content=text.encode("utf-8", "surrogatepass"),
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        if response.content:
            strict_json(response.content)
        assert_healthy(server, client)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.text(alphabet=st.characters(codec=None), min_size=1, max_size=30))
def test_every_path_gets_a_json_answer(server: ServerHandle, path: str) -> None:
    """Property: any path (percent-encoded, control characters and surrogates included)
    is answered with JSON, and an error answer carries TickTick's error body."""
    encoded = "/" + "".join(
        c if c.isascii() and (c.isalnum() or c in "/-_.") else
        "".join(f"%{b:02X}" for b in c.encode("utf-8", "surrogatepass"))
        for c in path
    )  # fmt: skip
    with server.client() as client:
        response = client.get(encoded)
    if response.status_code >= 400:
        assert set(strict_json(response.content)) == ERROR_KEYS
    elif response.content:
        strict_json(response.content)
