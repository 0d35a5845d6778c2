"""The README's Open API example runs as written against `tickspec serve`.

The user's part (open the page, approve, paste the address) is played by
`input()`: it opens the printed authorize URL and answers the redirect.
"""

from __future__ import annotations

import builtins
import contextlib
import io
import re

import httpx
import pytest

from tests.paths import ROOT
from tickspec.server.testing import running_server

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block(heading: str) -> str:
    section = README.split(f"## {heading}", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match is not None
    return match.group(1)


def test_open_api_example_runs_the_oauth_flow(monkeypatch: pytest.MonkeyPatch) -> None:
    code = _block("The Open API v1 client (OAuth2)")
    out = io.StringIO()

    def approve(prompt: str = "") -> str:
        del prompt
        url = out.getvalue().splitlines()[-1]
        with httpx.Client(trust_env=False, timeout=10.0) as browser:
            answer = browser.get(url)
        assert answer.status_code == 302
        return answer.headers["location"]

    with running_server() as server:
        monkeypatch.setenv("TICKTICK_OPEN_BASE_URL", server.base_url)
        monkeypatch.setattr(builtins, "input", approve)
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), {})
        tasks = list(server.state()["tasks"].values())
    assert [(t["title"], t["status"], t["priority"]) for t in tasks] == [("Buy milk", 2, 5)]
