"""Hostile and odd captures (issue 9): never a traceback, a partial file, an invalid report,
or a silent pass. Each case here failed before the fix it names; the property over every
string field of a HAR is in test_properties.py."""

from __future__ import annotations

import base64
import gzip
import json
import os
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from tests.contract.test_checker import entry0, run
from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract import builder
from tickspec.contract.findings import Kind

ROOT = FIXTURES.parent


def write(path: Path, *entries: dict[str, Any]) -> Path:
    path.write_text(json.dumps(builder.har(list(entries))), encoding="utf-8")  # ASCII: \ud800
    return path


def cli(capsysbinary: pytest.CaptureFixture[bytes], *argv: str) -> tuple[int, bytes, str]:
    code = main(list(argv))
    out, err = capsysbinary.readouterr()
    return code, out, err.decode("utf-8")


def surrogates() -> dict[str, Any]:
    entry = entry0("getTask")
    entry["request"]["url"] += "&x=%ED%A0%80"
    entry["request"]["queryString"].append({"name": "x", "value": "\ud800"})
    value = json.loads(entry["response"]["content"]["text"])
    value["title"] = "a\ud800b"
    value["novel\udfff"] = 1
    entry["response"]["content"]["text"] = json.dumps(value)
    return entry


# -- lone surrogates ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "junit"])
def test_lone_surrogates_never_crash_and_reports_stay_valid(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path, fmt: str
) -> None:
    path = write(tmp_path / "s.har", surrogates())
    code, out, err = cli(capsysbinary, "check", "--format", fmt, str(path))
    assert (code, err) == (0, "")
    text = out.decode("utf-8")  # valid UTF-8
    if fmt == "json":
        doc = json.loads(text)
        assert {f["path"] for f in doc["findings"]} == {
            "request.query.x", 'response.body["novel\\udfff"]'}  # fmt: skip
    elif fmt == "junit":
        etree.fromstring(out)
    else:
        assert "\\udfff" in text
    report = tmp_path / f"report.{fmt}"
    assert cli(capsysbinary, "check", "--format", fmt, "-o", str(report), str(path))[0] == 0
    assert report.read_bytes().decode("utf-8") == text


def test_lone_surrogates_through_the_real_entry_point(tmp_path: Path) -> None:
    path = write(tmp_path / "s.har", surrogates())
    result = subprocess.run([sys.executable, "-m", "tickspec.cli", "check", str(path)],
                            capture_output=True, check=False, cwd=ROOT)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout.decode("utf-8").startswith("tickspec check: 1 file(s)")


def test_lone_surrogate_in_a_request_body_is_validated(tmp_path: Path) -> None:
    entry = entry0("batchTask-pin")
    value = json.loads(entry["request"]["postData"]["text"])
    value["update"][0]["title"] = "\ud800"
    value["update"][0]["priority"] = "\udc00"
    entry["request"]["postData"]["text"] = json.dumps(value)
    [finding] = run(tmp_path, entry).findings
    assert (finding.kind, finding.path) == (Kind.TYPE_MISMATCH, "request.body.update[0].priority")


# -- control characters --------------------------------------------------------------------------


def test_control_characters_are_escaped_in_text_and_junit(
    capsysbinary: pytest.CaptureFixture[bytes], tmp_path: Path
) -> None:
    evil = builder.entry("GET\x1b[2J", builder.API + "/api/v2/\x1b]0;pwned\x07x\u202e\x00")
    evil["request"]["url"] = builder.API + "/api/v2/\x1b]0;pwned\x07x\u202e\x00"
    path = write(tmp_path / "c.har", evil)
    code, out, _ = cli(capsysbinary, "check", str(path))
    text = out.decode("utf-8")
    assert code == 0
    assert not any(ch in text for ch in "\x1b\x07\x00\u202e")
    assert "GET\\x1b[2J /api/v2/\\x1b]0;pwned\\x07x\\u202e\\x00" in text
    code, out, _ = cli(capsysbinary, "check", "--format", "junit", "--fail-on", "all", str(path))
    suite = etree.fromstring(out)
    assert code == 1
    assert (
        suite.find("testcase").get("name") == "GET\\x1b[2J /api/v2/\\x1b]0;pwned\\x07x\\u202e\\x00"
    )
    code, out, _ = cli(capsysbinary, "check", "--format", "json", str(path))
    assert (
        json.loads(out)["findings"][0]["operation"]
        == "GET\x1b[2J /api/v2/\x1b]0;pwned\x07x\u202e\x00"
    )


# -- encoded bodies ---------------------------------------------------------------------------


def encoded(data: bytes, coding: str | None, wrap: bool = False) -> dict[str, Any]:
    entry = entry0("getUserStatus")
    text = base64.b64encode(data).decode()
    if wrap:
        text = "\r\n".join(text[i : i + 76] for i in range(0, len(text), 76))
    entry["response"]["content"].update(text=text, encoding="base64")
    if coding is not None:
        entry["response"]["headers"].append({"name": "Content-Encoding", "value": coding})
    return entry


