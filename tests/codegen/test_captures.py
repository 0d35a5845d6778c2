"""`tickspec generate` beside generated/: the README table and the captures of examples.

A copy of schemas/ in a scratch repository (README.md with the table's markers, an
empty fixtures_har/) gets examples on two operations; `beside.render` writes one
capture per example that `tickspec check` matches without a finding, names the
example's evidence in the HAR, and drops the capture when the example goes.
"""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from codegen import beside, readme
from codegen.captures import is_generated, render_captures
from codegen.paths import DEFAULT_SCHEMAS
from codegen.spec import SpecError, load_spec
from tickspec import yaml_text
from tickspec.contract.checker import check_paths

PROJECT = "6940c3d51263b74715346bd6"
NOTICES = [{"id": "a1", "title": "Shared list", "type": "share", "unread": True}]
EVIDENCE = ["docs: someone/notes notification answer"]


def node(openapi: dict[str, Any], operation_id: str) -> dict[str, Any]:
    for item in openapi["paths"].values():
        for found in item.values():
            if isinstance(found, dict) and found.get("operationId") == operation_id:
                return found
    raise KeyError(operation_id)


def media(openapi: dict[str, Any], operation_id: str) -> dict[str, Any]:
    found: dict[str, Any] = node(openapi, operation_id)["responses"]["200"]["content"][
        "application/json"
    ]
    return found


OPENAPI = yaml_text.safe_load((DEFAULT_SCHEMAS / "openapi.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(DEFAULT_SCHEMAS, tmp_path / "schemas", ignore=shutil.ignore_patterns("*.yaml"))
    (tmp_path / "fixtures_har").mkdir()
    (tmp_path / "README.md").write_text(f"# x\n{readme.START}\n{readme.END}\n", encoding="utf-8")
    openapi = copy.deepcopy(OPENAPI)
    media(openapi, "getUnreadNotifications")["examples"] = {
        "captured": {"value": NOTICES, "x-evidence": EVIDENCE}
    }
    media(openapi, "openGetProject")["example"] = {"id": PROJECT, "name": "Groceries"}
    for param in node(openapi, "openGetProject")["parameters"]:
        if param.get("name") == "projectId":
            param["example"] = PROJECT
    write_openapi(tmp_path, openapi)
    return tmp_path


def write_openapi(root: Path, openapi: dict[str, Any]) -> None:
    """JSON is YAML, and much faster to write than PyYAML's emitter."""
    (root / "schemas" / "openapi.yaml").write_text(json.dumps(openapi), encoding="utf-8")


def test_one_capture_per_example_that_check_matches(repo: Path) -> None:
    out = beside.render(load_spec(repo / "schemas"))
    names = sorted(n for n in out.files if n.startswith("fixtures_har/"))
    committed = {f"fixtures_har/{name}" for name in render_captures(load_spec(DEFAULT_SCHEMAS))}
    assert names == sorted(
        committed
        | {
            "fixtures_har/getUnreadNotifications-example.har",
            "fixtures_har/openGetProject-example.har",
        }
    )
    assert out.files["README.md"].count("| `getUnreadNotifications` |") == 1
    assert beside.write(out) == sorted(["README.md", *names])
    assert beside.check(beside.render(load_spec(repo / "schemas"))) == []
    report = check_paths(sorted((repo / "fixtures_har").glob("*.har")))
    assert (report.entries, report.matched, report.findings) == (len(names), len(names), [])


def test_the_capture_is_the_example_verbatim_with_its_provenance(repo: Path) -> None:
    files = beside.render(load_spec(repo / "schemas")).files
    web = json.loads(files["fixtures_har/getUnreadNotifications-example.har"])
    [entry] = web["log"]["entries"]
    assert (entry["request"]["method"], entry["request"]["url"]) == (
        "GET",
        "https://api.ticktick.com/api/v2/notification/unread",
    )
    assert json.loads(entry["response"]["content"]["text"]) == NOTICES
    assert web["log"]["comment"] == (
        "tickspec fixture getUnreadNotifications-example: written by `tickspec generate` from "
        "the example 'captured' of GET /api/v2/notification/unread in schemas/openapi.yaml; "
        f"x-evidence: {EVIDENCE[0]}"
    )
    assert is_generated(files["fixtures_har/getUnreadNotifications-example.har"])
    open_api = json.loads(files["fixtures_har/openGetProject-example.har"])
    [entry] = open_api["log"]["entries"]
    assert entry["request"]["url"] == f"https://api.ticktick.com/open/v1/project/{PROJECT}"
    headers = {h["name"]: h["value"] for h in entry["request"]["headers"]}
    assert headers["Authorization"] == "Bearer REDACTED" and "X-Device" not in headers
    assert "docs: yamash723/ticktick-mcp" in open_api["log"]["comment"]  # the operation's own


def test_a_removed_example_retires_its_capture_and_hand_captures_stay(repo: Path) -> None:
    beside.write(beside.render(load_spec(repo / "schemas")))
    hand = repo / "fixtures_har" / "getLimits-example.har"
    hand.write_text('{"log": {"comment": "by hand", "entries": []}}', encoding="utf-8")
    openapi = json.loads((repo / "schemas" / "openapi.yaml").read_text())
    del media(openapi, "openGetProject")["example"]
    write_openapi(repo, openapi)
    out = beside.render(load_spec(repo / "schemas"))
    assert out.retired == ("fixtures_har/openGetProject-example.har",)
    assert beside.check(out) == ["fixtures_har/openGetProject-example.har"]
    beside.write(out)
    assert not (repo / "fixtures_har" / "openGetProject-example.har").exists()
    assert hand.exists()


def test_an_example_that_does_not_fit_or_lacks_a_parameter_is_a_spec_error(repo: Path) -> None:
    openapi = json.loads((repo / "schemas" / "openapi.yaml").read_text())
    media(openapi, "openGetProject")["example"] = {"name": "no id"}
    write_openapi(repo, openapi)
    with pytest.raises(SpecError, match=r"GET /open/v1/project/\{projectId\}: example 'example' "):
        beside.render(load_spec(repo / "schemas"))
    media(openapi, "openGetProject")["example"] = {"id": PROJECT, "name": "Groceries"}
    for param in node(openapi, "openGetProject")["parameters"]:
        param.pop("example", None)
    write_openapi(repo, openapi)
    with pytest.raises(SpecError, match="path parameter 'projectId' needs an `example`"):
        beside.render(load_spec(repo / "schemas"))


def test_a_schema_folder_outside_a_repository_writes_nothing_beside(tmp_path: Path) -> None:
    shutil.copytree(DEFAULT_SCHEMAS, tmp_path / "schemas")
    out = beside.render(load_spec(tmp_path / "schemas"))
    assert (out.files, out.retired) == ({}, ())
