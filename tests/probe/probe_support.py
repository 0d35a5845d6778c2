"""Running `tickspec probe` in-process against a local server, and reading its results."""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tickspec.cli import main
from tickspec.probe.sandbox import ours
from tickspec.server.oauth_server import LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET
from tickspec.server.testing import ServerHandle

KINDS = ("tasks", "projects", "projectGroups", "tags", "filters", "columns", "habits",
         "habitCheckins", "habitSections")  # fmt: skip
DOCUMENTS = ("countdowns", "focusRecords", "comments")


@dataclass
class Run:
    code: int
    report: dict[str, Any]
    coverage: dict[str, Any]
    har: Path
    err: str


def probe(
    server: ServerHandle,
    tmp: Path,
    *extra: str,
    web: bool = True,
    open_token: str | None = None,
) -> Run:
    """`tickspec probe` with the server's web session (unless `web` is False) and an
    Open API token (default: the personal API token; "" for none); JSON report and
    coverage."""
    report, cov, har = tmp / "report.json", tmp / "coverage.json", tmp / "probe.har"
    bearer = server.api_token if open_token is None else open_token
    auth = (["--token", server.token] if web else []) + (
        ["--open-api-token", bearer] if bearer else []
    )
    args = ["probe", *auth, "--base-url", server.base_url, "--rate", "1000", "--out", str(har),
            "--format", "json", "-o", str(report), "--coverage-out", str(cov), *extra]  # fmt: skip
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(args)

    def read(path: Path) -> dict[str, Any]:
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}

    return Run(code, read(report), read(cov), har, err.getvalue())


def oauth_token(server: ServerHandle, scope: str) -> str:
    """An OAuth2 access token with `scope`, through the flow a user's app goes through:
    authorize (the local server approves at once), then the code exchange."""
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0) as http:
        params = {"client_id": LOCAL_CLIENT_ID, "scope": scope, "response_type": "code"}
        approved = http.get("/oauth/authorize", params=params)
        code = parse_qs(urlsplit(approved.headers["location"]).query)["code"][0]
        form = {"code": code, "grant_type": "authorization_code"}
        answer = http.post("/oauth/token", data=form, auth=(LOCAL_CLIENT_ID, LOCAL_CLIENT_SECRET))
    answer.raise_for_status()
    token: str = answer.json()["access_token"]
    return token


def objects(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every object of the account by kind: id -> name (title, note), trash excluded."""
    out: dict[str, dict[str, Any]] = {}
    for kind in KINDS:
        out[kind] = {key: _label(obj) for key, obj in state[kind].items()}
    for kind in DOCUMENTS:
        stored = state["documents"].get(kind) or {}
        out[kind] = {k: _label(v) for k, v in stored.items() if v}
    return out


def _label(obj: Any) -> Any:
    if not isinstance(obj, dict):
        return obj
    return obj.get("name") or obj.get("title") or obj.get("note") or obj.get("habitId")


def probe_leftovers(state: dict[str, Any]) -> list[str]:
    """Names of probe objects still in the account (the trash aside)."""
    found = objects(state)
    return sorted(f"{kind}: {name}" for kind, items in found.items()
                  for name in items.values() if ours(name))  # fmt: skip


def findings(run: Run, operation: str | None = None) -> list[tuple[str, str, str]]:
    """(severity, kind, operation) of the report's findings, for one operation or all."""
    return sorted(
        (f["severity"], f["kind"], f["operation"])
        for f in run.report.get("findings", [])
        if operation is None or f["operation"] == operation
    )
