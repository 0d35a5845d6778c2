"""Issue 10 item 5: the README's endpoint table is generated from the spec and kept fresh."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from codegen import readme
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import load_spec
from tests.paths import ROOT

OPENAPI = load_spec(DEFAULT_SCHEMAS).openapi
README = ROOT / "README.md"


def _operations() -> list[dict[str, Any]]:
    return [
        node
        for item in OPENAPI["paths"].values()
        for method, node in item.items()
        if method in readme.METHODS
    ]


def test_readme_table_is_up_to_date() -> None:
    text = README.read_text(encoding="utf-8")
    fresh = readme.update(text, readme.render_table(OPENAPI))
    assert fresh == text, "README.md's endpoint table is stale: uv run --frozen tickspec generate"


def test_table_sits_in_the_endpoint_coverage_section() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Endpoint coverage", 1)[1].split("\n## ", 1)[0]
    assert readme.START in section and readme.END in section
    assert section.index(readme.END) < section.index("Left out:")


def test_one_row_per_operation_with_its_short_evidence() -> None:
    table = readme.render_table(OPENAPI)
    rows = [line for line in table.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(_operations())
    for node in _operations():
        assert sum(f"| `{node['operationId']}` |" in row for row in rows) == 1
    assert "| auth | POST | `/api/v2/user/signin` | `signin` | ticktick-py 2.0.3 |" in rows
    assert (
        "| tasks | POST | `/api/v2/batch/task` | `batchTask` | seed 001, 002; 10 clients; 2 docs |"
        in rows
    )
    tags = [row.split(" | ")[0] for row in rows]
    assert tags == sorted(tags)


def test_a_pipe_in_evidence_does_not_split_the_cell() -> None:
    openapi = {"paths": {"/x": {"get": {"operationId": "x", "x-evidence": ["a|b 1"]}}}}
    row = readme.render_table(openapi).splitlines()[-1]
    assert row == "| untagged | GET | `/x` | `x` | a\\|b 1 |"


def test_update_replaces_only_between_the_markers() -> None:
    text = f"# t\n\nbefore\n{readme.START}\nold\n{readme.END}\nafter\n"
    new = readme.update(text, "TABLE")
    assert new == f"# t\n\nbefore\n{readme.START}\nTABLE\n{readme.END}\nafter\n"
    assert readme.update(new, "TABLE") == new


@pytest.mark.parametrize(
    "text",
    [
        "no markers",
        f"{readme.START}\n",
        f"{readme.END}\n{readme.START}\n",
        f"{readme.START}\n{readme.END}\n{readme.START}\n{readme.END}\n",
    ],
)
def test_broken_markers_are_a_clear_error(text: str) -> None:
    with pytest.raises(readme.ReadmeError):
        readme.update(text, "TABLE")


def test_main_checks_then_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "README.md"
    target.write_text(f"# t\n{readme.START}\nstale\n{readme.END}\n", encoding="utf-8")
    assert readme.main(["--check", "--readme", str(target)]) == readme.EXIT_STALE
    assert "stale" in target.read_text(encoding="utf-8")
    assert readme.main(["--readme", str(target)]) == 0
    assert readme.main(["--check", "--readme", str(target)]) == 0
    assert "`signin`" in target.read_text(encoding="utf-8")
    target.write_text("no markers\n", encoding="utf-8")
    assert readme.main(["--readme", str(target)]) == readme.EXIT_UNUSABLE
    assert target.read_text(encoding="utf-8") == "no markers\n"
    err = capsys.readouterr().err
    assert "is stale; run `uv run --frozen tickspec generate`" in err
    assert "needs exactly one" in err