def status_body() -> bytes:
    entry = entry0("getUserStatus")
    content = entry["response"]["content"]
    text = content["text"]
    return base64.b64decode(text) if content.get("encoding") == "base64" else text.encode()


@pytest.mark.parametrize(
    ("coding", "compress", "wrap"),
    [
        (None, lambda b: b, True),
        ("gzip", gzip.compress, False),
        ("gzip", gzip.compress, True),
        ("deflate", zlib.compress, False),
        ("deflate", lambda b: zlib.compress(b)[2:-4], False),  # raw deflate, as IIS sends
        ("gzip", lambda b: b, False),  # header kept, body already decoded (browsers)
    ],
)
def test_encoded_bodies_are_decoded(tmp_path: Path, coding: str | None, compress: Any,
                                    wrap: bool) -> None:  # fmt: skip
    entry = encoded(compress(status_body()), coding, wrap)
    assert run(tmp_path, entry).findings == []


def test_gzip_bytes_stored_as_text_are_decoded(tmp_path: Path) -> None:
    entry = entry0("getUserStatus")
    entry["response"]["content"]["text"] = gzip.compress(status_body()).decode("latin-1")
    entry["response"]["content"].pop("encoding", None)
    entry["response"]["headers"].append({"name": "content-encoding", "value": "gzip"})
    assert run(tmp_path, entry).findings == []


def test_a_corrupt_gzip_body_is_one_finding(tmp_path: Path) -> None:
    entry = encoded(gzip.compress(status_body())[:20], "gzip")
    [finding] = run(tmp_path, entry).findings
    assert (finding.kind, finding.message) == (Kind.INVALID_JSON, "body: gzip body is corrupt")


# -- no silent pass -----------------------------------------------------------------------------


def test_an_unreadable_subfolder_is_unusable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "captures"
    (folder / "locked").mkdir(parents=True)
    (folder / "getUserStatus.har").write_bytes((FIXTURES / "getUserStatus.har").read_bytes())
    locked = folder / "locked"
    scandir = os.scandir

    def refusing(path: Any = ".") -> Any:  # root reads any folder: refuse as chmod 000 would
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    assert main(["check", str(folder)]) == 2
    assert capsys.readouterr().err == (
        f"tickspec check: {locked}: cannot read this folder (Permission denied)\n"
    )


def test_a_broken_har_link_in_a_folder_is_unusable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "getUserStatus.har").write_bytes((FIXTURES / "getUserStatus.har").read_bytes())
    (tmp_path / "gone.har").symlink_to(tmp_path / "nowhere.har")
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"tickspec check: {tmp_path / 'gone.har'}: broken symbolic link\n"
    )
    assert main(["check", str(tmp_path / "gone.har")]) == 2
    assert "broken symbolic link" in capsys.readouterr().err


def test_a_capture_without_entries_is_unusable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "empty.har"
    path.write_text('{"log": {"version": "1.2", "entries": []}}', encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"tickspec check: {path}: no entries (an empty capture checks nothing)\n"
    )
    assert main(["check", "-j", "2", str(path)]) == 2


# -- -o is atomic ---------------------------------------------------------------------------------


def test_output_file_is_never_partial(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text("previous report", encoding="utf-8")
    broken = tmp_path / "broken.har"
    broken.write_text('{"log": {"entries": [{"request": ', encoding="utf-8")
    assert main(["check", "--format", "json", "-o", str(report), str(broken)]) == 2
    assert report.read_text(encoding="utf-8") == "previous report"

    def failing(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing)
    capture = FIXTURES / "getUserStatus.har"
    assert main(["check", "--format", "json", "-o", str(report), str(capture)]) == 2
    assert capsys.readouterr().err.endswith(f"{report}: cannot write (No space left on device)\n")
    assert report.read_text(encoding="utf-8") == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.har", "report.json"]


def test_linked_subfolders_are_followed_once(tmp_path: Path) -> None:
    from tickspec.contract.har import expand

    real = tmp_path / "real"
    real.mkdir()
    (real / "a.har").write_bytes((FIXTURES / "getUserStatus.har").read_bytes())
    (real / "loop").symlink_to(tmp_path)  # a cycle back to the top
    (tmp_path / "linked").symlink_to(real)
    assert expand([tmp_path]) == [tmp_path / "linked" / "a.har"]  # "real" is the same folder


def test_a_closed_pipe_is_not_a_traceback() -> None:
    """`tickspec check captures/ | head`: the reader leaves early; no traceback."""
    script = (
        "import os, sys\n"
        "r, w = os.pipe(); os.close(r); os.dup2(w, 1)\n"
        "from tickspec.cli import main\n"
        f"sys.exit(main(['check', {str(FIXTURES)!r}]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, check=False,
                            cwd=ROOT)  # fmt: skip
    assert (result.returncode, result.stderr) == (0, b"")
