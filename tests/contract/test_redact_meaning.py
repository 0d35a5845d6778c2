"""Redaction by meaning (issue 21): phones by key name in any casing and by value
pattern in any encoding; 20 planted secrets, 20 removed.

Example budget of the property: MEANING = 60 (a few seconds on a 2-core box).
"""

from __future__ import annotations

import base64
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tickspec.contract import builder
from tickspec.contract.importer import import_capture
from tickspec.contract.redact_rules import Kind, classify, phone_spellings

EMAIL, PASSWORD, USER_ID = "ada.lovelace@gmail.com", "Correct-Horse-9", "130208689"
TOKEN = "9f3c" * 40
PHONES = ["+14155552671", "+442071838750", "+33612345678", "+4915112345678", "+819012345678",
          "+61412345678", "+5511987654321", "+27821234567"]  # fmt: skip


def api(method: str, path: str, **kw: Any) -> dict[str, Any]:
    return builder.entry(method, builder.API + path, **kw)


def planted() -> tuple[dict[str, Any], list[str]]:
    """A capture with 20 secrets in 20 places; the list of what must not survive."""
    signon = api("POST", "/api/v2/user/signon?wc=true",
                 request_body={"username": EMAIL, "password": PASSWORD},
                 response_body={"token": TOKEN, "userId": USER_ID, "username": EMAIL})  # fmt: skip
    p = PHONES
    deep = {"data": {"members": [{"profile": {"contact": {
        "mobile": p[0], "phoneNumber": p[1], "CellPhone": p[2], "TEL": "+1 (628) 555-0143",
        "contactMobileNo": "0612 345 678", "home_phone": 4155550188}}}]}}  # fmt: skip
    entries = [
        signon,
        api(
            "POST",
            "/api/v2/batch/task",
            response_body={"id2etag": {}, "id2error": {}},
            request_body={
                "add": [
                    {
                        "title": f"call {p[3]} then mail {EMAIL}",
                        "content": json.dumps({"mobile": "4155550166"}),
                        "desc": f"escaped \\u002b{p[4][1:]} and {quote(p[5], safe='')}",
                    }
                ],
                "update": deep["data"]["members"],
            },
        ),
        api(
            "GET",
            f"/api/v2/task/x?phone={quote(p[6], safe='')}&q=" + quote(f"dial {p[7]}"),
            response_body={"ok": True},
            query=[("phone", p[6]), ("q", f"dial {p[7]}")],
        ),
        api(
            "GET",
            "/api/v2/user/preferences/settings",
            base64_response=True,
            response_body={
                "emergency": {"Mobile_Number": "+3912345678901"},
                "note": f"pw {PASSWORD}, token {TOKEN[:80]}",
            },
        ),
        api("GET", f"/api/v2/project/inbox{USER_ID}/tasks", response_body=deep),
    ]
    secrets = [EMAIL, PASSWORD, TOKEN, USER_ID, *PHONES, "+16285550143", "6285550143",
               "612 345 678", "4155550188", "4155550166", "3912345678901",
               quote(EMAIL, safe=""), TOKEN[:80]]  # fmt: skip
    return builder.har(entries), secrets


def spellings(secret: str) -> set[str]:
    raw = secret.encode()
    return {secret, quote(secret, safe=""), base64.b64encode(raw).decode().rstrip("="),
            json.dumps(secret)[1:-1], secret.replace("+", "\\u002b")}  # fmt: skip


def visible(path: Path) -> str:
    """The file's text, its JSON decoded once more, and its base64 bodies decoded."""
    text = path.read_text(encoding="utf-8")
    doc = json.loads(text)
    decoded = [
        base64.b64decode(e["response"]["content"]["text"]).decode("utf-8", "replace")
        for e in doc["log"]["entries"]
        if e["response"]["content"].get("encoding") == "base64"
    ]
    return "\n".join([text, json.dumps(doc, ensure_ascii=False), *decoded])


def test_twenty_planted_secrets_twenty_removed(tmp_path: Path) -> None:
    doc, secrets = planted()
    assert len(secrets) == 20
    src = tmp_path / "planted.har"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = import_capture(src, tmp_path / "out.har").path
    seen = visible(out)
    survivors = [s for s in secrets if any(sp in seen for sp in spellings(s))]
    assert survivors == []
    assert "+15550000001" in seen  # phones keep their shape


