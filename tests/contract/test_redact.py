"""`tickspec import` leaks nothing of issue 9's list, and survives hostile captures.

Each leak case plants secrets where a browser capture of a real session put them
(issue 9, "What was measured") and asserts that none survives anywhere in the
output: not as is, not percent-encoded, not in base64 (bodies are decoded too).
They talk to the CLI only, so they run against any version of the importer.
"""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest

from tickspec.cli import main
from tickspec.contract import builder, importer

API = builder.API
EMAIL = "ada.lovelace@gmail.com"
PASSWORD = "hunter2-Correct-Horse"
TOKEN = "Zm9vYmFyLXNlc3Npb24tdG9rZW4tbm9uaGV4"
SESSION = "NjE0YTQ5Mi1kNDY3LTRm"
CSRF = "d9Xq2-PzLr8_vK3mN7bW"
USER_ID = 130208689
USER_CODE = "3f1c2d4e-9a8b-4c7d-8e6f-5a4b3c2d1e0f"
EXTERNAL_ID = "g-1093482093"
USERNAME = "ada_l1815"
NAME, GIVEN, FAMILY = "Augusta Ada King", "Augusta", "Byron-King"
PICTURE = "https://lh3.googleusercontent.com/a/ACg8ocJpicture=s96-c"
PHONE, MOBILE, PHONE_NUMBER = "+44 20 7946 0958", "+1 415 555 2671", "+33170363950"
FREE_PHONE = "+90 532 111 22 33"


def entry(method: str, path: str, **kw: Any) -> dict[str, Any]:
    headers = [(n, v) for n, v in builder.request_headers(body=True, traceid="t" * 8)
               if n not in ("Cookie", "X-Csrftoken")]  # fmt: skip
    headers += [("Cookie", f"t={TOKEN}; SESSION={SESSION}; _csrf_token={CSRF}"),
                ("X-Csrftoken", CSRF)]  # fmt: skip
    url = path if path.startswith("http") else API + path
    out = builder.entry(method, url, headers=headers, **kw)
    out["request"]["cookies"] = [{"name": "t", "value": TOKEN}]
    return out


def session() -> list[dict[str, Any]]:
    """The account's own entries: signon, status and profile (where pass 1 learns it)."""
    signon = entry("POST", "/api/v2/user/signon?wc=true&remember=true",
                   request_body={"username": EMAIL, "password": PASSWORD},
                   response_body={"token": TOKEN, "userId": str(USER_ID), "username": EMAIL,
                                  "inboxId": f"inbox{USER_ID}", "userCode": USER_CODE})  # fmt: skip
    signon["response"]["headers"] += [
        {"name": "Set-Cookie", "value": f"t={TOKEN}; Domain=.ticktick.com; Path=/"},
        {"name": "Set-Cookie", "value": f"SESSION={SESSION}; Path=/; HttpOnly"},
    ]
    status = entry("GET", "/api/v2/user/status",
                   response_body={"userId": str(USER_ID), "username": USERNAME,
                                  "userCode": USER_CODE, "inboxId": f"inbox{USER_ID}"})  # fmt: skip
    profile = entry("GET", "/api/v2/user/profile", response_body={
        "id": USER_ID, "externalId": EXTERNAL_ID, "owner": USER_ID, "user_id": USER_ID,
        "name": NAME, "displayName": NAME, "givenName": GIVEN, "familyName": FAMILY,
        "picture": PICTURE, "userCode": USER_CODE, "phone": PHONE, "mobile": MOBILE,
        "phoneNumber": PHONE_NUMBER, "email": EMAIL})  # fmt: skip
    return [signon, status, profile]


