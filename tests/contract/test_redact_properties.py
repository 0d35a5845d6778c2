"""Property tests of `tickspec import` (hypothesis); each test names its property.

Example budgets, kept to a few seconds each on a 2-core box:
  PLANTED = 300   a planted secret never survives (kinds x places x key casings)
  HOSTILE = 200   arbitrary Unicode in every string field never crashes import
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tickspec.contract import builder
from tickspec.contract.har import HarError
from tickspec.contract.importer import import_capture

PLANTED, HOSTILE = 300, 200
WORKDIR = Path(tempfile.mkdtemp(prefix="tickspec-redact-props-"))
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
KEYS = {
    "password": ["password", "passwd", "pwd", "newPassword", "oldPassword"],
    "token": ["token", "access_token", "accessToken", "refresh_token", "authToken"],
    "csrf": ["csrf_token", "_csrf_token", "X-Csrftoken", "xsrfToken"],
    "cookie": ["sid", "session", "jsessionid", "sessionId"],
    "user_id": ["userId", "user_id", "uid", "owner", "externalId", "creator"],
    "email": ["email", "username", "emailAddress"],
    "phone": ["phone", "mobile", "phoneNumber"],
    "name": ["displayName", "givenName", "familyName", "nickname"],
    "picture": ["picture", "avatar", "avatarUrl"],
    "user_code": ["userCode"],
    "inbox": ["inboxId"],
}
KEYED_PLACES = ("header", "query", "json_body", "form_body")
PLACES = (*KEYED_PLACES, "path", "free_text", "base64_body", "base64_text", "percent", "websocket",
          "title")  # fmt: skip
CASINGS: tuple[Callable[[str], str], ...] = (str, str.lower, str.upper, str.title, str.swapcase)


def _word(prefix: str, alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet, min_size=low, max_size=high).map(lambda s: prefix + s)


SECRETS: dict[str, st.SearchStrategy[str]] = {
    # markers (`Pw`, `tk`...) keep a drawn value from occurring in a clean capture
    "password": _word("Pw", ALNUM + " !#$%&()*+,-./:;<=>?@[]^_{|}~\"'\\", 6, 20),
    "token": _word("tk", ALNUM + "-_.", 6, 40),
    "csrf": _word("cs", ALNUM + "-_", 6, 30),
    "cookie": _word("ck", ALNUM + "-_", 14, 40),  # session cookies are long and random
    "user_id": st.integers(200_000_000, 999_999_999).map(str),
    "email": st.tuples(_word("m", "abcdefghij0123456789._", 3, 12),
                       _word("q", "abcdefghij", 2, 8)).map(lambda t: f"{t[0]}@{t[1]}.org"),
    "phone": st.tuples(st.integers(2, 99), st.integers(10**8, 10**10 - 1)).map(
        lambda t: f"+{t[0]} {str(t[1])[:3]} {str(t[1])[3:]}"),
    "name": st.tuples(_word("Zq", "abcdefghijklm", 3, 8),
                      _word("Xv", "nopqrstuvwxyz", 3, 8)).map(" ".join),
    "picture": _word("https://cdn.avatars.test/u/", ALNUM, 6, 20).map(lambda s: s + ".png"),
    "user_code": st.uuids().map(str),
    "inbox": st.integers(200_000_000, 999_999_999).map(lambda n: f"inbox{n}"),
}  # fmt: skip


def _headers(cookie: dict[str, str]) -> list[tuple[str, str]]:
    out = [(n, v) for n, v in builder.request_headers(body=True, traceid="t" * 8)
           if n not in ("Cookie", "X-Csrftoken")]  # fmt: skip
    jar = f"t={cookie['token']}; _csrf_token={cookie['csrf']}; SESSION={cookie['cookie']}"
    return [*out, ("Cookie", jar), ("X-Csrftoken", cookie["csrf"])]


def _account(v: dict[str, str]) -> list[dict[str, Any]]:
    """The entries that tell the importer who the user is (pass 1 learns them here)."""
    headers = _headers(v)
    signon = builder.entry(
        "POST",
        builder.API + "/api/v2/user/signon",
        headers=headers,
        request_body={"username": v["email"], "password": v["password"]},
        response_body={
            "token": v["token"],
            "userId": v["user_id"],
            "inboxId": v["inbox"],
            "userCode": v["user_code"],
        },
    )
    signon["response"]["headers"].append(
        {"name": "Set-Cookie", "value": f"SESSION={v['cookie']}; Path=/; HttpOnly"}
    )
    profile = builder.entry(
        "GET",
        builder.API + "/api/v2/user/profile",
        headers=headers,
        response_body={
            "name": v["name"],
            "displayName": v["name"],
            "picture": v["picture"],
            "phone": v["phone"],
            "email": v["email"],
            "userCode": v["user_code"],
        },
    )
    return [signon, profile]  # fmt: skip


def _plant(place: str, key: str, secret: str, headers: list[tuple[str, str]]) -> dict[str, Any]:
    """One API entry holding `secret` at `place` (under `key` where the place has names)."""
    url = builder.API + "/api/v2/batch/task"
    value: Any = int(secret) if secret.isdigit() else secret
    kw: dict[str, Any] = {"request_body": {"add": []}, "response_body": {"id2etag": {}}}
    extra: list[tuple[str, str]] = []
    if place == "header":
        extra.append(("X-" + key if not key.lower().startswith("x-") else key, secret))
    elif place == "query":
        url += f"?{quote(key)}={quote(secret, safe='')}"
        kw["query"] = [(key, quote(secret, safe=""))]
    elif place == "path":
        url = builder.API + f"/api/v2/task/{quote(secret, safe='')}"
    elif place == "json_body":
        kw["request_body"] = {"add": [{"id": "6" * 24, key: value}]}
    elif place == "free_text":
        kw["request_body"] = {"add": [{"title": f"ask {secret} today", "content": secret}]}
    elif place == "base64_body":
        kw["response_body"], kw["base64_response"] = {"note": f"see {secret}"}, True
    elif place == "percent":  # in a URL, and in free text (percent- and form-encoded)
        extra.append(("Referer", f"https://ticktick.com/webapp/?next={quote(secret, safe='')}"))
        kw["request_body"] = {"add": [{"title": f"{quote(secret, safe='')}",
                                       "content": f"q={quote_plus(secret)}"}]}  # fmt: skip
    elif place == "base64_text":  # base64 of the secret inside a string
        token = base64.b64encode(secret.encode()).decode()
        kw["request_body"] = {"add": [{"title": token, "content": token.rstrip("=")}]}
    entry = builder.entry("POST", url, headers=headers + extra, **kw)
    if place == "form_body":
        text = f"{quote_plus(key)}={quote_plus(secret)}&x=1"
        entry["request"]["postData"] = {
            "mimeType": "application/x-www-form-urlencoded", "text": text,
            "params": [{"name": key, "value": quote_plus(secret)}]}  # fmt: skip
    elif place == "websocket":
        entry["_webSocketMessages"] = [{"type": "send", "time": 1.0, "opcode": 1,
                                        "data": json.dumps({key: secret})}]  # fmt: skip
    elif place == "title":
        entry["pageref"] = "page_1"
    return entry


def spellings(secret: str) -> set[str]:
    raw = secret.encode()
    encoded = {base64.b64encode(raw).decode(), base64.urlsafe_b64encode(raw).decode()}
    return {secret, json.dumps(secret)[1:-1], json.dumps(secret, ensure_ascii=False)[1:-1],
            quote(secret, safe=""), quote(secret), quote_plus(secret), *encoded,
            *(e.rstrip("=") for e in encoded)}  # fmt: skip


def visible(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    decoded = [
        base64.b64decode(e["response"]["content"]["text"]).decode("utf-8", "replace")
        for e in doc["log"]["entries"]
        if e["response"]["content"].get("encoding") == "base64"
    ]
    return "\n".join([text, json.dumps(doc, ensure_ascii=False), *decoded])


@st.composite
def planted(draw: st.DrawFn) -> tuple[dict[str, Any], str, str, str]:
    values = {kind: draw(strategy) for kind, strategy in SECRETS.items()}
    kind = draw(st.sampled_from(sorted(SECRETS)))
    known = draw(st.booleans())
    place = draw(st.sampled_from(PLACES if known else KEYED_PLACES))
    key = draw(st.sampled_from(CASINGS))(draw(st.sampled_from(KEYS[kind])))
    secret = values[kind] if known else draw(SECRETS[kind])
    entries = _account(values) if known else []
    entries.append(_plant(place, key, secret, _headers(values)))
    doc = builder.har(entries)
    if place == "title":
        doc["log"]["pages"] = [{"id": "page_1", "title": f"TickTick - {secret}"}]
    return doc, kind, place, secret


@settings(FAST, max_examples=PLANTED)
@given(planted())
def test_a_planted_secret_never_survives_import(case: tuple[dict[str, Any], str, str, str]) -> None:
    """Property: whatever kind of secret (password, token, CSRF, cookie, user id, email,
    phone, name, avatar URL, userCode, inbox id) is planted wherever in a capture (a
    header, the query, the path, a JSON body under any casing of its key, a form body,
    free text, a base64 body, a percent-encoded URL, a websocket frame, a page title),
    the imported file holds it in no spelling: as is, JSON-escaped, percent-encoded or
    base64. A secret the account's entries reveal (known) may be planted anywhere; one
    they do not is planted under a name that says what it is."""
    doc, kind, place, secret = case
    src = WORKDIR / "planted.har"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = import_capture(src, WORKDIR / "planted-out.har", force=True).path
    seen = visible(out)
    assert [s for s in spellings(secret) if s in seen] == [], (kind, place)


TEMPLATE = builder.har([
    builder.entry("POST", builder.API + "/api/v2/batch/task?x=1", query=[("x", "1")],
                  request_body={"add": [{"title": "t", "tags": ["a"]}]},
                  response_body={"id2etag": {"a": "b"}, "id2error": {}}),
    builder.entry("GET", builder.API + "/api/v2/user/profile", base64_response=True,
                  response_body={"username": "u", "name": "n"}),
])  # fmt: skip


def _leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of the string values of the template."""
    if isinstance(node, dict):
        return [p for k, v in node.items() for p in _leaves(v, (*path, k))]
    if isinstance(node, list):
        return [p for i, v in enumerate(node) for p in _leaves(v, (*path, i))]
    return [path] if isinstance(node, str) else []