@pytest.mark.parametrize(
    "key",
    ["mobile", "Mobile", "MOBILE", "phone", "phoneNumber", "PhoneNumber", "phone_number",
     "tel", "Tel", "TEL", "telephone", "cellphone", "cellPhone", "CELL_PHONE", "msisdn",
     "contactMobileNo", "user_mobile", "mobile-number", "tel_no", "faxNumber"],
)  # fmt: skip
def test_phone_keys_in_any_casing(key: str) -> None:
    assert classify(key) is Kind.PHONE


@pytest.mark.parametrize("key", ["hotel", "hotelName", "intel", "telemetry", "isMobileApp"])
def test_words_that_only_hold_tel_are_not_phones(key: str) -> None:
    assert classify(key) in (None, Kind.PHONE if "Mobile" in key else None)


def test_a_value_under_a_phone_key_without_digits_stays() -> None:
    from tickspec.contract.redact import Redactor, Vault

    vault = Vault()
    Redactor(vault).json({"mobileApp": "ios", "mobile": "+1 415 555 2671"})
    vault.seal()
    out = Redactor(vault).json(
        {"mobileApp": "ios", "mobile": "+1 415 555 2671", "homeTel": 14155552671}
    )
    assert out == {"mobileApp": "ios", "mobile": "+15550000001", "homeTel": 15550000001}


def test_phone_spellings() -> None:
    assert phone_spellings("+33 6 12-34 56 78") == {"+33612345678", "33612345678"}
    assert phone_spellings("(415) 555-0142") == {"4155550142"}
    assert phone_spellings("12 34") == set()


WORKDIR = Path(tempfile.mkdtemp(prefix="tickspec-redact-meaning-"))
KEYS = ["phone", "mobile", "tel", "phoneNumber", "cellphone", "mobileNumber", "telephone",
        "contactPhone", "userMobile", "phone_number"]  # fmt: skip
CASINGS: list[Callable[[str], str]] = [str, str.lower, str.upper, str.title, str.swapcase]
ENCODINGS = ["plain", "percent", "json_string", "base64_body", "escaped_plus"]


@st.composite
def phone_case(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    country = draw(st.integers(1, 998))
    rest = draw(st.text("0123456789", min_size=8, max_size=11))
    phone = f"+{country}{rest}"
    key = draw(st.sampled_from(CASINGS))(draw(st.sampled_from(KEYS)))
    encoding = draw(st.sampled_from(ENCODINGS))
    depth = draw(st.integers(0, 6))
    by_key = draw(st.booleans())
    value: Any = {key: phone} if by_key else {"note": f"reach me at {phone} today"}
    if encoding == "percent":
        value = {key: quote(phone, safe="")} if by_key else {"u": f"x?to={quote(phone, safe='')}"}
    elif encoding == "json_string":
        value = {"payload": json.dumps(value)}
    elif encoding == "escaped_plus":
        value = {"raw": json.dumps(value).replace("+", "\\u002b")}
    for level in range(depth):
        value = {f"level{level}": [value]}
    entry = api("POST", "/api/v2/batch/task", request_body={"add": [{"title": "t"}]},
                response_body=value, base64_response=encoding == "base64_body")  # fmt: skip
    return builder.har([entry]), phone


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(phone_case())
def test_a_planted_phone_never_survives_whatever_its_key_casing_or_encoding(
    case: tuple[dict[str, Any], str],
) -> None:
    """Property: an international phone number planted in a body at any depth, under a
    phone key in any casing (phone, mobile, tel, phoneNumber...) or in free text, spelled
    plainly, percent-encoded, inside a JSON string, with its `+` JSON-escaped, or in a
    base64 body, is in the imported file in none of those spellings."""
    doc, phone = case
    src = WORKDIR / "phone.har"
    src.write_text(json.dumps(doc), encoding="utf-8")
    out = import_capture(src, WORKDIR / "phone-out.har", force=True).path
    seen = visible(out)
    assert [s for s in spellings(phone) if s in seen] == []
