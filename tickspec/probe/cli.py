"""`tickspec probe`: the subcommand's arguments and its run, from sign-on to report.

Exit codes are `check`'s: 0 no failing finding, 1 failing drift, 2 unusable
input (no or refused credentials, a bad option), 3 a missing extra (the
`check` extra validates the capture); 130 after Ctrl-C (the sandbox is cleaned
up first).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from tickspec.contract.check_extras import add_arguments as extras_arguments
from tickspec.contract.cli import run_check, write_atomic
from tickspec.contract.findings import FAIL_ON_ALL, Severity
from tickspec.errors import AuthError, TickTickError
from tickspec.probe import coverage, plan, record
from tickspec.probe.pacing import DEFAULT_RATE, Pacer
from tickspec.probe.runner import Runner
from tickspec.probe.table import STEPS

EXIT_UNUSABLE = 2
EXIT_INTERRUPTED = 130
REGIONS = {"ticktick": "https://api.ticktick.com", "dida365": "https://api.dida365.com"}
NO_WEB_DELETE = (
    "needs a web session too (--token or --username/--password): the Open API has no "
    "delete for tags, habits or check-ins, so without the web API the probe would "
    "leave them behind"
)
AUTH_REASONS = {
    "signon": "signs on only with --username/--password (this run used a token)",
    "verifyMfa": "only with --mfa-code, on an account with two-factor sign-on",
}


def _fail(message: str) -> int:
    print(f"tickspec probe: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _http(pacer: Pacer, recorder: record.Recorder, timeout: float) -> httpx.Client:
    hooks: dict[str, list[Any]] = {
        "request": [pacer.before],
        "response": [pacer.after, recorder.after],
    }
    return httpx.Client(timeout=timeout, event_hooks=hooks)


def _reasons(args: argparse.Namespace, apis: Sequence[plan.Api]) -> dict[str, str]:
    """Why the operations with no step in this run's plan are left out of it."""
    reasons = {} if args.username else {"signon": AUTH_REASONS["signon"]}
    if not args.mfa_code:
        reasons["verifyMfa"] = AUTH_REASONS["verifyMfa"]
    chosen = {s.operation_id for s in plan.plan(STEPS, read_only=args.read_only, apis=apis)}
    for step in STEPS:
        if step.operation_id in chosen:
            continue
        if step.api not in apis:
            flag = "--open-api-token" if step.api == "open" else "--token or --username/--password"
            reasons.setdefault(step.operation_id, f"no {flag} given")
        elif not set(step.also) <= set(apis):
            reasons.setdefault(step.operation_id, NO_WEB_DELETE)
        elif args.read_only:
            reasons.setdefault(step.operation_id, "--read-only")
    return reasons


def _check_args(args: argparse.Namespace, path: Path, base_url: str) -> argparse.Namespace:
    host = urlsplit(base_url).hostname or ""
    return argparse.Namespace(
        paths=[str(path)],
        format=args.format,
        fail_on=args.fail_on,
        jobs=1,
        output=args.output,
        host=[host, *args.host],
        baseline=args.baseline,
        write_baseline=args.write_baseline,
        coverage=args.coverage,
        min_coverage=args.min_coverage,
    )


def _sign_on(client: Any, args: argparse.Namespace) -> None:
    if not args.username:
        return
    result = client.login()
    if result.mfa_required:
        if not args.mfa_code:
            raise AuthError("the account asks for a second factor: pass --mfa-code")
        client.verify_mfa(args.mfa_code)


