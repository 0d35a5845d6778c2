"""`tickspec serve`: arguments, and a real run in a subprocess on 127.0.0.1."""

from __future__ import annotations

import json
import re
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tickspec.cli import build_parser
from tickspec.server.cli import EXIT_BIND_FAILED, FD_RESERVE, fit_descriptors, serve
from tickspec.server.limits import ADMIN_CONNECTIONS
from tickspec.server.testing import DEVICE


def test_serve_arguments_and_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert args.handler is serve
    assert (args.host, args.port, args.seed_demo, args.token) == ("127.0.0.1", 8765, False, None)
    args = build_parser().parse_args(
        ["serve", "--port", "9000", "--user", "u@x", "--password", "p", "--token", "T",
         "--seed-demo", "--fault", '{"status": 429}']
    )  # fmt: skip
    assert (args.port, args.user, args.password, args.token) == (9000, "u@x", "p", "T")
    assert args.seed_demo is True and args.fault == ['{"status": 429}']


def test_bad_fault_exits_2() -> None:
    args = build_parser().parse_args(["serve", "--fault", "{nope"])
    assert serve(args) == 2
    args = build_parser().parse_args(["serve", "--fault", '{"when": "never", "status": 500}'])
    assert serve(args) == 2
    nan_body = '{"status": 500, "body": {"x": NaN}}'  # would make every answer invalid JSON
    assert serve(build_parser().parse_args(["serve", "--fault", nan_body])) == 2


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_runs_a_server_with_the_given_account() -> None:
    port = _free_port()
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--port", str(port),
               "--token", "CLITOKEN", "--seed-demo", "--log-level", "warning",
               "--allow-host", "tickspec.test"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, trust_env=False, timeout=2.0) as client:
            deadline = time.monotonic() + 20
            while True:
                try:
                    client.get("/__tickspec__/health")
                    break
                except httpx.TransportError:
                    assert process.poll() is None, process.stderr.read() if process.stderr else ""
                    assert time.monotonic() < deadline, "tickspec serve did not start"
                    time.sleep(0.1)
            client.cookies.set("t", "CLITOKEN")
            device = {"X-Device": json.dumps(DEVICE)}
            habits = client.get("/api/v2/habits", headers=device)
            named = client.get("/api/v2/habits", headers={**device, "Host": "tickspec.test"})
            rebound = client.get("/api/v2/habits", headers={**device, "Host": "evil.test"})
        assert habits.status_code == 200
        assert len(habits.json()) == 2
        assert named.status_code == 200 and rebound.status_code == 421
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_descriptor_limit_is_raised_to_fit_the_cap_or_the_cap_lowered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    limit = {"soft": 256, "hard": 400}

    def setrlimit(_: int, value: tuple[int, int]) -> None:
        if value[0] > limit["hard"]:
            raise ValueError("not allowed")
        limit["soft"] = value[0]

    monkeypatch.setattr(resource, "getrlimit", lambda _: (limit["soft"], limit["hard"]))
    monkeypatch.setattr(resource, "setrlimit", setrlimit)
    assert fit_descriptors(200) == 200  # needs 200 + 32 admin + 64: raised from 256 to 296
    assert limit["soft"] == 200 + ADMIN_CONNECTIONS + FD_RESERVE
    assert fit_descriptors(500) == 400 - ADMIN_CONNECTIONS - FD_RESERVE  # the hard limit binds
    assert limit["soft"] == 400


def test_a_port_in_use_exits_4_without_a_banner() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "tickspec.cli", "serve", "--port", str(port)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert done.returncode == EXIT_BIND_FAILED == 4
    assert done.stdout == ""  # no "tickspec local TickTick on ..." before the bind worked
    assert done.stderr.startswith(f"tickspec serve: cannot listen on 127.0.0.1:{port}: ")
    assert done.stderr.count("\n") == 1


def test_port_0_prints_the_bound_port_and_record_writes_a_har(tmp_path: Path) -> None:
    record = tmp_path / "rec.har"
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--port", "0", "--token", "T",
               "--record", str(record), "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        match = re.match(r"tickspec local TickTick on http://127\.0\.0\.1:(\d+)$", banner.strip())
        assert match and int(match.group(1)) > 0
        with httpx.Client(base_url=f"http://127.0.0.1:{match.group(1)}", trust_env=False) as c:
            c.cookies.set("t", "T")
            status = c.get("/api/v2//user/status", headers={"X-Device": json.dumps(DEVICE)})
        assert status.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    [entry] = json.loads(record.read_text("utf-8"))["log"]["entries"]
    assert entry["request"]["url"] == "https://api.ticktick.com/api/v2//user/status"
    assert entry["response"]["status"] == 200
    assert json.loads(entry["response"]["content"]["text"])["username"] == "demo@example.com"
    assert {"name": "t", "value": "T"} in entry["request"]["cookies"]


def test_the_listening_socket_says_tcp_so_asyncio_turns_nagle_off() -> None:
    """asyncio sets TCP_NODELAY on accepted connections only when the listening socket's
    `proto` is IPPROTO_TCP; with proto 0 every keep-alive answer waited ~40 ms for the
    client's delayed ACK (the benchmark's 300 GETs went from 0.5 s to 12.7 s)."""
    import asyncio
    import socket

    from tickspec.server.cli import bind

    listening = bind("127.0.0.1", 0)
    port = listening.getsockname()[1]

    async def accepted_nodelay() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        def on_connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            conn = writer.get_extra_info("socket")
            seen.set_result(conn.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connection, sock=listening)
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(seen, 5)
            writer.close()
        return value

    assert listening.proto == socket.IPPROTO_TCP
    assert asyncio.run(accepted_nodelay()) != 0
