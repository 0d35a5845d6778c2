"""`tickspec serve --oauth-app ID:SECRET:REDIRECT_URI` and the printed personal API token."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx

from tickspec.cli import build_parser
from tickspec.server.cli import EXIT_BAD_INPUT, serve


def test_oauth_apps_are_repeatable_and_a_malformed_one_exits_2() -> None:
    args = build_parser().parse_args(
        ["serve", "--oauth-app", "a:s:https://a.example/cb", "--oauth-app", "b:t:http://127.0.0.1/"]
    )
    assert args.oauth_app == ["a:s:https://a.example/cb", "b:t:http://127.0.0.1/"]
    assert serve(build_parser().parse_args(["serve", "--oauth-app", "id-only"])) == EXIT_BAD_INPUT
    assert (
        serve(build_parser().parse_args(["serve", "--oauth-app", "id:secret:"])) == EXIT_BAD_INPUT
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_serve_registers_the_app_and_prints_the_personal_token() -> None:
    port = _free_port()
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--port", str(port),
               "--oauth-app", "my-app:my-secret:https://app.example/cb",
               "--api-token", "PERSONAL-1", "--log-level", "warning"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        banner = [process.stdout.readline() for _ in range(4)]
        assert any("personal API token PERSONAL-1" in line for line in banner), banner
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, trust_env=False, timeout=2.0) as client:
            deadline = time.monotonic() + 20
            while True:
                try:
                    client.get("/__tickspec__/health")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "tickspec serve did not start"
                    time.sleep(0.1)
            query = {"client_id": "my-app", "scope": "tasks:read", "response_type": "code"}
            approved = client.get("/oauth/authorize", params=query)
            refused = client.get(
                "/oauth/authorize", params={**query, "redirect_uri": "https://evil.example/"}
            )
            listed = client.get("/open/v1/project", headers={"Authorization": "Bearer PERSONAL-1"})
        assert approved.status_code == 302
        assert approved.headers["location"].startswith("https://app.example/cb?code=")
        assert refused.status_code == 400
        assert listed.status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
