"""Write the captures of the census endpoints: `uv run python fixtures_har/build_census.py`.

One capture per operation issues 10 and 17 added (the Open API v1 and its OAuth2 calls,
focus, countdowns, comments and the web endpoints few clients call). No seed
captures any of them: the bodies are in the shapes the public clients' code
shows (endpoint census, /work/shared/reference/endpoint-census.md) or, where
none shows one, the smallest shape the schema allows ("shape inferred").
Deterministic like build.py, and every secret is the placeholder REDACTED.

Web-app calls carry the web app's headers (builder.request_headers). The Open
API and OAuth2 calls come from a script, not the browser: a bearer token or
HTTP Basic credentials, no X-Device, no cookies, on api.ticktick.com (Open API;
api.dida365.com, the doc's host, for the issue 17 ones)
or ticktick.com (OAuth2); `focusOp` goes to the focus host ms.ticktick.com.
The captures live in fixtures_har/scenarios/ (open_api, open_api_v2, focus, census_web).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script: the repository root makes `tickspec` and `fixtures_har` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures_har.scenarios import census_web, common, focus, open_api, open_api_v2

MODULES = (open_api, open_api_v2, focus, census_web)

if __name__ == "__main__":
    common.main(MODULES)
