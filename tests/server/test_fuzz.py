"""schemathesis fuzzes `tickspec serve` with the project's own spec: 0 failures.

Each test starts `tickspec serve --port 0 --seed-demo` (tests/server/fuzz_support.py)
and runs schemathesis' CLI against it with the spec as one document. Runs:

* stateless, signed on (the demo user's session as cookie `t`): the spec's
  examples, then generated requests, for every web API operation;
* stateful, signed on: sequences that follow the spec's OpenAPI links from the
  create operations (createTask -> getTask/updateTask/comments, createProject ->
  updateProject/deleteProject, createProjectGroup -> update/delete,
  createTaskComment -> delete/list);
* stateless, without a session, every operation: each one that needs a session
  must answer 401 (checked on the HAR schemathesis records), public ones stay
  conformant;
* stateless, the Open API (`/open/v1`) and OAuth (`/oauth`) operations with the
  session as `Authorization: Bearer` (kept apart: another area of the server).

Checks: response_schema_conformance, status_code_conformance and
content_type_conformance, which test what the spec claims. Left out on purpose:
* not_a_server_error: TickTick answers semantic failures (`task_not_found`,
  `etag_mismatch`) as HTTP 500 with its error body, and the spec documents that
  500; a 500 is a conformant answer here, and its body is still schema-checked.
* positive_data_acceptance: the spec cannot say everything the server refuses
  (an update whose body `id` is not the path's, habit writes outside the batch
  answered 405, unknown ids answered 500), so valid-looking data may be refused.
* negative_data_rejection, missing_required_header, unsupported_method: unknown
  headers and query parameters are ignored like any HTTP server does, and the
  spec's objects are open (unknown fields are drift to tolerate, not errors).
* use_after_free / ensure_resource_availability: a deleted task stays readable
  in the trash (getTask finds it), which TickTick does too.
Generation is positive only. A negative value of a path parameter (`/api/v2/task/%F4`
for `{taskId}`, an ObjectId) is by issue 17's routing rule no request of that
operation: the server answers its unknown-endpoint 404 (tests/server/test_routing.py),
which schemathesis would hold against the operation it generated for. Refused bodies,
queries and headers are covered by tests/server/test_hostile.py.
The server runs without `--validate-responses`, so schemathesis sees the real
bodies (with it, a bad body would become a documented 500 error body).

Budget: `FUZZ_EXAMPLES` per operation, no coverage phase (it enumerates every
boundary of every header of ~90 operations: minutes, for checks the fuzzing
phase already makes). Under `CI=true` the seed is fixed, so a red run replays.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.server.fuzz_support import Served, single_document, tickspec_serve
from tickspec.spec import load

pytestmark = pytest.mark.slow

TOKEN = "fuzz-session-token"
FUZZ_EXAMPLES = 6
STATEFUL_EXAMPLES = 60
RUN_TIMEOUT = 900
CHECKS = "response_schema_conformance,status_code_conformance,content_type_conformance"
WEB_API_ONLY = ("--exclude-path-regex", "^/(open|oauth)/")


@pytest.fixture(scope="module")
def spec_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "tickspec-openapi.json"
    path.write_text(json.dumps(single_document(load())), encoding="utf-8")
    return path


@pytest.fixture
def served() -> Iterator[Served]:
    with tickspec_serve(TOKEN) as server:
        yield server


def schemathesis(spec: Path, served: Served, *args: str) -> subprocess.CompletedProcess[str]:
    """`st run` against the server; the seed is fixed under CI (see tests/conftest.py).
    It runs in the spec's folder, where it keeps its cache (`.schemathesis/`)."""
    seed = ("--seed", "0") if os.environ.get("CI") else ()
    command = [str(Path(sys.executable).parent / "st"), "run", str(spec),
               "--url", served.base_url, "--checks", CHECKS, "--workers", "1",
               "--no-color", "--output-truncate", "false", "--request-timeout", "10",
               "--mode", "positive",  # see the module docstring: negative path segments
               # generation speed is the shared CI machine's business, not the server's
               "--suppress-health-check", "too_slow",
               *seed, *args]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, text=True, timeout=RUN_TIMEOUT, check=False, cwd=spec.parent
    )


def public_operations() -> set[str]:
    """Operations the spec lets through without a session (`security: []`)."""
    doc = load().openapi
    return {
        node["operationId"]
        for item in doc["paths"].values()
        for method, node in item.items()
        if isinstance(node, dict) and "operationId" in node
        and node.get("security", doc.get("security")) in ([], [{}])
    }  # fmt: skip


def passed(done: subprocess.CompletedProcess[str]) -> bool:
    return done.returncode == 0


def report(done: subprocess.CompletedProcess[str]) -> str:
    start = done.stdout.find("FAILURES")
    return (done.stdout[start:] if start >= 0 else done.stdout[-6000:]) + done.stderr[-2000:]


def test_stateless_with_a_session(spec_file: Path, served: Served) -> None:
    done = schemathesis(
        spec_file, served, "--phases", "examples,fuzzing",
        "--max-examples", str(FUZZ_EXAMPLES), "--header", f"Cookie: t={served.token}",
        *WEB_API_ONLY,
    )  # fmt: skip
    assert passed(done), report(done)
    # "850 generated" contains "0 generated": only a count of exactly zero is the failure
    assert re.search(r"(?<!\d)0 generated", done.stdout) is None, done.stdout[-2000:]


def test_stateful_with_a_session(spec_file: Path, served: Served) -> None:
    """Sequences along the create operations' links (the spec's `links`)."""
    done = schemathesis(
        spec_file, served, "--phases", "stateful",
        "--max-examples", str(STATEFUL_EXAMPLES), "--header", f"Cookie: t={served.token}",
        *WEB_API_ONLY,
    )  # fmt: skip
    assert passed(done), report(done)
    assert "Stateful" in done.stdout and "links" in done.stdout.lower(), done.stdout[-3000:]


def test_without_a_session_every_protected_operation_answers_401(
    spec_file: Path, served: Served, tmp_path: Path
) -> None:
    har = tmp_path / "unauthenticated.har"
    done = schemathesis(
        spec_file, served, "--phases", "examples", "--max-examples", "2",
        "--report", "har", "--report-har-path", str(har),
    )  # fmt: skip
    assert passed(done), report(done)
    spec = load()
    answered: dict[str, set[int]] = {}
    for entry in json.loads(har.read_text(encoding="utf-8"))["log"]["entries"]:
        path = urlsplit(entry["request"]["url"]).path
        op = spec.match(entry["request"]["method"], path)
        if op is not None:
            answered.setdefault(op.operation_id, set()).add(entry["response"]["status"])
    public = public_operations()
    protected = {op: codes for op, codes in answered.items() if op not in public}
    assert len(protected) > 70, sorted(answered)
    assert {op: codes for op, codes in protected.items() if codes != {401}} == {}


def test_open_api_and_oauth_stateless_with_a_token(spec_file: Path, served: Served) -> None:
    """The Open API takes the same session as a Bearer token (server/auth.py)."""
    done = schemathesis(
        spec_file, served, "--phases", "examples,fuzzing",
        "--max-examples", str(FUZZ_EXAMPLES), "--header", f"Authorization: Bearer {served.token}",
        "--include-path-regex", "^/(open|oauth)/",
    )  # fmt: skip
    assert passed(done), report(done)
