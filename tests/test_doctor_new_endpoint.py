"""Done when: a new read endpoint is one edit of schemas/openapi.yaml and one command,
and a new write endpoint is the spec and one handler function (the second test).

In a scratch copy of the repository (no .venv: the copy runs on this one's
interpreter with the copy first on PYTHONPATH), the committed `GET
/api/v2/notification` is taken out and the copy regenerated without it; then its
openapi.yaml block is written back, as a person adds it: an inline answer schema,
a captured example with its `x-evidence`, and `x-tickspec-serve: example`. Before
`tickspec generate`, doctor names the missing pieces (capture, stub) and exits 5;
after it, doctor shows the operation complete, the capture and the README row
exist, and the whole fast lane passes in the copy with no other hand edit (the
doctor test, the served operations and the replayed example captures through their
stubs, every operation against the server, the fixtures against the spec, the
README table and the spec's static rules among it). The write runs only the tests
that cover completeness (COMPLETENESS_TESTS).

The example is a real answer of `GET /api/v2/notification?autoMarkRead=false`
(dida365), quoted in luke1879012/dida_api `docs/web/notify/notify.md`: the second of
its three items, verbatim; the other two name the users an account invited (a name
under `data.name`, and in the title), which a committed capture must not hold.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

from tests.paths import ROOT

READ_PATH = "  /api/v2/notification:\n"
NEXT_PATH = "  /api/v2/notification/unread:\n"
HEADERS = ("XDevice", "XTz", "Hl", "TraceId", "XCsrfToken", "Origin", "Referer", "UserAgent")
COMPLETENESS_TESTS = (
    "tests/test_doctor.py",
    "tests/server/test_served.py",
    "tests/server/test_examples.py",
    "tests/server/test_spec.py",
    "tests/contract/test_checker.py",
    "tests/codegen/test_readme_table.py",
    "tests/spec/test_liberal.py",
    "tests/spec/test_static.py",
)
IGNORED = (
    ".venv",
    ".git",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".hypothesis",
    "mutants",
    # this file names the new operations: in the copy it would be their hand-written test
    Path(__file__).name,
)


def committed_read() -> str:
    """`getNotifications` as it stands in this checkout's openapi.yaml: the new read is
    the committed one, cut out of the copy and written back as a person adds it."""
    text = (ROOT / "schemas" / "openapi.yaml").read_text(encoding="utf-8")
    start = text.index(READ_PATH)
    return text[start : text.index(NEXT_PATH, start)]


def scratch_copy(tmp_path: Path, path_item: str | None = None) -> Path:
    """A copy of the repository with one path added to openapi.yaml. The read by default:
    the committed `getNotifications` is first taken out and the copy regenerated without
    it, so that what follows is a checkout that never had it."""
    copy = tmp_path / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*IGNORED))
    spec = copy / "schemas" / "openapi.yaml"
    text = spec.read_text(encoding="utf-8")
    assert text.count("\npaths:\n") == 1
    if path_item is None:
        block = committed_read()
        spec.write_text(text.replace(block, "", 1), encoding="utf-8")
        without = run(copy, "-m", "tickspec", "generate")
        assert without.returncode == 0, without.stderr
        assert not (copy / "fixtures_har" / "getNotifications-example.har").exists()
        spec.write_text(text, encoding="utf-8")
        return copy
    spec.write_text(text.replace("\npaths:\n", "\npaths:\n" + path_item, 1), encoding="utf-8")
    return copy


def run(copy: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{copy}{os.pathsep}{copy / 'generated'}"}
    env.pop("CI", None)  # the same hypothesis profile as the lane that runs this test
    return subprocess.run(
        [sys.executable, *argv], cwd=copy, env=env, capture_output=True, text=True, timeout=600
    )


def doctor_json(copy: Path, operation_id: str = "getNotifications") -> tuple[int, dict[str, Any]]:
    done = run(copy, "-m", "tickspec", "doctor", "--format", "json", "--operation",
               operation_id)  # fmt: skip
    [row] = json.loads(done.stdout)["operations"]
    return done.returncode, row


def test_a_new_read_endpoint_is_one_spec_edit_and_generate(tmp_path: Path) -> None:
    copy = scratch_copy(tmp_path)

    code, before = doctor_json(copy)
    assert (code, before["complete"]) == (5, False)
    missing = {name for name, piece in before["pieces"].items() if not piece["ok"]}
    assert missing == {"fixture", "client"}
    assert before["pieces"]["fixture"]["run"] == "uv run --frozen tickspec generate"

    generated = run(copy, "-m", "tickspec", "generate")
    assert generated.returncode == 0, generated.stderr
    check = run(copy, "-m", "tickspec", "generate", "--check")
    assert check.returncode == 0, check.stderr

    code, after = doctor_json(copy)
    assert code == 0, after
    assert {name: piece["detail"] for name, piece in after["pieces"].items()} == {
        "schema": "common.json",
        "example": "payReminder (1 doc)",
        "evidence": "1 doc",
        "fixture": "fixtures_har/getNotifications-example.har",
        "server": "x-tickspec-serve: example",
        "client": "api.user.get_notifications",
        "test": "tests/server/test_served.py (every x-tickspec-serve operation)",
    }
    whole = run(copy, "-m", "tickspec", "doctor", "--missing")
    assert whole.returncode == 0, whole.stdout

    capture = copy / "fixtures_har" / "getNotifications-example.har"
    har = json.loads(capture.read_text(encoding="utf-8"))
    [entry] = har["log"]["entries"]
    url = "https://api.ticktick.com/api/v2/notification?autoMarkRead=false"
    assert entry["request"]["url"] == url
    assert json.loads(entry["response"]["content"]["text"])[0]["type"] == "PayReminder"
    assert "luke1879012/dida_api" in har["log"]["comment"]
    committed = ROOT / "fixtures_har" / "getNotifications-example.har"
    assert capture.read_bytes() == committed.read_bytes()
    readme = (copy / "README.md").read_text(encoding="utf-8")
    assert "| user | GET | `/api/v2/notification` | `getNotifications` | 1 doc |" in readme

    lane = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not slow")
    assert lane.returncode == 0, lane.stdout[-3000:]
    assert " passed" in lane.stdout.splitlines()[-1] and "failed" not in lane.stdout
    served = "test_a_served_operation_answers_what_the_spec_declares_through_its_stub"
    replayed = "test_an_example_capture_replays_through_its_stub"
    collected = run(copy, "-m", "pytest", "--collect-only", "-q", "tests/server/test_served.py",
                    "tests/server/test_examples.py").stdout  # fmt: skip
    assert f"test_served.py::{served}[getNotifications]" in collected
    assert f"test_examples.py::{replayed}[getNotifications-example]" in collected


# The write: `POST /api/v2/preferences/ext`, the web app saving its extension preferences
# (the Eisenhower matrix, the desktop tabs). The request body is the one the web app
# sent in broskees' interception of it (lazeroffmichael/ticktick-py pull request #23,
# `ticktick/managers/settings.py` `update_preferences`, the HAR's base64 `postData`
# decoded), path as recorded there. No answer of it was captured anywhere found (code
# and issue search), so the answer (the saved preferences) is inferred, and said so.
WRITE_EVIDENCE = (
    "docs: lazeroffmichael/ticktick-py pull request #23 (an interception of the web app: "
    "update_preferences in ticktick/managers/settings.py, its request body; answer inferred)"
)
RULE = (
    '{"and":[{"or":[%s],"conditionName":"dueDate","conditionType":1},'
    '{"or":[%s],"conditionName":"priority","conditionType":1}],"type":0,"version":1}'
)
SOON, LATER = '"overdue","today","tomorrow"', '"nodue","2dayslater"'
EXT_PREFERENCES = {
    "matrix": {
        "mtime": 1640792902971,
        "quadrants": [
            {
                "id": f"quadrant{n + 1}",
                "name": None,
                "rule": RULE % (when, priority) + ("\n" if when == LATER else ""),
                "sortOrder": n,
                "sortType": "dueDate",
            }
            for n, (when, priority) in enumerate(
                [(SOON, "5,3"), (LATER, "5,3"), (SOON, "1,0"), (LATER, "1,0")]
            )
        ],
        "show_completed": True,
        "version": 1,
    },
    "desktop_conf": {"mtime": 1640936330047, "tabs": ["matrix"]},
    "mtime": 1640936330047,
}
EXT_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "ExtPreferences",
    "description": "Body and answer of `POST /api/v2/preferences/ext`: the web app's extension "
    "preferences (lazeroffmichael/ticktick-py pull request #23, the request body). The "
    "answer's shape is inferred.",
    "type": "object",
    "properties": {
        "mtime": {"description": "Last change, epoch milliseconds.", "type": "integer"},
        "matrix": {
            "description": "The Eisenhower matrix: quadrants and their rules.",
            "type": "object",
        },
        "desktop_conf": {"description": "The desktop app's tabs.", "type": "object"},
    },
    "examples": [EXT_PREFERENCES],
}


def readme_handler() -> str:
    """The handler function README's "Adding an endpoint" shows: the one the test adds."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## Adding an endpoint")[1]
    [block] = re.findall(r"```python\n(.*?)```", section.split("\n## ", 1)[0], re.S)
    return "\n\n" + textwrap.dedent(block)


