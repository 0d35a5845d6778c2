"""`tickspec import`: no planted secret survives, and the redacted capture still checks clean."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract import builder
from tickspec.contract.checker import check_paths
from tickspec.contract.importer import import_capture
from tickspec.contract.redact import Redactor, Vault
from tickspec.contract.redact_rules import Kind

TOKEN = "a3f9" * 40  # the `t` cookie: a long hex string
SESSION = "ZjYxNGE0OTItZDQ2Ny00ZjQxLWE1MGQtYjM4ZTU3ZDI3OTkw"
CSRF = "d9Xq2-PzLr8_vK3mN7bW1cY4tH6jA0sE"
AWSALB = "Lq0J9qXW1zW8n4rK2pT6vB3yM5cD7fH9gN1sA3eR5tY7uI9oP"
PASSWORD = "hunter2-Correct-Horse"
EMAIL = "ada.lovelace@gmail.com"
OTHER_EMAIL = "charles.babbage@outlook.com"
USER_ID = 130208689
OTHER_USER = 359368200
BEARER = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMzAyMDg2ODkifQ.c2lnbmF0dXJlLXNpZ25hdHVyZQ"
SECRETS = [TOKEN, SESSION, CSRF, AWSALB, PASSWORD, EMAIL, OTHER_EMAIL, str(USER_ID),
           str(OTHER_USER), BEARER, "ada.lovelace%40gmail.com"]  # fmt: skip


def headers(*, body: bool) -> list[tuple[str, str]]:
    out = builder.request_headers(body=body, traceid="696b8abc2c6f3277d1cc431a")
    out = [(n, v) for n, v in out if n not in ("Cookie", "X-Csrftoken")]
    return [
        *out,
        ("Cookie", f"t={TOKEN}; SESSION={SESSION}; _csrf_token={CSRF}; AWSALB={AWSALB}"),
        ("X-Csrftoken", CSRF),
        ("Authorization", f"Bearer {BEARER}"),
    ]


def secret_entry(method: str, url: str, **kw: Any) -> dict[str, Any]:
    entry = builder.entry(method, url, headers=headers(body="request_body" in kw), **kw)
    entry["request"]["cookies"] = [
        {"name": "t", "value": TOKEN},
        {"name": "SESSION", "value": SESSION},
    ]
    entry["response"]["headers"].append(
        {"name": "Set-Cookie", "value": f"t={TOKEN}; Domain=.ticktick.com; Path=/; HttpOnly"}
    )
    entry["response"]["cookies"] = [{"name": "t", "value": TOKEN, "httpOnly": True}]
    entry["_initiator"] = {"type": "script", "url": f"https://ticktick.com/#u={EMAIL}"}
    return entry


def planted_capture() -> dict[str, Any]:
    """A browser export full of secrets, other hosts and a preflight."""
    sync = json.loads((FIXTURES / "syncV3-full.har").read_text())["log"]["entries"][0]
    sync_body = json.loads(sync["response"]["content"]["text"])
    for task in sync_body["syncTaskBean"]["update"]:
        task["creator"] = USER_ID
        task["projectId"] = f"inbox{USER_ID}"
        task["content"] = f"mail {EMAIL} about it"
    sync_body["syncTaskBean"]["update"][1]["completedUserId"] = OTHER_USER
    sync_body["projectGroups"][0]["userId"] = USER_ID
    sync_body["inboxId"] = f"inbox{USER_ID}"
    signon_response = {"token": TOKEN, "userId": str(USER_ID), "username": EMAIL,
                       "inboxId": f"inbox{USER_ID}", "pro": False}  # fmt: skip
    profile = {"username": EMAIL, "email": OTHER_EMAIL, "displayName": "Ada Lovelace"}
    entries = [
        secret_entry("POST", builder.API + "/api/v2/user/signon?wc=true&remember=true",
                     request_body={"username": EMAIL, "password": PASSWORD},
                     response_body=signon_response,
                     query=[("wc", "true"), ("remember", "true")]),
        secret_entry("GET", builder.API + "/api/v3/batch/check/0", response_body=sync_body),
        secret_entry("GET", builder.API + f"/api/v2/project/inbox{USER_ID}/completed/"
                     f"?t={TOKEN}&from=x", response_body=[],
                     query=[("t", TOKEN), ("from", "x")]),
        secret_entry("GET", builder.API + "/api/v2/user/profile", response_body=profile,
                     base64_response=True),
        secret_entry("OPTIONS", builder.API + "/api/v2/batch/task"),
        secret_entry("GET", f"https://ticktick.com/webapp/?email={EMAIL}",
                     raw_response="<html></html>"),
        secret_entry("POST", "https://www.google-analytics.com/g/collect",
                     raw_request=f"uid={USER_ID}&em={EMAIL}"),
    ]  # fmt: skip
    return builder.har(entries)


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, dict[str, Any]]:
    src = tmp_path / "Raw export [26-01-17 16-54-03].har"
    src.write_text(json.dumps(planted_capture()), encoding="utf-8")
    assert main(["import", str(src), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    path = tmp_path / "out" / "Raw-export-26-01-17-16-54-03.har"
    assert out.startswith(f"wrote {path}: kept 4 API entries, dropped 3, redacted ")
    return path, json.loads(path.read_text(encoding="utf-8"))


def test_no_planted_secret_survives(imported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = imported
    text = path.read_text(encoding="utf-8")
    decoded = text + json.dumps(json.loads(text), ensure_ascii=False)  # also unescaped strings
    survivors = [secret for secret in SECRETS if secret in decoded]
    assert survivors == []
    assert not re.search(r"[0-9a-fA-F]{40,}", decoded)
    assert "Ada Lovelace" not in decoded


def test_only_api_entries_are_kept(imported: tuple[Path, dict[str, Any]]) -> None:
    _, doc = imported
    urls = [e["request"]["url"] for e in doc["log"]["entries"]]
    assert [u.split("?")[0] for u in urls] == [
        builder.API + "/api/v2/user/signon",
        builder.API + "/api/v3/batch/check/0",
        builder.API + "/api/v2/project/inbox100000001/completed/",
        builder.API + "/api/v2/user/profile",
    ]
    assert doc["log"]["version"] == "1.2"
    assert all(not k.startswith("_") for e in doc["log"]["entries"] for k in e)


def test_placeholders_keep_the_shape_and_are_stable(imported: tuple[Path, dict[str, Any]]) -> None:
    _, doc = imported
    signon, sync, completed, profile = doc["log"]["entries"]
    login = json.loads(signon["request"]["postData"]["text"])
    answer = json.loads(signon["response"]["content"]["text"])
    assert login == {"username": "user@example.com", "password": "xxxxxxxx"}
    assert answer["token"] == "x" * len(TOKEN)
    assert (answer["userId"], answer["inboxId"]) == ("100000001", "inbox100000001")
    body = json.loads(sync["response"]["content"]["text"])
    tasks = body["syncTaskBean"]["update"]
    assert [t["creator"] for t in tasks] == [100000001, 100000001]
    assert tasks[1]["completedUserId"] == 100000002
    assert body["projectGroups"][0]["userId"] == 100000001
    assert body["inboxId"] == tasks[0]["projectId"] == "inbox100000001"
    assert tasks[0]["content"] == "mail user@example.com about it"
    cookie = {h["name"]: h["value"] for h in signon["request"]["headers"]}["Cookie"]
    assert cookie == (f"t={'x' * len(TOKEN)}; SESSION={'x' * len(SESSION)}; "
                      f"_csrf_token={'x' * len(CSRF)}; AWSALB={'x' * len(AWSALB)}")  # fmt: skip
    assert {"name": "X-Csrftoken", "value": "x" * len(CSRF)} in signon["request"]["headers"]
    assert {"name": "Authorization", "value": "Bearer " + "x" * len(BEARER)} in signon["request"][
        "headers"
    ]
    assert {"name": "t", "value": "x" * len(TOKEN)} in completed["request"]["queryString"]
    content = profile["response"]["content"]
    assert content["encoding"] == "base64"  # decoded, redacted, encoded again
    who = json.loads(base64.b64decode(content["text"]))
    assert who == {"username": "user@example.com", "email": "user2@example.com",
                   "displayName": "User"}  # fmt: skip


def test_redacted_capture_still_passes_check(imported: tuple[Path, dict[str, Any]]) -> None:
    path, _ = imported
    report = check_paths([path])
    assert (report.entries, report.matched, report.skipped) == (4, 4, 0)
    assert [f for f in report.findings if f.severity.value == "breaking"] == []


def test_refuses_to_overwrite_without_force(
    imported: tuple[Path, dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path, _ = imported
    src = tmp_path / "Raw export [26-01-17 16-54-03].har"
    before = path.read_bytes()
    assert main(["import", str(src), "--out", str(tmp_path / "out")]) == 2
    assert capsys.readouterr().err == (
        f"tickspec import: {path}: already exists (pass --force to overwrite)\n"
    )
    assert path.read_bytes() == before
    assert main(["import", str(src), "--out", str(tmp_path / "out"), "--force"]) == 0


def test_out_may_name_the_file_and_unusable_input_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "static-only.har"
    static = builder.entry("GET", "https://ticktick.com/static/app.js", raw_response="var a;")
    src.write_text(json.dumps(builder.har([static])), encoding="utf-8")
    assert main(["import", str(src), "--out", str(tmp_path / "x.har")]) == 2
    assert "no TickTick API entry" in capsys.readouterr().err
    good = tmp_path / "good.har"
    good.write_text((FIXTURES / "getUserStatus.har").read_text(), encoding="utf-8")
    assert main(["import", str(good), "--out", str(tmp_path / "named.har")]) == 0
    assert (tmp_path / "named.har").exists()
    assert main(["import", str(tmp_path / "absent.har")]) == 2
    assert capsys.readouterr().err.endswith("absent.har: cannot read (No such file or directory)\n")


def test_same_value_same_placeholder_across_shapes() -> None:
    vault = Vault()
    collector = Redactor(vault)
    collector.json({"creator": 70000, "userId": "80000", "email": "A@B.io", "x": "inbox70000"})
    vault.seal()
    redactor = Redactor(vault)
    assert redactor.json({"creator": 80000, "userId": "70000", "assignee": -1}) == {
        "creator": 100000002, "userId": "100000001", "assignee": -1}  # fmt: skip
    assert redactor.text("inbox70000 and inbox80000") == "inbox100000001 and inbox100000002"
    assert vault.note(Kind.EMAIL, "a@b.io") == vault.note(Kind.EMAIL, "A@B.IO")
    assert redactor.text("x=a%40b.io, A@B.io") == "x=user%40example.com, user@example.com"


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.har")), ids=lambda p: p.stem)
def test_committed_fixtures_hold_no_secret(path: Path) -> None:
    """The fixtures follow the redaction rules: placeholders only, nothing token-shaped."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"[0-9a-fA-F]{40,}", text)
    assert set(re.findall(r"[\w.+-]+@[\w-]+\.[\w.]+", text)) <= {"user@example.com"}
    for entry in json.loads(text)["log"]["entries"]:
        headers = {h["name"].lower(): h["value"] for h in entry["request"]["headers"]}
        if "cookie" in headers:
            assert all(part.split("=", 1)[1] == "REDACTED"
                       for part in headers["cookie"].split("; "))  # fmt: skip
        assert headers.get("x-csrftoken", "REDACTED") == "REDACTED"
        assert {c["value"] for c in entry["request"]["cookies"]} <= {"REDACTED"}
        body = entry["request"].get("postData", {}).get("text", "")
        if '"password"' in body:
            assert json.loads(body)["password"] == "REDACTED"
    ids = re.findall(r'"(?:creator|completedUserId|userId)":\s*"?(\d+)', text.replace("\\", ""))
    assert set(ids) <= {"100000001"}
    assert set(re.findall(r"inbox\d+", text)) <= {"inbox100000001"}


