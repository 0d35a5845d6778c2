"""Record public clients of the Open API (`/open/v1`, OAuth2) against `tickspec serve`.

    uv run python fixtures_har/peers/record_open.py                 # all clients
    uv run python fixtures_har/peers/record_open.py dida365-api     # one (or several)
    uv run python fixtures_har/peers/record_open.py --keep-failed   # captures with failures too

The same steps as record.py (a throwaway environment per client, the recording
server, the client's driver, `tickspec import`), with an Open API app registered
for each client the way its user would register one at developer.ticktick.com:
`tickspec serve --oauth-app ID:SECRET:REDIRECT_URI`, with the client's own default
redirect URI (a loopback one, which the server matches on any port, RFC 8252). The
driver, drivers/open_<client>.py, signs on through the client's own OAuth2 flow
(authorize, code, token exchange as the client does it) and then makes every Open
API call the client has. The capture is `<client>-<version>-open.har`. Exit codes
as record.py's.
"""

from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from fixtures_har.peers.record import DRIVERS, Result, Scenario, record, report  # noqa: E402

CLIENTS = {
    # client: (version, its default redirect URI)
    "pyticktick": ("0.3.0", "http://127.0.0.1:8080/"),
    "ticktick-sdk": ("0.4.3", "http://127.0.0.1:8080/callback"),
    "dida365-api": ("0.2.5", "http://localhost:8080/callback"),
}


def open_scenario(client: str, version: str, redirect_uri: str) -> Scenario:
    """The Open API scenario of `client`: an app registered for it (a fresh secret per
    run; `tickspec import` redacts the id, secret, code and token anyway)."""
    app_id, secret = f"{client}-peer", secrets.token_hex(16)
    credentials = ("--client-id", app_id, "--client-secret", secret)
    return Scenario(
        driver=DRIVERS / f"open_{client.replace('-', '_')}.py",
        out=HERE / f"{client}-{version}-open.har",
        serve_args=("--oauth-app", f"{app_id}:{secret}:{redirect_uri}"),
        driver_args=(*credentials, "--redirect-uri", redirect_uri),
    )


def main(argv: list[str] | None = None) -> int:
    """Record the chosen clients (all by default); 0 when every capture was written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clients", nargs="*", choices=[[], *CLIENTS], default=[])
    parser.add_argument("--keep-failed", action="store_true", help="write captures with failures")
    args = parser.parse_args(argv)
    if shutil.which("uv") is None:
        print("record_open.py: uv is not installed (pip install uv)", file=sys.stderr)
        return 2
    results: list[Result] = []
    for client in args.clients or list(CLIENTS):
        version, redirect_uri = CLIENTS[client]
        scenario = open_scenario(client, version, redirect_uri)
        with tempfile.TemporaryDirectory(prefix=f"tickspec-open-peer-{client}-") as tmp:
            results.append(record(client, version, Path(tmp), args.keep_failed, scenario))
        report(results[-1])
    return 0 if all(r.written is not None and r.clean for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
