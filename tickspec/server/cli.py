"""`tickspec serve`: run the local in-memory TickTick server.

    tickspec serve --seed-demo                       # http://127.0.0.1:8765
    tickspec serve --user me@x.org --password pw --token T --port 9000
    tickspec serve --fault '{"operationId": "batchTask", "status": 429, "retryAfter": 2}'

    tickspec serve --port 0 --record rec.har         # any free port; every exchange as HAR
    tickspec serve --oauth-app my-id:my-secret:https://app.example/callback

The Open API's OAuth2 flow runs locally: the built-in app tickspec-local /
tickspec-local-secret accepts any loopback redirect URI (127.0.0.1, localhost,
[::1]); --oauth-app registers another app with one redirect URI (repeat it to
add more). The banner prints a personal API token (`--api-token` fixes it), an
Open API bearer with every scope, for `OpenClient(token=...)`.

Point a client at the printed base URL instead of https://api.ticktick.com.
The store lives in memory and is gone when the server stops. The admin API is
under /__tickspec__/ (state, reset, stats, faults; see tickspec/server/admin.py).

Limits (against clients that misbehave): request bodies over --max-body bytes
get 413; a connection whose request headers are not complete within
--header-timeout seconds is closed; beyond --max-connections open connections
new ones get 503, except requests to the admin API (an observer of a full
server still gets its answers). The file-descriptor limit is raised (up to the
hard limit) to fit the cap; where it cannot be, the cap is lowered and the
banner says so. Every error answer is TickTick's JSON error body.

DNS rebinding: outside the admin API only requests whose Host is a loopback
name (127.0.0.1, localhost, [::1]) are answered; others get 421. --allow-host
NAME admits another name (repeatable; '*' any). On a non-loopback --host
(0.0.0.0, a LAN address) IP addresses are admitted as Host too, names still
need --allow-host. The admin API answers loopback names only, always.

Sign-on: five wrong passwords lock sign-on for 5 minutes from the fifth
(attempts during the lockout do not extend it); an MFA authId allows 5 wrong
codes and expires after 5 minutes; sessions and Open API tokens expire after
about 180 days; unused authorization codes after 10 minutes.

Exit codes: 0 stopped normally; 2 bad arguments (a --fault that is not a
fault, an --oauth-app that is not ID:SECRET:REDIRECT_URI); 3 a dependency is
missing; 4 the address could not be bound (port in use, no permission):
nothing was served, and the banner is printed only after the bind succeeded.
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

from tickspec.server import safejson
from tickspec.server.app import DEFAULT_PASSWORD, DEFAULT_USERNAME
from tickspec.server.errors import ApiError
from tickspec.server.limits import (
    ADMIN_CONNECTIONS,
    HEADER_TIMEOUT,
    MAX_BODY,
    MAX_CONNECTIONS,
    MAX_HEADER_BYTES,
)

EXIT_BAD_INPUT = 2
EXIT_MISSING_DEPENDENCY = 3
EXIT_BIND_FAILED = 4


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
    parser.add_argument(
        "--allow-host", action="append", default=[], metavar="NAME",
        help="answer requests whose Host is NAME too (repeatable; '*': any; default: loopback)",
    )  # fmt: skip
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
        "--oauth-app", action="append", default=[], metavar="ID:SECRET:REDIRECT_URI",
        help="register an Open API app and its redirect URI (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--api-token", default=None, metavar="TOKEN",
        help="the personal API token (an Open API bearer with every scope; default: random)",
    )  # fmt: skip
    parser.add_argument(
        "--validate-responses",
        action="store_true",
        help="check every answer against the spec (a non-conforming one becomes a 500)",
    )
    parser.add_argument(
        "--max-body", type=int, default=MAX_BODY, metavar="BYTES",
        help=f"largest request body; larger ones get 413 ({MAX_BODY})",
    )  # fmt: skip
    parser.add_argument(
        "--header-timeout", type=float, default=HEADER_TIMEOUT, metavar="SECONDS",
        help=f"close connections whose headers take longer ({HEADER_TIMEOUT:g})",
    )  # fmt: skip
    parser.add_argument(
        "--max-connections", type=int, default=MAX_CONNECTIONS, metavar="N",
        help=f"open connections beyond this get 503 ({MAX_CONNECTIONS})",
    )  # fmt: skip
    parser.add_argument(
        "--record", default=None, metavar="FILE.har",
        help="write every exchange to this HAR (unredacted: run it through `tickspec import`)",
    )  # fmt: skip
    parser.add_argument("--log-level", default="info", help="uvicorn log level (info)")
    parser.set_defaults(handler=serve)


def serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from tickspec.server.app import create_app
        from tickspec.server.protocol import protocol_class
    except ImportError as exc:  # pragma: no cover - uvicorn/starlette are dependencies
        print(f"tickspec serve: {exc.name} is not installed", file=sys.stderr)
        return EXIT_MISSING_DEPENDENCY
    try:
        faults = [safejson.loads(raw, "value") for raw in args.fault]
        app = create_app(
            username=args.user,
            password=args.password,
            token=args.token,
            mfa_code=args.mfa_code,
            seed_demo=args.seed_demo,
            faults=faults,
            validate_responses=args.validate_responses,
            max_body=args.max_body,
            record=args.record,
            oauth_apps=args.oauth_app,
            api_token=args.api_token,
            allow_hosts=args.allow_host,
            bind_host=args.host,
        )
    except ValueError as exc:  # an --oauth-app that does not parse
        print(f"tickspec serve: bad --oauth-app: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except ApiError as exc:
        print(f"tickspec serve: bad --fault: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:  # --record in a folder that cannot be written
        print(f"tickspec serve: cannot write {args.record}: {exc.strerror}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        sock = bind(args.host, args.port)
    except OSError as exc:
        print(
            f"tickspec serve: cannot listen on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return EXIT_BIND_FAILED
    port = sock.getsockname()[1]
    max_connections = fit_descriptors(args.max_connections)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    account = app.tickspec.config.account
    print(
        f"tickspec local TickTick on http://{shown}:{port}\n"
        f"  user {account.username} / password {account.password}\n"
        f"  token (cookie t) {account.token}\n"
        f"  Open API: personal API token {app.tickspec.oauth.personal_token}; OAuth app"
        f" {', '.join(sorted(app.tickspec.oauth.apps))}\n"
        f"  admin http://{shown}:{port}/__tickspec__/state",
        flush=True,
    )
    if max_connections < args.max_connections:
        print(
            f"  note: only {max_connections} connections fit the file-descriptor limit",
            flush=True,
        )
    config = uvicorn.Config(
        app,
        log_level=args.log_level,
        lifespan="off",
        http=protocol_class(args.header_timeout, max_connections),
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
    )
    uvicorn.Server(config).run(sockets=[sock])
    return 0


FD_RESERVE = 64
"""Descriptors the process needs besides connections (listener, event loop, files)."""


def fit_descriptors(max_connections: int) -> int:
    """The connection cap the open-file limit allows, raising its soft limit (up to the
    hard one) when the cap needs more, as Go's runtime does at start."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no RLIMIT_NOFILE to fit
        return max_connections
    needed = max_connections + ADMIN_CONNECTIONS + FD_RESERVE
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass
    if soft == resource.RLIM_INFINITY:
        return max_connections
    return max(1, min(max_connections, soft - ADMIN_CONNECTIONS - FD_RESERVE))


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound before anything is printed (uvicorn would exit 1 itself)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio turns Nagle off (TCP_NODELAY) only on sockets whose
    # `proto` says TCP, and with Nagle on every keep-alive answer waits ~40 ms for the
    # client's delayed ACK (headers and body are two writes).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