def form(path: str, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    text = "&".join(f"{quote_plus(k)}={quote_plus(v)}" for k, v in pairs)
    out = entry("POST", path, raw_request=text, response_body={})
    out["request"]["postData"] = {
        "mimeType": "application/x-www-form-urlencoded",
        "text": text,
        "params": [{"name": k, "value": quote_plus(v)} for k, v in pairs],
    }
    return out


LEAKS: dict[str, tuple[list[str], list[dict[str, Any]]]] = {
    "password-form-passwd-newPassword": (
        ["Tr0ub4dor&3x", "s3cr3t pass word"],
        [form("/api/v2/user/password",
              [("passwd", "Tr0ub4dor&3x"), ("newPassword", "s3cr3t pass word")])],
    ),
    "password-query-any-casing": (
        ["QueryPw-1a", "QueryPw-2b"],
        [entry("GET", "/api/v2/user/check?Password=QueryPw-1a&passwd=QueryPw-2b",
               query=[("Password", "QueryPw-1a"), ("passwd", "QueryPw-2b")])],
    ),
    "password-json-any-casing": (
        ["JsonPw-One1", "JsonPw-Two2", "JsonPw-Three3"],
        [entry("POST", "/api/v2/user/password", response_body={},
               request_body={"Password": "JsonPw-One1", "PASSWORD": "JsonPw-Two2",
                             "pwd": "JsonPw-Three3"})],
    ),
    "password-not-a-string": (
        ["86753091"],
        [entry("POST", "/api/v2/user/password", request_body={"password": 86753091},
               response_body={})],
    ),
    "password-in-free-text": (
        [PASSWORD],
        [entry("POST", "/api/v2/batch/task", response_body={},
               request_body={"add": [{"title": f"wifi: {PASSWORD}", "content": PASSWORD}]})],
    ),
    "user-id-in-path-query-referer-location": (
        [str(USER_ID)],
        [entry("GET", f"/api/v2/user/{USER_ID}/preferences?userId={USER_ID}",
               query=[("userId", str(USER_ID))], response_body={})],
    ),
    "user-id-under-profile-keys": ([str(USER_ID), EXTERNAL_ID], []),
    "phones-under-keys-and-in-free-text": (
        [PHONE, MOBILE, PHONE_NUMBER, FREE_PHONE, "447946", "4155552671"],
        [entry("POST", "/api/v2/batch/task", response_body={},
               request_body={"add": [{"title": f"call {FREE_PHONE} or {MOBILE}"}]})],
    ),
    "username-names-picture-user-code": (
        [USERNAME, NAME, GIVEN, FAMILY, PICTURE, "ACg8ocJpicture", USER_CODE], [],
    ),
    "short-non-hex-tokens-in-paths": (
        ["Kx9fQ2", "Pq7Zr4", "A1b2C3d4E5"],
        [entry("GET", "/api/v2/project/share/Kx9fQ2/accept/Pq7Zr4;jsessionid=A1b2C3d4E5",
               response_body={})],
    ),
    "short-non-hex-tokens-under-keys": (
        ["ab12CD", "Qw3rty9", "s1dV4l", "cSrF77x"],
        [entry("POST", "/api/v2/oauth/refresh", response_body={
            "access_token": "ab12CD", "Token": "Qw3rty9", "sid": "s1dV4l",
            "X-Csrftoken": "cSrF77x"})],
    ),
    "x-forwarded-for": (["81.2.69.142", "2001:4860:4860::8888"], []),
    "websocket-frames-and-page-titles": (["WsT0k3nXyz9", "Page-Secret-77"], []),
}  # fmt: skip


def leaky_capture(case: str) -> dict[str, Any]:
    entries = session() + LEAKS[case][1]
    if case == "user-id-in-path-query-referer-location":
        entries[-1]["request"]["headers"].append(
            {"name": "Referer", "value": f"https://ticktick.com/webapp/#u/{USER_ID}/tasks"}
        )
        entries[-1]["response"]["headers"].append(
            {"name": "Location", "value": f"{API}/api/v2/user/{USER_ID}/preferences"}
        )
    if case == "x-forwarded-for":
        entries[-1]["request"]["headers"].append(
            {"name": "X-Forwarded-For", "value": "81.2.69.142, 2001:4860:4860::8888"}
        )
    doc = builder.har(entries)
    if case == "websocket-frames-and-page-titles":
        entries[-1]["pageref"] = "page_1"
        entries[-1]["_webSocketMessages"] = [
            {"type": "send", "time": 1.5, "opcode": 1, "data": '{"auth":"WsT0k3nXyz9"}'}
        ]
        doc["log"]["pages"] = [{"id": "page_1", "title": "TickTick Page-Secret-77",
                                "startedDateTime": "2026-01-17T13:12:28.000Z"}]  # fmt: skip
    return doc


def spellings(secret: str) -> list[str]:
    raw = secret.encode()
    b64 = [base64.b64encode(raw), base64.urlsafe_b64encode(raw)]
    return [secret, json.dumps(secret)[1:-1], quote(secret, safe=""), quote(secret),
            quote_plus(secret), *(b.decode() for b in b64),
            *(b.decode().rstrip("=") for b in b64)]  # fmt: skip


def visible(path: Path) -> str:
    """Everything a reader of the output can see: its text, its strings unescaped, and
    its base64 bodies decoded."""
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    decoded = [
        base64.b64decode(e["response"]["content"]["text"]).decode("utf-8", "replace")
        for e in doc["log"]["entries"]
        if e["response"].get("content", {}).get("encoding") == "base64"
    ]
    return "\n".join([text, json.dumps(doc, ensure_ascii=False), *decoded])


def run_import(tmp_path: Path, doc: dict[str, Any], *args: str) -> tuple[int, Path]:
    src = tmp_path / "capture.har"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "out.har"
    return main(["import", str(src), "--out", str(out), *args]), out


@pytest.mark.parametrize("case", sorted(LEAKS))
def test_no_secret_of_issue_9_survives_import(case: str, tmp_path: Path) -> None:
    code, out = run_import(tmp_path, leaky_capture(case))
    assert code == 0
    seen = visible(out)
    secrets = LEAKS[case][0] + [EMAIL, PASSWORD, TOKEN, SESSION, CSRF, str(USER_ID)]
    assert [(s, f) for s in secrets for f in spellings(s) if f in seen] == []


def test_placeholders_keep_shapes_and_the_user_id_mapping(tmp_path: Path) -> None:
    """The user id maps to one number everywhere (nothing left to give the mapping away),
    and each placeholder has the shape the spec expects."""
    code, out = run_import(tmp_path, leaky_capture("user-id-in-path-query-referer-location"))
    assert code == 0
    signon, status, profile, prefs = json.loads(out.read_text())["log"]["entries"]
    answer = json.loads(signon["response"]["content"]["text"])
    assert answer == {"token": "x" * len(TOKEN), "userId": "100000001",
                      "username": "user@example.com", "inboxId": "inbox100000001",
                      "userCode": "00000000-0000-4000-8000-000000000001"}  # fmt: skip
    me = json.loads(profile["response"]["content"]["text"])
    assert (me["id"], me["owner"], me["user_id"]) == (100000001, 100000001, 100000001)
    assert me["externalId"] == "x" * len(EXTERNAL_ID)
    assert (me["name"], me["givenName"], me["familyName"]) == ("User", "User2", "User3")
    assert me["picture"] == "https://example.com/avatar1.png"
    assert me["phone"].startswith("+1555")
    assert json.loads(status["response"]["content"]["text"])["username"] == "user1"
    assert prefs["request"]["url"] == (f"{API}/api/v2/user/100000001/preferences?userId=100000001")
    headers = {h["name"]: h["value"] for h in prefs["request"]["headers"]}
    assert headers["Referer"] == "https://ticktick.com/webapp/#u/100000001/tasks"


def test_set_cookie_values_go_through_the_cookie_rules(tmp_path: Path) -> None:
    """Issue 13: non-hex SESSION / _csrf_token / load-balancer values in Set-Cookie are
    hidden by the cookie rules, and learnt there: the same value in a body is replaced
    too. (A generic text scan knows no `oai=`, and learns nothing.)"""
    cookies = {"SESSION": "Nz-QxR_seSS10n", "_csrf_token": "Csrf_Qq-9z", "oai": "LbStick-42q"}
    signon = entry("POST", "/api/v2/user/signon", request_body={}, response_body={
        "note": f"debug {cookies['oai']} {cookies['SESSION']}"})  # fmt: skip
    signon["response"]["headers"] += [
        {"name": "Set-Cookie", "value": f"{name}={value}; Path=/; Secure; HttpOnly"}
        for name, value in cookies.items()
    ]
    signon["response"]["cookies"] = [{"name": "rc", "value": "RespCookie-77"}]
    code, out = run_import(tmp_path, builder.har([signon]))
    assert code == 0
    redacted = json.loads(out.read_text())["log"]["entries"][0]["response"]
    set_cookie = [h["value"] for h in redacted["headers"] if h["name"] == "Set-Cookie"]
    assert set_cookie[-3:] == [f"{n}={'x' * len(v)}; Path=/; Secure; HttpOnly"
                               for n, v in cookies.items()]  # fmt: skip
    assert redacted["cookies"] == [{"name": "rc", "value": "x" * len("RespCookie-77")}]
    assert not [v for v in cookies.values() if v in visible(out)]


def test_hostile_strings_give_valid_utf8_json(tmp_path: Path) -> None:
    """A lone surrogate, control characters and broken base64 never crash import; lone
    surrogates become U+FFFD, control characters stay (JSON-escaped), a body that is not
    base64 of UTF-8 text is removed with a comment, one with line breaks is decoded."""
    good = entry("GET", "/api/v2/user/status", response_body={"title": "ok"})
    good["request"]["url"] += "?q=\ud800\x1b[31m"
    good["request"]["method"] = "GET\x07"
    good["request"]["headers"].append({"name": "X-Note", "value": "a\ud800b\x00"})
    broken = entry("GET", "/api/v2/user/profile", raw_response="")
    broken["response"]["content"].update(encoding="base64", text="!!not base64!!")
    wrapped = entry("GET", "/api/v2/user/profile", raw_response="")
    encoded = base64.encodebytes(json.dumps({"email": EMAIL, "n": 1}).encode()).decode()
    wrapped["response"]["content"].update(encoding="base64", text=encoded)
    code, out = run_import(tmp_path, builder.har([good, broken, wrapped]))
    assert code == 0
    text = out.read_bytes().decode("utf-8")
    doc = json.loads(text)
    first, second, third = doc["log"]["entries"]
    assert first["request"]["url"].endswith("?q=%EF%BF%BD%1B%5B31m")
    assert first["request"]["method"] == "GET\x07"
    assert "\\u0007" in text and "\x07" not in text
    assert {"name": "X-Note", "value": "a\ufffdb\x00"} in first["request"]["headers"]
    assert second["response"]["content"]["text"] == ""
    assert "removed" in second["response"]["content"]["comment"]
    body = json.loads(base64.b64decode(third["response"]["content"]["text"]))
    assert body == {"email": "user@example.com", "n": 1}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b'{"log": {"entries": [{"request": 1, "response": {}}]}}',
         "entry 0: 'request' is not an object"),
        (b'{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.ticktick.com/"},'
         b' "response": {"status": 200}, "time": NaN}]}}', "entry 0: NaN or Infinity is not JSON"),
        (b'{"log": {"entries": [{"a" 1}]}}', "not JSON in entry 0 (Expecting ':' delimiter)"),
        (b'{"log": {"entries": [{"a": "\xed\xa0\x80"}]}}', "not UTF-8 text) at byte 28"),
        (b'{"log": {"entries": []}} trailing', "extra data after the document"),
        (b'{"log": {"pages": []}}', "'log.entries' is not a list"),
        (b"[1, 2]", "no top-level 'log' object"),
        (b'{"log": {"entries": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}}",
         "entry 0 is JSON nested too deeply"),
    ],
)  # fmt: skip
def test_unusable_input_is_one_line_and_exit_2(
    raw: bytes, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "bad.har"
    src.write_bytes(raw)
    assert main(["import", str(src), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"tickspec import: {src}: ") and message in err
    assert err.count("\n") == 1
    assert not (tmp_path / "out").exists()


def test_a_failed_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The output is written to a temporary file and renamed at the end: an error midway
    leaves neither the destination nor the temporary file."""

    class Full(io.BufferedWriter):
        def write(self, data: Any) -> int:
            if self.tell() > 0:  # the head went out: fail on the first entry
                raise OSError(28, "No space left on device")
            return super().write(data)

    def full(fd: int, mode: str, **kw: Any) -> Full:
        assert mode == "wb"  # the writer encodes each entry itself
        return Full(io.FileIO(fd, "w"), **kw)

    monkeypatch.setattr(importer, "open", full, raising=False)
    code, _ = run_import(tmp_path, builder.har(session()))
    assert code == 2
    assert "out.har: cannot write (No space left on device)" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["capture.har"]


def test_import_streams_the_capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Import never loads the whole file: it reads entries through the streaming reader
    (here with a 512-byte window, smaller than any entry), twice."""
    from tickspec.contract import har, harfile

    def whole_file(*_: Any, **__: Any) -> Any:
        raise AssertionError("the whole capture was loaded")

    monkeypatch.setattr(har, "load", whole_file)
    monkeypatch.setattr(harfile, "CHUNK", 512)
    opened: list[Path] = []
    real = harfile.Reader.__init__

    def counting(self: Any, path: Any, decoder: Any = harfile.DECODER) -> None:
        opened.append(Path(path))
        real(self, path, decoder)

    monkeypatch.setattr(harfile.Reader, "__init__", counting)
    code, out = run_import(tmp_path, builder.har(session() * 20))
    assert code == 0
    assert len(json.loads(out.read_text())["log"]["entries"]) == 60
    assert opened == [tmp_path / "capture.har"] * 2


def test_a_setting_in_a_cookie_is_hidden_there_only(tmp_path: Path) -> None:
    """Every cookie value is hidden, but one that does not look like a secret (short, no
    digit) is not hunted through the file: `tz=Europe/Istanbul` must not blank every
    task's time zone."""
    task = entry(
        "POST",
        "/api/v2/batch/task",
        response_body={},
        request_body={"add": [{"timeZone": "Europe/Istanbul", "title": "dark"}]},
    )
    task["request"]["headers"].append({"name": "Cookie", "value": "tz=Europe/Istanbul; th=dark"})
    code, out = run_import(tmp_path, builder.har([task]))  # fmt: skip
    assert code == 0
    redacted = json.loads(out.read_text())["log"]["entries"][0]["request"]
    cookies = [h["value"] for h in redacted["headers"] if h["name"] == "Cookie"]
    assert cookies[-1] == "tz=xxxxxxxxxxxxxxx; th=xxxx"
    assert json.loads(redacted["postData"]["text"]) == {
        "add": [{"timeZone": "Europe/Istanbul", "title": "dark"}]
    }
    assert {"name": "x-tz", "value": "Europe/Istanbul"} in redacted["headers"]


def test_a_secret_a_websocket_frame_reveals_is_replaced_elsewhere(tmp_path: Path) -> None:
    """Frames are dropped, but pass 1 reads them: a token pushed over the websocket and
    echoed in an API body is replaced there."""
    push = entry("GET", "wss://wss.ticktick.com/web", response_body={})
    push["_webSocketMessages"] = [
        {
            "type": "receive",
            "time": 1.0,
            "opcode": 1,
            "data": '{"type": "auth", "token": "WsPushT0ken-81"}',
        }
    ]
    echo = entry("POST", "/api/v2/batch/task", response_body={},
                 request_body={"add": [{"title": "WsPushT0ken-81"}]})  # fmt: skip
    code, out = run_import(tmp_path, builder.har([push, echo]))
    assert code == 0
    assert "WsPushT0ken-81" not in visible(out)


def test_a_body_that_is_a_bare_json_scalar_is_scanned(tmp_path: Path) -> None:
    """`130208689` or `"ada@..."` alone as a body is JSON, but still text to scan."""
    bare = [entry("GET", "/api/v2/user/code", raw_response=str(USER_ID)),
            entry("GET", "/api/v2/user/mail", raw_response=json.dumps(EMAIL))]  # fmt: skip
    code, out = run_import(tmp_path, builder.har(session() + bare))
    assert code == 0
    texts = [e["response"]["content"]["text"] for e in json.loads(out.read_text())["log"][
        "entries"][-2:]]  # fmt: skip
    assert texts == ["100000001", '"user@example.com"']


def test_only_the_placeholders_own_values_are_kept_as_placeholders(tmp_path: Path) -> None:
    """A fixture's `100000001` maps to itself, a real id near it does not."""
    signon = entry("POST", "/api/v2/user/signon", request_body={},
                   response_body={"userId": "100432167", "creator": 100000001})  # fmt: skip
    code, out = run_import(tmp_path, builder.har([signon]))
    assert code == 0
    answer = json.loads(json.loads(out.read_text())["log"]["entries"][0]["response"][
        "content"]["text"])  # fmt: skip
    assert answer == {"userId": "100000002", "creator": 100000001}
