"""`tickspec serve`: run the local in-memory TickTick server.

    tickspec serve --seed-demo                       # http://127.0.0.1:8765
    tickspec serve --user me@x.org --password pw --token T --port 9000
    tickspec serve --fault '{"operationId": "batchTask", "status": 429, "retryAfter": 2}'

Point a client at the printed base URL instead of https://api.ticktick.com.
The store lives in memory and is gone when the server stops. The admin API is
under /__tickspec__/ (state, reset, stats, faults; see tickspec/server/admin.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tickspec.server.app import DEFAULT_PASSWORD, DEFAULT_USERNAME
from tickspec.server.errors import ApiError

EXIT_BAD_INPUT = 2
EXIT_MISSING_DEPENDENCY = 3


def configure(sub: Any) -> None:
    """Add the `serve` subcommand to the `tickspec` parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "serve",
        help="run a local in-memory TickTick server that implements the spec",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port to bind (8765; 0: any free)")
    parser.add_argument("--user", default=DEFAULT_USERNAME, help="demo account's username")
    parser.add_argument("--password", default=DEFAULT_PASSWORD, help="demo account's password")
    parser.add_argument("--token", default=None, help="a session token valid without signon")
    parser.add_argument("--mfa-code", default=None, help="turn on MFA with this one-time code")
    parser.add_argument(
        "--seed-demo", action="store_true", help="preload projects, tasks, tags and habits"
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="JSON",
        help="install a fault at start (repeatable; see /__tickspec__/faults)",
    )
    parser.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every answer against the spec (a non-conforming one becomes a 500)",
    )
    parser.add_argument("--log-level", default="info", help="uvicorn log level (info)")
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from tickspec.server.app import create_app
    except ImportError as exc:  # pragma: no cover - uvicorn/starlette are dependencies
        print(f"tickspec serve: {exc.name} is not installed", file=sys.stderr)
        return EXIT_MISSING_DEPENDENCY
    try:
        faults = [json.loads(raw) for raw in args.fault]
        app = create_app(
            username=args.user,
            password=args.password,
            token=args.token,
            mfa_code=args.mfa_code,
            seed_demo=args.seed_demo,
            faults=faults,
            validate_responses=args.validate_responses,
        )
    except ValueError as exc:
        print(f"tickspec serve: bad --fault: not JSON ({exc})", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ApiError as exc:
        print(f"tickspec serve: bad --fault: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    account = app.tickspec.config.account
    print(
        f"tickspec local TickTick on http://{args.host}:{args.port}\n"
        f"  user {account.username} / password {account.password}\n"
        f"  token (cookie t) {account.token}\n"
        f"  admin http://{args.host}:{args.port}/__tickspec__/state",
        flush=True,
    )
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, lifespan="off")
    return 0
