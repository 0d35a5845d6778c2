"""Shared by the Open API server tests: a bearer client got through the server's OAuth flow.

The token comes from the flow the doc describes (authorize, then the code as a
form body with the app's credentials in HTTP Basic), so the tests hold whatever
the server decides about which tokens open `/open/v1`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from tickspec.server.handlers.oauth import CLIENT_ID, CLIENT_SECRET
from tickspec.server.testing import ServerHandle

SCOPE = "tasks:read tasks:write"


def open_token(server: ServerHandle) -> str:
    """A fresh access token with both scopes, from the local app's authorization-code flow."""
    with httpx.Client(base_url=server.base_url, trust_env=False, timeout=10.0) as http:
        approved = http.get(
            "/oauth/authorize",
            params={"client_id": CLIENT_ID, "response_type": "code", "scope": SCOPE, "state": "s"},
        )
        assert approved.status_code == 302, approved.text
        code = parse_qs(urlsplit(approved.headers["location"]).query)["code"][0]
        answer = http.post(
            "/oauth/token",
            data={"code": code, "grant_type": "authorization_code", "scope": SCOPE},
            auth=(CLIENT_ID, CLIENT_SECRET),
        )
    assert answer.status_code == 200, answer.text
    token: str = answer.json()["access_token"]
    return token


def open_client(server: ServerHandle) -> httpx.Client:
    """An httpx client on `/open/v1` with a bearer token (no web cookie)."""
    return httpx.Client(
        base_url=server.base_url + "/open/v1",
        headers={"Authorization": f"Bearer {open_token(server)}"},
        trust_env=False,
        timeout=10.0,
    )


def ok(response: httpx.Response) -> Any:
    """The JSON of a 200 answer (the server validated it against the spec before sending)."""
    assert response.status_code == 200, response.text
    return response.json() if response.content else None
