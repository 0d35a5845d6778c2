"""`tickspec check` reads the OAuth2 calls' form bodies against their form schemas."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from tickspec.contract import builder
from tickspec.contract.checker import check_paths

FORM = "application/x-www-form-urlencoded"


def _capture(tmp_path: Path, url: str, fields: list[tuple[str, str]], mime: str = FORM) -> Path:
    headers = [("Host", "ticktick.com"), ("Content-Type", mime), ("Authorization", "Basic x")]
    entry = builder.entry(
        "POST", url, raw_request=urlencode(fields), request_mime=mime, headers=headers,
        response_body={"access_token": "7c9e6679-7425-40de-944b-e07fc1f90ae7", "expires_in": 1},
        authenticated=False,
    )  # fmt: skip
    path = tmp_path / "oauth.har"
    path.write_text(json.dumps(builder.har([entry])), encoding="utf-8")
    return path


def test_the_documented_form_body_conforms(tmp_path: Path) -> None:
    fields = [("code", "c"), ("grant_type", "authorization_code"), ("redirect_uri", "http://x/")]
    report = check_paths([_capture(tmp_path, "https://ticktick.com/oauth/token", fields)])
    assert (report.matched, [f.kind.value for f in report.findings]) == (1, [])


def test_a_refresh_token_grant_in_the_form_is_a_finding(tmp_path: Path) -> None:
    fields = [("grant_type", "refresh_token"), ("refresh_token", "r")]
    report = check_paths([_capture(tmp_path, "https://ticktick.com/oauth/token", fields)])
    found = sorted((f.kind.value, f.path) for f in report.findings)
    assert ("unknown_field", "request.body.refresh_token") in found
    assert any(path == "request.body.grant_type" for _, path in found)
