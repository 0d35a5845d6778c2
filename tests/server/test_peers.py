"""What public clients send and TickTick serves (issue 8): the server accepts it too."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tickspec.server.app import DEFAULT_USERNAME
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def client(server: ServerHandle) -> Iterator[httpx.Client]:
    server.reset()
    with server.client() as c:
        yield c


def test_the_demo_account_has_an_address_email_validators_accept() -> None:
    """pyticktick's email validation refuses `.local` before sending anything."""
    assert DEFAULT_USERNAME == "demo@example.com"


def test_signon_with_capitalised_booleans_and_a_double_slash(
    server: ServerHandle, client: httpx.Client
) -> None:
    """pyticktick posts to `/api/v2//user/signon?wc=True&remember=True`."""
    credentials = {"username": server.username, "password": server.password}
    response = client.post("/api/v2//user/signon?wc=True&remember=TRUE", json=credentials)
    assert response.status_code == 200, response.text
    assert response.json()["username"] == "demo@example.com"
    assert response.cookies["t"] == response.json()["token"]


@pytest.mark.parametrize("body", [b'{"username": "u", "password": "p"}', b"{not json", b""])
def test_signin_answers_405_with_the_json_error_body(client: httpx.Client, body: bytes) -> None:
    """ticktick-py 2.0.3 still posts to the old path; TickTick answers 405 whatever it holds."""
    response = client.post(
        "/api/v2/user/signin?wc=True&remember=True",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 405
    error = response.json()
    assert error["errorCode"] == "method_not_allowed"
    assert error["errorMessage"] == "Request method 'POST' not supported"
    assert error["data"] is None


def test_delete_tag_by_query(client: httpx.Client, server: ServerHandle) -> None:
    assert "errands" in server.state()["tags"]
    response = client.delete("/api/v2/tag", params={"name": "errands"})
    assert response.status_code == 200 and response.content == b""
    assert "errands" not in server.state()["tags"]
    tasks = server.state()["tasks"].values()
    assert not [t for t in tasks if "errands" in (t.get("tags") or [])]
    assert client.delete("/api/v2/tag", params={"name": "errands"}).status_code == 200  # retry
    missing = client.delete("/api/v2/tag", params={"name": "never-was"})
    assert missing.status_code == 500 and missing.json()["errorCode"] == "tag_not_found"