def test_every_committed_fixture_imports_unchanged_and_checks_the_same(tmp_path: Path) -> None:
    """A fixture is already redacted: its placeholders map to themselves, so importing it
    changes no entry, and the checker sees the same entries and findings."""
    for path in sorted(FIXTURES.rglob("*.har")):
        out = tmp_path / path.name
        import_capture(path, out)
        before = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
        assert json.loads(out.read_text(encoding="utf-8"))["log"]["entries"] == before, path

    def seen(folder: Path) -> list[tuple[Any, ...]]:
        report = check_paths([folder])
        found = [(Path(f.file).name, f.entry, f.kind.value, f.path, f.severity.value)
                 for f in report.findings]  # fmt: skip
        return [(report.entries, report.matched, report.skipped), *sorted(found)]

    assert seen(tmp_path) == seen(FIXTURES)


def test_oauth_calls_are_kept_with_their_token_redacted_and_the_website_dropped(
    tmp_path: Path,
) -> None:
    """ticktick.com serves both the OAuth2 token call (an operation of the spec) and the
    website: import keeps what `check` checks, hides the access token, keeps `token_type`."""
    token = "Zq7-live-access-token-4d1f"
    answer = {"access_token": token, "token_type": "bearer", "expires_in": 15551999}
    entries = [
        builder.entry(
            "POST",
            "https://ticktick.com/oauth/token?code=abc&grant_type=authorization_code",
            response_body=answer,
            authenticated=False,
        ),
        builder.entry("GET", "https://ticktick.com/webapp/", index=1, raw_response="<html>"),
    ]
    src = tmp_path / "oauth.har"
    src.write_text(builder.dumps(builder.har(entries)), encoding="utf-8")
    result = import_capture(src, tmp_path / "out.har")
    text = result.path.read_text(encoding="utf-8")
    assert (result.kept, result.dropped) == (1, 1)
    assert token not in text
    [kept] = json.loads(text)["log"]["entries"]
    body = json.loads(kept["response"]["content"]["text"])
    assert (body["token_type"], body["expires_in"]) == ("bearer", 15551999)
    assert check_paths([result.path]).findings == []