LEAVES = _leaves(TEMPLATE)
HOSTILE_TEXT = st.text(st.characters(exclude_categories=()), max_size=12) | st.sampled_from(
    ["\ud800", "a\udfffb", "\x00\x1b[2J", "eyJ\ud800", "%E0%A4%A", "==", "inbox\x00"]
)


@settings(FAST, max_examples=HOSTILE)
@given(st.dictionaries(st.sampled_from(LEAVES), HOSTILE_TEXT, min_size=1))
def test_arbitrary_unicode_in_every_string_field_never_crashes_import(
    changes: dict[tuple[Any, ...], str],
) -> None:
    """Property: any text (lone surrogates, control characters, broken base64 or escapes)
    in any string field of a capture (method, URL path and query, headers, cookies, bodies,
    the envelope) gives either a written file that is valid UTF-8 JSON, or a one-line
    HarError; never an exception."""
    doc = json.loads(json.dumps(TEMPLATE))
    for path, text in changes.items():
        node = doc
        for step in path[:-1]:
            node = node[step]
        # a URL keeps its host: the host decides whether the entry is kept at all
        node[path[-1]] = builder.API + "/" + text if path[-1] == "url" else text
    src = WORKDIR / "hostile.har"
    src.write_text(json.dumps(doc), encoding="utf-8")  # lone surrogates as \\ud800 escapes
    try:
        out = import_capture(src, WORKDIR / "hostile-out.har", force=True).path
    except HarError as exc:
        assert "\n" not in str(exc) and str(exc).startswith(str(src))
        return
    parsed = json.loads(out.read_bytes().decode("utf-8"), parse_constant=_no_constant)
    assert 1 <= len(parsed["log"]["entries"]) <= 2  # an `OPTIONS` method drops its entry


def _no_constant(name: str) -> Any:
    raise AssertionError(f"{name} in the output: not JSON")
