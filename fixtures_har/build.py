"""Write the HAR fixtures of this folder: `uv run python fixtures_har/build.py`.

Deterministic (fixed timestamps, ids and trace ids): running it twice writes the
same bytes, so `git diff` after a run shows exactly what changed. The bodies are
the seeds' captured bodies (seed 002: tasks, seed 003: habits, verbatim except
the user id, redacted to 100000001 / inbox100000001) and, for operations no seed
captures, bodies in the shapes seeds 000 and 001 describe. Every secret is the
placeholder REDACTED. The captures live in fixtures_har/scenarios/, one module
per area; see README.md for the list and how to add a capture. The captures of
the spec's own examples (`*-example.har`) are `tickspec generate`'s, not this
script's: an operation with an example in schemas/openapi.yaml needs no scenario.
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script: the repository root makes `tickspec` and `fixtures_har` importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fixtures_har.scenarios import (
    auth,
    client_forms,
    common,
    habits,
    listings,
    projects,
    sync,
    tags,
    tasks,
    user,
)

MODULES = (tasks, listings, sync, auth, user, projects, tags, habits, client_forms)

if __name__ == "__main__":
    common.main(MODULES)
