"""Signon, sessions, lockout and MFA of the local server, over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tickspec.server.auth import MAX_FAILED_ATTEMPTS
from tickspec.server.testing import ServerHandle, running_server, server_fixture

SIGNON = "/api/v2/user/signon?wc=true&remember=true"

server = server_fixture(scope="module")


@pytest.fixture
def fresh(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server


def test_signon_answers_a_token_and_sets_the_session_cookies(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        response = client.post(
            SIGNON, json={"username": fresh.username, "password": fresh.password}
        )
        assert response.status_code == 200
        body = response.json()
        assert body["token"] == response.cookies["t"]
        assert len(response.cookies["_csrf_token"]) == 32
        assert body["userId"] == "130208689"
        assert body["inboxId"] == "inbox130208689"
        assert body["username"] == fresh.username
        assert body["pro"] is False
        # the cookie is the session: the next request is signed on
        assert client.get("/api/v2/user/status").json()["inboxId"] == "inbox130208689"


def test_wrong_password_is_a_500_with_the_remaining_attempts(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        response = client.post(SIGNON, json={"username": fresh.username, "password": "nope"})
    assert response.status_code == 500
    body = response.json()
    assert body["errorCode"] == "username_password_not_match"
    assert body["data"] == {"remainderTimes": MAX_FAILED_ATTEMPTS - 1}
    assert len(body["errorId"]) == 24
    int(body["errorId"], 16)


def test_sixth_attempt_is_locked_out_even_with_the_right_password(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        codes = [
            client.post(SIGNON, json={"username": fresh.username, "password": "bad"}).json()
            for _ in range(MAX_FAILED_ATTEMPTS)
        ]
        assert {c["errorCode"] for c in codes} == {"username_password_not_match"}
        assert codes[-1]["data"] == {"remainderTimes": 0}
        locked = client.post(SIGNON, json={"username": fresh.username, "password": fresh.password})
        assert locked.status_code == 500
        assert locked.json()["errorCode"] == "incorrect_password_too_many_times"
    fresh.reset()  # the admin reset lifts the lockout
    with fresh.client(signed_on=False) as client:
        ok = client.post(SIGNON, json={"username": fresh.username, "password": fresh.password})
    assert ok.status_code == 200


def test_a_good_signon_clears_the_failure_count(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        for _ in range(MAX_FAILED_ATTEMPTS - 1):
            client.post(SIGNON, json={"username": fresh.username, "password": "bad"})
        client.post(SIGNON, json={"username": fresh.username, "password": fresh.password})
        again = client.post(SIGNON, json={"username": fresh.username, "password": "bad"})
    assert again.json()["data"] == {"remainderTimes": MAX_FAILED_ATTEMPTS - 1}


def test_requests_without_a_session_are_401(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        response = client.get("/api/v3/batch/check/0")
        client.cookies.set("t", "not-a-token")
        forged = client.get("/api/v2/habits")
    assert response.status_code == 401
    assert response.json()["errorCode"] == "user_not_sign_on"
    assert forged.status_code == 401


def test_bearer_token_is_accepted_too(fresh: ServerHandle) -> None:
    with fresh.client(signed_on=False) as client:
        response = client.get(
            "/api/v2/user/profile", headers={"Authorization": f"Bearer {fresh.token}"}
        )
    assert response.status_code == 200
    assert response.json()["username"] == fresh.username


def test_configured_token_and_credentials() -> None:
    with running_server(username="me@example.org", password="pw", token="ABC123") as custom:
        assert (custom.username, custom.password, custom.token) == (
            "me@example.org",
            "pw",
            "ABC123",
        )
        with custom.client() as client:
            assert client.get("/api/v2/user/profile").json()["email"] == "me@example.org"


def test_mfa_account_signs_on_in_two_steps() -> None:
    with running_server(mfa_code="123456") as mfa, mfa.client(signed_on=False) as client:
        assert client.get("/api/v2/user/sign/mfa/setting").json() == {
            "mfaType": "app",
            "enabled": True,
        }
        first = client.post(SIGNON, json={"username": mfa.username, "password": mfa.password})
        assert first.status_code == 200
        assert "token" not in first.json()
        assert "t" not in first.cookies
        auth_id = first.json()["authId"]
        wrong = client.post(
            "/api/v2/user/sign/mfa/code/verify", json={"code": "000000", "authId": auth_id}
        )
        assert wrong.status_code == 500
        assert wrong.json()["errorCode"] == "mfa_code_invalid"
        ok = client.post(
            "/api/v2/user/sign/mfa/code/verify",
            json={"code": "123456", "method": "app"},
            headers={"x-verify-id": auth_id},
        )
        assert ok.status_code == 200
        assert ok.json()["token"] == ok.cookies["t"]
        assert client.get("/api/v2/habits").status_code == 200
        # an authId is single-use
        reused = client.post(
            "/api/v2/user/sign/mfa/code/verify", json={"code": "123456", "authId": auth_id}
        )
        assert reused.status_code == 500


def test_signon_needs_the_spec_headers(fresh: ServerHandle) -> None:
    with httpx.Client(base_url=fresh.base_url, trust_env=False) as bare:
        response = bare.post(SIGNON, json={"username": fresh.username, "password": fresh.password})
    assert response.status_code == 400
    assert response.json()["errorMessage"] == "header X-Device: required header is missing"


def test_mfa_auth_id_in_the_body_wins_over_the_header() -> None:
    verify = "/api/v2/user/sign/mfa/code/verify"
    with running_server(mfa_code="123456") as mfa, mfa.client(signed_on=False) as client:
        credentials = {"username": mfa.username, "password": mfa.password}
        auth_id = client.post(SIGNON, json=credentials).json()["authId"]
        empty = client.post(verify, json={"code": "123456"}, headers={"x-verify-id": ""})
        assert empty.status_code == 400  # the spec's header is a non-empty string
        assert empty.json()["errorMessage"].startswith("header x-verify-id")
        both = client.post(
            verify,
            json={"code": "123456", "authId": auth_id},
            headers={"x-verify-id": "0" * 24},
        )
        assert both.status_code == 200, both.text
        assert both.json()["token"] == both.cookies["t"]
