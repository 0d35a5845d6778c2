"""Benchmark rows of `tickspec import` on a capture whose load-balancer cookie changes
on every response, as AWS sets `AWSALB`: every entry brings a new secret.

  import 10,000-entry cookie HAR   <= 10 x check of the same HAR   (issue 21)
  import 20,000 / 10,000 entries   <= 2.3 x                        (issue 21: linear)

Redaction that replaced each secret in each string cost entries x secrets (issue 21
measured 1k entries 7.6 s, 2k 20.8 s, 4k 68.2 s); one automaton of all the secrets
makes it linear, which the second row checks by doubling the entries. The capture
cycles through the committed fixtures with real-looking cookies: a session (`t`,
`SESSION`, `_csrf_token`) per 5,000 entries and a fresh `AWSALB`/`AWSALBCORS` in each
response's `Set-Cookie`, sent back in the next request's `Cookie`. 10k entries are
about 44 MiB and import in about 5 s here; time grows linearly with the count
(issue 21's 300 MiB, 74,521 entries, is about 7.5 times the 10k row). Hooked into the
table by `benchmarks/run.py` as the group `import`; alone:

    uv run python -m benchmarks.importing
"""

from __future__ import annotations

import base64
import copy
import json
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from benchmarks.run import Row

RATIO = 10.0
"""Import reads the capture twice and rewrites it; check reads it once."""
SCALING = 2.3
"""Doubling the entries; 2.0 is linear, the margin is for the larger heap."""
SESSION_EVERY = 5_000


def _cookie(rng: random.Random, size: int) -> str:
    return base64.b64encode(rng.randbytes(size)).decode("ascii")


def cookie_har(path: Path, entries: int, seed: int = 21) -> None:
    """Write a capture of `entries` fixture entries with per-response AWSALB cookies."""
    from benchmarks.run import ROOT

    rng = random.Random(seed)
    pool: list[Any] = []
    for har in sorted((ROOT / "fixtures_har").glob("*.har")):
        pool.extend(json.loads(har.read_text())["log"]["entries"])
    alb = _cookie(rng, 105)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"log": {"version": "1.2", "creator": {"name": "bench", "version": "1"},')
        out.write('"entries": [')
        for i in range(entries):
            if i % SESSION_EVERY == 0:
                token = rng.randbytes(80).hex()
                session = _cookie(rng, 36)
                csrf = _cookie(rng, 24).rstrip("=")
            entry = copy.deepcopy(pool[i % len(pool)])
            sent = {"t": token, "SESSION": session, "_csrf_token": csrf, "AWSALB": alb,
                    "AWSALBCORS": alb}  # fmt: skip
            alb = _cookie(rng, 105)
            request, response = entry["request"], entry["response"]
            request["headers"] = [h for h in request["headers"] if h["name"] != "Cookie"]
            request["headers"].append(
                {"name": "Cookie", "value": "; ".join(f"{k}={v}" for k, v in sent.items())}
            )
            request["cookies"] = [{"name": k, "value": v} for k, v in sent.items()]
            response["headers"] = [h for h in response["headers"] if h["name"] != "Set-Cookie"]
            expires = "Expires=Sat, 24 Jan 2026 13:12:28 GMT; Path=/"
            response["headers"] += [
                {"name": "Set-Cookie", "value": f"AWSALB={alb}; {expires}"},
                {"name": "Set-Cookie", "value": f"AWSALBCORS={alb}; {expires}; SameSite=None"},
            ]
            response["cookies"] = [{"name": n, "value": alb} for n in ("AWSALB", "AWSALBCORS")]
            out.write(("," if i else "") + json.dumps(entry))
        out.write("]}}")


def import_rows(tmp: Path, entries: int = 10_000) -> list[Row]:
    """Import against check of the same capture, and import of twice the entries."""
    from benchmarks.run import compare, row
    from tickspec.contract.checker import check_paths
    from tickspec.contract.importer import import_capture

    small, large = tmp / "cookies-small.har", tmp / "cookies-large.har"
    cookie_har(small, entries)
    cookie_har(large, 2 * entries)
    out = tmp / "imported"

    def run(src: Path) -> None:
        import_capture(src, out / "capture.har", force=True)

    pair = compare(lambda: run(small), lambda: check_paths([small]), runs=3)
    doubled = compare(lambda: run(large), lambda: run(small), runs=3)
    size = small.stat().st_size / 2**20
    return [
        row(
            f"import {entries:,}-entry HAR, new AWSALB per response ({size:.0f} MiB)",
            pair,
            "check on the same HAR",
            RATIO,
        ),
        row(f"import {2 * entries:,} entries", doubled, f"import {entries:,}", SCALING),
    ]


if __name__ == "__main__":
    import sys
    import tempfile

    from benchmarks.run import table

    with tempfile.TemporaryDirectory() as tmp:
        count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
        print(table(import_rows(Path(tmp), count)))