def write_operation() -> str:
    """The write as a person adds it to openapi.yaml: the body's schema file is the
    answer's too, the captured request body and the (inferred) answer as examples."""
    media = {
        "schema": {"$ref": "ext-preferences.json"},
        "examples": {"captured": {"value": EXT_PREFERENCES, "x-evidence": [WRITE_EVIDENCE]}},
    }
    node: dict[str, Any] = {
        "operationId": "updateExtPreferences",
        "tags": ["user"],
        "summary": "Update extension preferences",
        "description": "Saves the web app's extension preferences (the Eisenhower matrix, "
        "the desktop tabs).\n\nIdempotent: yes. The body is the whole document; a repeat "
        "saves the same preferences.",
        "x-idempotent": True,
        "x-evidence": [WRITE_EVIDENCE],
        "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in HEADERS],
        "requestBody": {"required": True, "content": {"application/json": media}},
        "responses": {
            "200": {
                "description": "The saved preferences (shape inferred).",
                "content": {"application/json": media},
            },
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Error"},
            "429": {"$ref": "#/components/responses/RateLimited"},
            "500": {"$ref": "#/components/responses/Error"},
        },
    }
    return f"  /api/v2/preferences/ext:\n    post: {json.dumps(node)}\n"


def test_a_new_write_endpoint_is_the_spec_and_one_handler_function(tmp_path: Path) -> None:
    """A write: its path in openapi.yaml, its body's schema file, and one handler
    function appended to an existing handler module (README's, `@handles` registers it
    by operationId; no import to add, no manager method, no test). After `tickspec
    generate`, doctor shows it complete with the replay of its example capture as its
    test, and that replay passes in the copy."""
    copy = scratch_copy(tmp_path, write_operation())
    (copy / "schemas" / "ext-preferences.json").write_text(
        json.dumps(EXT_SCHEMA, indent=2) + "\n", encoding="utf-8"
    )
    with (copy / "tickspec" / "server" / "handlers" / "user.py").open("a") as handlers:
        handlers.write(readme_handler())

    code, before = doctor_json(copy, "updateExtPreferences")
    assert (code, before["complete"]) == (5, False)
    missing = {name for name, piece in before["pieces"].items() if not piece["ok"]}
    assert missing == {"fixture", "client", "test"}

    generated = run(copy, "-m", "tickspec", "generate")
    assert generated.returncode == 0, generated.stderr

    code, after = doctor_json(copy, "updateExtPreferences")
    assert code == 0, after
    assert {name: piece["detail"] for name, piece in after["pieces"].items()} == {
        "schema": "ext-preferences.json; ext-preferences.json",
        "example": "captured (1 doc)",
        "evidence": "1 doc",
        "fixture": "fixtures_har/updateExtPreferences-example.har",
        "server": "handler (tickspec/server/handlers/user.py)",
        "client": "api.user.update_ext_preferences",
        "test": "tests/server/test_examples.py (replays its example capture)",
    }
    whole = run(copy, "-m", "tickspec", "doctor", "--missing")
    assert whole.returncode == 0, whole.stdout

    har = json.loads((copy / "fixtures_har" / "updateExtPreferences-example.har").read_text())
    [entry] = har["log"]["entries"]
    assert (entry["request"]["method"], entry["request"]["url"]) == (
        "POST",
        "https://api.ticktick.com/api/v2/preferences/ext",
    )
    assert json.loads(entry["request"]["postData"]["text"]) == EXT_PREFERENCES

    replay = run(copy, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rA", "-m", "not slow",
                 *COMPLETENESS_TESTS)  # fmt: skip
    assert replay.returncode == 0, replay.stdout[-3000:]
    assert (
        "PASSED tests/server/test_examples.py::test_an_example_capture_replays_through_its_stub"
        "[updateExtPreferences-example]" in replay.stdout
    )
