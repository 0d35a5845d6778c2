"""The README's quick start runs as written, against the local server."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from tests.paths import ROOT
from tickspec.server.testing import running_server

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _python_block(after_heading: str) -> str:
    section = README.split(f"## {after_heading}", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_quick_start_runs_against_tickspec_serve(monkeypatch: pytest.MonkeyPatch) -> None:
    code = _python_block("Quick start")
    with running_server(seed_demo=True) as server:
        monkeypatch.setenv("TICKTICK_USERNAME", server.username)
        monkeypatch.setenv("TICKTICK_PASSWORD", server.password)
        monkeypatch.setenv("TICKTICK_BASE_URL", server.base_url)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        tasks = server.state()["tasks"]
    lines = out.getvalue().splitlines()
    assert any(line.startswith("Buy milk 2 ") for line in lines), lines
    [milk] = [t for t in tasks.values() if t["title"] == "Buy milk"]
    assert milk["status"] == 2
    assert milk["priority"] == 5
    assert milk["tags"] == ["errands"]
    assert milk["pinnedTime"] is not None


def test_readme_names_the_two_commands_and_ci_runs_the_second() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "uv run --frozen pytest" in README
    assert ci.rstrip().splitlines()[-1] == "uv run --frozen pytest"