def run_probe(args: argparse.Namespace) -> int:
    """The subcommand: plan, or run (or sweep) and report."""
    base_url = REGIONS.get(args.base_url, args.base_url).rstrip("/")
    if bool(args.username) != bool(args.password):
        return _fail("--username and --password go together")
    apis: list[plan.Api] = []
    if args.username or args.token:
        apis.append("web")
    if args.open_api_token:
        apis.append("open")
    steps = plan.plan(STEPS, read_only=args.read_only, apis=apis or ("web", "open"))
    if args.plan:
        skipped = {**coverage.SKIPPED, **_reasons(args, apis or ("web", "open"))}
        sys.stdout.write(plan.render(steps, skipped))
        return 0
    if not apis:
        return _fail(
            "no credentials: --token, --username/--password or --open-api-token "
            "(or TICKTICK_TOKEN, TICKTICK_USERNAME/TICKTICK_PASSWORD, "
            "TICKTICK_OPEN_API_TOKEN)"
        )
    try:
        pacer = Pacer(args.rate)
    except ValueError as exc:
        return _fail(str(exc))
    recorder = record.Recorder()
    from tickspec import Client
    from tickspec.open_api import OpenClient

    senders: dict[str, Any] = {}
    clients: list[Any] = []
    try:
        if "web" in apis:
            web = Client(
                token=args.token or None,
                username=args.username or None,
                password=args.password or None,
                base_url=base_url,
                relogin=False,
                http_client=_http(pacer, recorder, args.timeout),
            )
            clients.append(web)
            _sign_on(web, args)
            senders["web"] = web._transport
        if "open" in apis:
            opened = OpenClient(
                access_token=args.open_api_token,
                base_url=base_url,
                http_client=_http(pacer, recorder, args.timeout),
            )
            clients.append(opened)
            senders["open"] = opened._transport
        runner = Runner(senders)
        if args.cleanup:
            deleted = runner.sweep()
            _say(f"tickspec probe --cleanup: deleted {len(deleted)}: " + ", ".join(deleted))
            return _report(args, recorder, base_url, None) if args.out else 0
        _say(f"tickspec probe: run {runner.ctx.run_id}, {len(steps)} steps at {args.rate}/s")
        result = runner.run(steps)
    except TickTickError as exc:
        return _fail(f"cannot sign on: {exc}")
    finally:
        for client in clients:
            client.close()
            client._http.close()
    cov = coverage.measure(runner_spec(), steps, result, _reasons(args, apis))
    _say(cov.render().rstrip())
    for line in result.leftovers:
        _say(f"left behind (run `tickspec probe --cleanup`): {line}")
    if args.coverage_out:
        try:
            text = json.dumps(cov.to_json(), indent=2) + "\n"
            write_atomic(Path(args.coverage_out), text.encode("utf-8"))
        except OSError as exc:
            return _fail(f"{args.coverage_out}: cannot write ({exc.strerror or exc})")
    code = _report(args, recorder, base_url, cov)
    if result.stopped:
        _say(f"tickspec probe: {result.stopped}")
        return EXIT_INTERRUPTED if result.interrupted else EXIT_UNUSABLE
    return code


def runner_spec() -> Any:
    """The compiled spec (its operations are the coverage's universe)."""
    from tickspec.spec import load

    return load()


def _report(args: argparse.Namespace, recorder: record.Recorder, base_url: str, cov: Any) -> int:
    """Write the redacted capture (to --out, else a temporary file) and run `check` on it."""
    if not recorder.entries:
        return _fail("nothing was answered: no capture to check")
    text = record.dumps(recorder.redacted()).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="tickspec-probe-") as scratch:
        path = Path(args.out) if args.out else Path(scratch) / "probe.har"
        try:
            write_atomic(path, text)
        except OSError as exc:
            return _fail(f"{path}: cannot write ({exc.strerror or exc})")
        return run_check(_check_args(args, path, base_url))


def _env(name: str) -> str | None:
    return os.environ.get(f"TICKTICK_{name}") or None


def configure(sub: Any) -> None:
    """Add the `probe` subcommand to the `tickspec` parser."""
    probe = sub.add_parser(
        "probe",
        help="exercise the live API in a sandbox, record it, check it (drift)",
        description="Call every operation it safely can with your account, inside a sandbox "
        "named 'tickspec-probe <run id>' that it deletes at the end; record the exchange "
        "(redacted in memory) and report `check`'s findings plus coverage.",
    )
    auth = probe.add_argument_group("account (defaults: TICKTICK_* environment variables)")
    auth.add_argument("--username", default=_env("USERNAME"))
    auth.add_argument("--password", default=_env("PASSWORD"))
    auth.add_argument("--mfa-code", default=_env("MFA_CODE"), help="one-time code, if MFA is on")
    auth.add_argument("--token", default=_env("TOKEN"), help="a web session (the `t` cookie)")
    auth.add_argument(
        "--open-api-token",
        default=_env("OPEN_API_TOKEN"),
        help="an Open API bearer token (OAuth2 or the personal API token)",
    )
    auth.add_argument(
        "--base-url",
        default=_env("BASE_URL") or "ticktick",
        help="ticktick (default), dida365, or a URL",
    )
    run = probe.add_argument_group("run")
    run.add_argument("--plan", action="store_true", help="print the steps; send nothing")
    run.add_argument("--read-only", action="store_true", help="only read the account")
    run.add_argument(
        "--cleanup",
        action="store_true",
        help="delete leftovers of earlier runs (by name prefix) and nothing else",
    )
    run.add_argument(
        "--rate",
        type=float,
        default=_env("PROBE_RATE") or DEFAULT_RATE,
        metavar="N",
        help=f"requests per second (default {DEFAULT_RATE})",
    )
    run.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    out = probe.add_argument_group("output (the report is `tickspec check`'s)")
    out.add_argument("--out", metavar="FILE.har", help="write the redacted capture here")
    out.add_argument("--coverage-out", metavar="FILE", help="write the probe's coverage as JSON")
    out.add_argument(
        "--format", choices=("text", "json", "junit", "markdown", "github"), default="text"
    )
    out.add_argument(
        "--fail-on",
        default=Severity.BREAKING.value,
        metavar="SEVERITIES",
        help=f"as for check: {', '.join(s.value for s in Severity)} or {FAIL_ON_ALL}",
    )
    out.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE")
    out.add_argument("--host", action="append", default=[], metavar="HOST", help=argparse.SUPPRESS)
    extras_arguments(probe)
    probe.set_defaults(handler=run_probe)
