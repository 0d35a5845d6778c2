"""Record public clients' traffic against `tickspec serve` as redacted HAR captures.

    uv run python fixtures_har/peers/record.py                 # all clients
    uv run python fixtures_har/peers/record.py pyticktick      # one (or several)
    uv run python fixtures_har/peers/record.py --keep-failed   # write captures with failures too

For each client of CLIENTS, at its pinned version:
1. a throwaway virtual environment (uv venv + uv pip install) in a temporary folder;
2. `tickspec serve --seed-demo --port 0 --record raw.har` on 127.0.0.1 (the
   server records every exchange itself, see tickspec/server/recorder.py, with
   `https://api.ticktick.com` in the URLs so the capture reads like the real
   service's);
3. drivers/drive_<client>.py, run by that environment's Python: the client's
   own calls, headers and paths, only its base URL patched; one JSON line per
   scenario step;
4. `tickspec import raw.har --out fixtures_har/peers/<client>-<version>.har --force`
   (redaction: token, password, email, ids), written only when every recorded
   request answered 2xx and the driver ran to its end (or with --keep-failed).

It prints, per client, the steps attempted, those that succeeded, and each
failure with the server's answer. Exit 0 when every capture was written, 1
otherwise, 2 when uv is missing. Needs the package index (uv downloads the
clients); talks to nothing but 127.0.0.1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DRIVERS = HERE / "drivers"
PYTHON = "3.11"

CLIENTS = {
    "pyticktick": "0.3.0",
    "ticktick-sdk": "0.4.3",
    "ticktick-py": "2.0.3",
}
USERNAME = "demo@example.com"
PASSWORD = "tickspec-demo"
BANNER = re.compile(r"tickspec local TickTick on http://127\.0\.0\.1:(\d+)")


@dataclass
class Result:
    client: str
    version: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    entries: int = 0
    written: Path | None = None
    problem: str = ""

    @property
    def clean(self) -> bool:
        """Every request answered 2xx and the driver ran to its end. A step whose
        requests all answered 2xx but whose client then failed (its model refusing an
        answer) is reported, and does not keep the capture out: the traffic is fine."""
        finished = bool(self.steps) and all(s["step"] != "driver" for s in self.steps)
        return finished and self.entries > 0 and not self.failed_requests and not self.problem


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False, **kwargs)


def install(client: str, version: str, venv: Path) -> str:
    """Python of a fresh environment holding `client==version`; raises on failure."""
    made = run(["uv", "venv", "--quiet", "--python", PYTHON, str(venv)])
    if made.returncode != 0:
        raise RuntimeError(f"uv venv failed: {made.stderr.strip()[-300:]}")
    python = str(venv / "bin" / "python")
    added = run(["uv", "pip", "install", "--quiet", "--python", python, f"{client}=={version}"])
    if added.returncode != 0:
        raise RuntimeError(f"uv pip install failed: {added.stderr.strip()[-300:]}")
    return python


def start_server(
    raw: Path, token: str, extra: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[str], str]:
    """`tickspec serve --seed-demo` on a free port of 127.0.0.1, recording to `raw`
    (`extra`: more serve arguments); (process, base URL)."""
    command = [sys.executable, "-m", "tickspec.cli", "serve", "--seed-demo", "--port", "0",
               "--token", token, "--record", str(raw), "--log-level", "warning"]  # fmt: skip
    command += extra
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    banner = server.stdout.readline()
    match = BANNER.search(banner)
    if match is None:
        server.kill()
        raise RuntimeError(f"tickspec serve did not start (exit {server.wait()})")
    return server, f"http://127.0.0.1:{match.group(1)}"


def stop(server: subprocess.Popen[str]) -> None:
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def drive(
    python: str, driver: Path, base: str, token: str, extra: tuple[str, ...] = ()
) -> list[dict[str, Any]]:
    """Run `driver` with the peer's Python; its steps, one dict per JSON line it printed
    (a last `driver` step when it did not exit 0)."""
    done = run(
        [python, str(driver), "--base", base, "--username", USERNAME, "--password", PASSWORD,
         "--token", token, *extra],
        timeout=600,
        env={**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"},
    )  # fmt: skip
    steps = []
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            steps.append(json.loads(line))
    if done.returncode != 0:
        tail = " ".join(done.stderr.strip().splitlines()[-1:])[:300]
        steps.append({"step": "driver", "ok": False, "error": f"exit {done.returncode}: {tail}"})
    return steps


def failures(raw: Path) -> tuple[int, list[str]]:
    """(entries recorded, one line per non-2xx answer: request and the server's message)."""
    entries = json.loads(raw.read_text("utf-8"))["log"]["entries"]
    bad = []
    for entry in entries:
        status = entry["response"]["status"]
        # the authorize page's success is its 302 to the redirect URI with the code
        authorized = status == 302 and "/oauth/authorize" in entry["request"]["url"]
        if not 200 <= status < 300 and not authorized:
            request = entry["request"]
            path = request["url"].split("api.ticktick.com", 1)[-1]
            text = entry["response"]["content"].get("text", "")
            try:
                body = json.loads(text)  # TickTick's error body, or OAuth's (RFC 6749)
                message = body.get("errorMessage", body.get("error_description", text))
            except (ValueError, AttributeError):
                message = text
            bad.append(f"{request['method']} {path[:80]} -> {status}: {str(message)[:200]}")
    return len(entries), bad


@dataclass(frozen=True)
class Scenario:
    """What to run for one client: its driver, where its capture goes, and the extra
    arguments of the server (an OAuth app) and of the driver (that app's credentials)."""

    driver: Path
    out: Path
    serve_args: tuple[str, ...] = ()
    driver_args: tuple[str, ...] = ()


def web_scenario(client: str, version: str) -> Scenario:
    """The web API scenario of `client` (drivers/drive_<client>.py)."""
    return Scenario(
        DRIVERS / f"drive_{client.replace('-', '_')}.py", HERE / f"{client}-{version}.har"
    )


def record(
    client: str, version: str, work: Path, keep_failed: bool, scenario: Scenario | None = None
) -> Result:
    """Install `client`, run its scenario against a recording server, redact the capture."""
    scenario = scenario or web_scenario(client, version)
    result = Result(client, version)
    token = secrets.token_hex(40).upper()
    raw = work / "raw.har"
    try:
        python = install(client, version, work / "venv")
        server, base = start_server(raw, token, scenario.serve_args)
        try:
            result.steps = drive(python, scenario.driver, base, token, scenario.driver_args)
        finally:
            stop(server)
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        result.problem = str(exc)
        return result
    result.entries, result.failed_requests = failures(raw)
    if result.clean or keep_failed:
        result.problem, result.written = redact(raw, scenario.out)
    return result


def redact(raw: Path, out: Path) -> tuple[str, Path | None]:
    """`tickspec import raw --out out`: ("", out), or (the problem, None)."""
    imported = run(
        [sys.executable, "-m", "tickspec.cli", "import", str(raw), "--out", str(out), "--force"],
        cwd=ROOT,
    )
    if imported.returncode != 0:
        return f"tickspec import failed: {imported.stderr.strip()[:300]}", None
    return "", out


def report(result: Result) -> None:
    ok = [s for s in result.steps if s.get("ok")]
    served = result.entries - len(result.failed_requests)
    print(f"{result.client} {result.version}: {len(ok)}/{len(result.steps)} steps succeeded, "
          f"{served}/{result.entries} requests 2xx")  # fmt: skip
    for step in result.steps:
        if not step.get("ok"):
            print(f"  step {step['step']!r} failed: {step['error']}")
    for line in result.failed_requests:
        print(f"  request {line}")
    if result.problem:
        print(f"  problem: {result.problem}")
    print(f"  capture: {result.written or 'not written'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clients", nargs="*", choices=[[], *CLIENTS], default=[])
    parser.add_argument("--keep-failed", action="store_true", help="write captures with failures")
    args = parser.parse_args(argv)
    if shutil.which("uv") is None:
        print("record.py: uv is not installed (pip install uv)", file=sys.stderr)
        return 2
    chosen = args.clients or list(CLIENTS)
    results = []
    for client in chosen:
        with tempfile.TemporaryDirectory(prefix=f"tickspec-peer-{client}-") as tmp:
            results.append(record(client, CLIENTS[client], Path(tmp), args.keep_failed))
        report(results[-1])
    return 0 if all(r.written is not None and r.clean for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
