"""`check --format FMT[:FILE]`: several reports from one run, and the old `-o` form."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract.outputs import Output, OutputError, parse


def test_parse_keeps_the_old_single_format_and_its_output_file() -> None:
    assert parse(None, None) == [Output("text")]
    assert parse("junit", "r.xml") == [Output("junit", "r.xml")]
    assert parse(["github", "junit:r.xml", "markdown:s.md"], None) == [
        Output("github"),
        Output("junit", "r.xml"),
        Output("markdown", "s.md"),
    ]
    assert parse(["json:a.json", "text"], "t.txt") == [
        Output("json", "a.json"),
        Output("text", "t.txt"),
    ]


@pytest.mark.parametrize(
    ("formats", "output", "message"),
    [
        (["yaml"], None, "--format: 'yaml' is not one of text, json, junit, markdown, github"),
        (["json:"], None, "--format json:: no file after ':' (FMT or FMT:FILE)"),
        (["json", "text"], None, "--format: json, text would all go to stdout"),
        (["json:a"], "b", "-o/--output: every --format already names its file"),
        (["json:a", "text:a"], None, "--format: two reports would be written to a"),
        (["json:a", "text"], "a", "--format: two reports would be written to a"),
    ],
)
def test_parse_refuses_what_cannot_be_written(
    formats: list[str], output: str | None, message: str
) -> None:
    with pytest.raises(OutputError) as error:
        parse(formats, output)
    assert str(error.value).startswith(message)


def test_one_run_writes_every_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capture = str(FIXTURES / "getTask.har")
    junit, markdown, doc = tmp_path / "r.xml", tmp_path / "s.md", tmp_path / "r.json"
    code = main(["check", capture, "--format", "github", "--format", f"junit:{junit}",
                 "--format", f"markdown:{markdown}", "--format", f"json:{doc}"])  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert out.splitlines()[-1] == "::notice title=tickspec check::1 entries checked: no findings"
    assert ET.parse(junit).getroot().get("tests") == "1"
    assert markdown.read_text(encoding="utf-8").startswith("## tickspec check: no drift")
    assert json.loads(doc.read_text(encoding="utf-8"))["matched"] == 1


def test_reports_to_files_only_leave_a_summary_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capture = str(FIXTURES / "getTask.har")
    a, b = tmp_path / "a.xml", tmp_path / "b.txt"
    assert main(["check", capture, "--format", f"junit:{a}", "--format", "text", "-o", str(b)]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.endswith(f"0 additive finding(s); reports written to {a}, {b}")
    assert b.read_text(encoding="utf-8").startswith("tickspec check: 1 file(s)")


def test_a_bad_format_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "getTask.har"), "--format", "html"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "tickspec check: --format: 'html' is not one of text, json, junit, markdown, github\n"
    )
