"""`tickspec check` as CI runs it: formats, exit codes, and one-line errors for bad input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract import builder

ROOT = FIXTURES.parent


def capture(tmp_path: Path, name: str, *entries: dict[str, Any]) -> Path:
    path = tmp_path / name
    path.write_text(builder.dumps(builder.har(list(entries))), encoding="utf-8")
    return path


def pin_entry(**changes: Any) -> dict[str, Any]:
    doc = json.loads((FIXTURES / "batchTask-pin.har").read_text(encoding="utf-8"))
    entry: dict[str, Any] = copy.deepcopy(doc["log"]["entries"][0])
    body = json.loads(entry["request"]["postData"]["text"])
    body["update"][0].update(changes)
    entry["request"]["postData"]["text"] = json.dumps(body)
    return entry


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_fixture_folder_exits_0_and_reports_every_entry_matched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "check", str(FIXTURES))
    entries = sum(len(json.loads(p.read_text())["log"]["entries"]) for p in FIXTURES.rglob("*.har"))
    assert (code, err) == (0, "")
    # the additive findings are the peers' accepted ones (fixtures_har/peers/baseline.json):
    # pyticktick's stray `from_`, and the bodies pyticktick and ticktick-py post to complete
    assert (
        f"{entries} entries: {entries} matched, 0 skipped, 0 rejected as documented; "
        "0 breaking, 0 lenient, 3 additive" in out
    )


def test_json_format_is_the_documented_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entry = pin_entry(status="2", newField=1)
    entry["response"]["content"]["text"] = json.dumps({"id2etag": {}, "id2error": {}, "x": 1})
    path = capture(tmp_path, "drift.har", entry)
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    doc = json.loads(out)
    assert code == 0
    assert (doc["entries"], doc["matched"], doc["skipped"]) == (1, 1, 0)
    assert doc["rejected_as_documented"] == 0
    assert doc["counts"] == {"breaking": 0, "lenient": 1, "additive": 2}
    assert [
        {k: f[k] for k in ("severity", "side", "kind", "operation", "file", "entry", "path")}
        for f in doc["findings"]
    ] == [
        {"severity": "lenient", "side": "request", "kind": "type_mismatch",
         "operation": "batchTask", "file": str(path), "entry": 0,
         "path": "request.body.update[0].status"},
        {"severity": "additive", "side": "request", "kind": "unknown_field",
         "operation": "batchTask", "file": str(path), "entry": 0,
         "path": "request.body.update[0].newField"},
        {"severity": "additive", "side": "response", "kind": "unknown_field",
         "operation": "batchTask", "file": str(path), "entry": 0, "path": "response.body.x"},
    ]  # fmt: skip
    assert all(isinstance(f["message"], str) and f["message"] for f in doc["findings"])


def test_text_format_groups_findings_by_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status = json.loads((FIXTURES / "getUserStatus.har").read_text())["log"]["entries"][0]
    status["response"]["status"] = 503
    path = capture(tmp_path, "two.har", pin_entry(priority=4), status)
    code, out, _ = run(capsys, "check", str(path))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("tickspec check: 1 file(s), 2 entries: 2 matched")
    batch = lines.index(
        "batchTask (1 entries checked, 1 finding(s)) [evidence: seed 001, 002; 10 clients; 2 docs]"
    )
    user = lines.index(
        "getUserStatus (1 entries checked, 1 finding(s)) [evidence: seed 001; 7 clients]"
    )
    assert "enum_violation" in lines[batch + 1] and "two.har#0" in lines[batch + 1]
    assert "undocumented_status" in lines[user + 1] and "two.har#1" in lines[user + 1]


def test_junit_has_one_testcase_per_operation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    entry = pin_entry()
    entry["response"]["content"]["text"] = json.dumps({"id2etag": [], "id2error": {}})
    path = capture(tmp_path, "drift.har", entry)
    out_file = tmp_path / "report.xml"
    code, out, _ = run(capsys, "check", "--format", "junit", "-o", str(out_file),
                       str(path), str(FIXTURES / "getUserStatus.har"))  # fmt: skip
    suite = ET.fromstring(out_file.read_text(encoding="utf-8"))
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert code == 1
    assert "report written to" in out
    assert set(cases) == {"batchTask", "getUserStatus"}
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failure = cases["batchTask"].find("failure")
    assert failure is not None and failure.get("type") == "type_mismatch"
    assert cases["getUserStatus"].find("failure") is None


def test_fail_on_additive(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = capture(tmp_path, "new-field.har", pin_entry(aiSummary="x"))
    assert run(capsys, "check", str(path))[0] == 0
    assert run(capsys, "check", "--fail-on", "additive", str(path))[0] == 1


def test_extra_host(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    entry = pin_entry()
    entry["request"]["url"] = "https://api.staging.example/api/v2/batch/task"
    path = capture(tmp_path, "staging.har", entry)
    _, out, _ = run(capsys, "check", "--format", "json", str(path))
    assert (json.loads(out)["matched"], json.loads(out)["skipped"]) == (0, 1)
    _, out, _ = run(capsys, "check", "--format", "json", "--host", "api.staging.example",
                    str(path))  # fmt: skip
    assert (json.loads(out)["matched"], json.loads(out)["skipped"]) == (1, 0)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a HAR (not UTF-8 text)"),
        (b"{ not json", "not JSON (Expecting property name enclosed in double quotes"),
        (b"[1, 2]", "not a HAR (no top-level 'log' object)"),
        (b'{"log": {"entries": {}}}', "not a HAR ('log.entries' is not a list)"),
        (b'{"log": {"entries": [{"request": {}}]}}', "entry 0: 'response' is not an object"),
        (
            b'{"log": {"entries": [{"request": {"method": "GET", "url": "x"}, '
            b'"response": {"status": "200"}}]}}',
            "entry 0: response 'status' is not an integer",
        ),
    ],
)
def test_unusable_input_is_exit_2_with_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.har"
    path.write_bytes(content)
    code, out, err = run(capsys, "check", str(path))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"tickspec check: {path}: ")
    assert expected in err


@pytest.mark.parametrize("case", ["missing", "empty-folder"])
def test_missing_paths_and_empty_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    target = tmp_path / case
    if case == "empty-folder":
        target.mkdir()
        (target / "notes.txt").write_text("no captures here")
    code, _, err = run(capsys, "check", str(target))
    assert code == 2
    message = "no such file or folder" if case == "missing" else "no .har file in this folder"
    assert err == f"tickspec check: {target}: {message}\n"


def test_real_entry_point_never_prints_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "broken.har"
    path.write_text('{"log": ', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tickspec.cli", "check", str(path)],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        f"tickspec check: {path}: not JSON (Expecting value: the file ends too early) "
        "at line 1 column 9"
    ]
