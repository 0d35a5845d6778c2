"""Client core over httpx.MockTransport: headers, auth, retries, error mapping, batches."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest
from tickspec_generated.models.task_draft import TaskDraft

import tickspec
from tests.client.client_support import (
    CSRF,
    INBOX,
    TOKEN,
    USER_ID,
    FakeTickTick,
    Flavour,
    error,
    make_client,
    sync_body,
    task,
)
from tickspec.errors import (
    AuthError,
    BatchError,
    ConflictError,
    InvalidRequestError,
    MfaRequiredError,
    NotFoundError,
    RateLimitError,
    ServerError,
    TransportError,
)

SYNC0 = "/api/v3/batch/check/0"
SIGNON = "/api/v2/user/signon"
BATCH = "/api/v2/batch/task"
CREATE = "/api/v2/task"
HEX24 = re.compile(r"^[0-9a-f]{24}$")


def ok_sync(checkpoint: int = 1, **fields: object) -> httpx.Response:
    return httpx.Response(200, json=sync_body(checkpoint, **fields))


def ok_batch(id2etag: dict[str, str], id2error: dict[str, str] | None = None) -> httpx.Response:
    return httpx.Response(200, json={"id2etag": id2etag, "id2error": id2error or {}})


def draft() -> TaskDraft:
    return TaskDraft.model_validate({"title": "x", "projectId": INBOX})


def batch_of(*numbers: int) -> TaskBatchRequest:
    return TaskBatchRequest(add=[Task.model_validate(task(n)) for n in numbers])


# -- headers ------------------------------------------------------------------------------


def test_every_request_carries_the_web_app_headers() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    with make_client(fake, timezone="Europe/Istanbul") as client:
        client.api.sync.sync_v3(0)
        client.api.sync.sync_v3(0)
    signon, first, second = fake.requests
    devices = [json.loads(r.headers["x-device"]) for r in fake.requests]
    assert devices[0] == {
        "platform": "web",
        "os": "macOS 10.15",
        "device": "Firefox 146.0",
        "name": "",
        "version": 8006,
        "id": devices[0]["id"],
        "channel": "website",
        "campaign": "",
        "websocket": devices[0]["websocket"],
    }
    assert list(devices[0]) == [
        "platform",
        "os",
        "device",
        "name",
        "version",
        "id",
        "channel",
        "campaign",
        "websocket",
    ]
    assert HEX24.match(devices[0]["id"]) and HEX24.match(devices[0]["websocket"])
    assert devices[0] == devices[1] == devices[2]  # one stable device per client
    assert first.headers["x-device"] == json.dumps(devices[0], separators=(",", ":"))
    for request in fake.requests:
        assert request.headers["x-tz"] == "Europe/Istanbul"
        assert request.headers["hl"] == "en_US"
        assert request.headers["origin"] == "https://ticktick.com"
        assert request.headers["referer"] == "https://ticktick.com/"
        assert "Firefox/146.0" in request.headers["user-agent"]
        assert HEX24.match(request.headers["traceid"])
    assert len({r.headers["traceid"] for r in fake.requests}) == 3  # new per request
    assert signon.headers["content-type"] == "application/json;charset=utf-8"
    assert "content-type" not in first.headers  # GET: no body, no content type
    assert "x-csrftoken" not in signon.headers  # no cookie yet
    assert first.headers["x-csrftoken"] == CSRF == second.headers["x-csrftoken"]
    assert f"t={TOKEN}" in first.headers["cookie"]


def test_headers_are_overridable() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_client(
        fake,
        device={"version": 8010, "id": "0123456789abcdef01234567"},
        user_agent="MyAgent/1.0",
        locale="de_DE",
        headers={"Origin": "https://dida365.com"},
    )
    client.api.sync.sync_v3(0)
    request = fake.requests[-1]
    device = json.loads(request.headers["x-device"])
    assert device["version"] == 8010
    assert device["id"] == "0123456789abcdef01234567" == client.device_id
    assert device["platform"] == "web"
    assert request.headers["user-agent"] == "MyAgent/1.0"
    assert request.headers["hl"] == "de_DE"
    assert request.headers["origin"] == "https://dida365.com"


# -- auth ---------------------------------------------------------------------------------


def test_signon_happens_once_and_the_session_is_reused() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_client(fake, username="me@x.com", password="secret")
    for _ in range(3):
        client.api.sync.sync_v3(0)
    assert fake.count(SIGNON) == 1
    assert fake.paths()[0] == f"POST {SIGNON}"
    signon = fake.requests[0]
    assert dict(signon.url.params) == {"wc": "true", "remember": "true"}
    assert json.loads(signon.content) == {"username": "me@x.com", "password": "secret"}
    assert client.user_id == USER_ID
    assert client.token == TOKEN
    assert all(f"t={TOKEN}" in r.headers["cookie"] for r in fake.requests[1:])


def test_concurrent_first_requests_sign_on_once() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_client(fake)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: client.api.sync.sync_v3(0), range(16)))
    assert [a.check_point for a in answers] == [1] * 16
    assert fake.count(SIGNON) == 1 and fake.count(SYNC0) == 16


def test_explicit_login_then_requests_do_not_sign_on_again() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_client(fake)
    result = client.login()
    assert not result.mfa_required
    assert (result.user_id, result.inbox_id, result.token) == (USER_ID, INBOX, TOKEN)
    assert result.response is not None and result.response.username == "me@x.com"
    client.api.sync.sync_v3(0)
    client.api.sync.sync_v3(0)
    assert fake.count(SIGNON) == 1


def test_signon_token_in_body_only_is_installed_as_cookie() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    fake.on("POST", SIGNON, httpx.Response(200, json={"token": "BODYTOKEN", "userId": 7}))
    client = make_client(fake)
    client.api.sync.sync_v3(0)
    assert "t=BODYTOKEN" in fake.requests[1].headers["cookie"]
    assert client.user_id == 7


def test_mfa_flow(flavour: Flavour) -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    fake.on("POST", SIGNON, httpx.Response(200, json={"authId": "AUTH42", "expireTime": 300}))
    fake.on("POST", "/api/v2/user/sign/mfa/code/verify", lambda r: _verify(r))
    client = flavour.client(fake)
    result = flavour.do(client.login())
    assert result.mfa_required and result.auth_id == "AUTH42"
    with pytest.raises(MfaRequiredError) as caught:
        flavour.do(client.api.sync.sync_v3(0))
    assert caught.value.auth_id == "AUTH42"
    assert fake.count(SYNC0) == 0  # refused before any I/O
    verified = flavour.do(client.verify_mfa("123456"))
    assert not verified.mfa_required and verified.user_id == USER_ID
    flavour.do(client.api.sync.sync_v3(0))
    verify_request = fake.requests[1]
    assert verify_request.headers["x-verify-id"] == "AUTH42"
    assert json.loads(verify_request.content) == {"code": "123456", "method": "app"}
    assert f"t={TOKEN}" in fake.requests[-1].headers["cookie"]
    assert fake.count(SIGNON) == 1


def _verify(request: httpx.Request) -> httpx.Response:
    assert request.headers["x-verify-id"] == "AUTH42"
    return httpx.Response(200, json={"token": TOKEN, "userId": str(USER_ID)})


def test_lazy_signon_with_mfa_raises_mfa_required() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    fake.on("POST", SIGNON, httpx.Response(200, json={"authId": "AUTH42"}))
    client = make_client(fake)
    with pytest.raises(MfaRequiredError):
        client.api.sync.sync_v3(0)
    assert fake.paths() == [f"POST {SIGNON}"]


def test_token_path_never_signs_on(flavour: Flavour) -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = flavour.client(fake, username=None, password=None, token="SESSIONTOKEN")
    flavour.do(client.api.sync.sync_v3(0))
    assert fake.count(SIGNON) == 0
    assert fake.requests[0].headers["cookie"] == "t=SESSIONTOKEN"
    assert client.token == "SESSIONTOKEN"


def test_no_credentials_fails_before_any_request() -> None:
    fake = FakeTickTick()
    client = make_client(fake, username=None, password=None)
    with pytest.raises(AuthError, match="not signed on"):
        client.api.sync.sync_v3(0)
    assert fake.requests == []


def test_wrong_password_is_auth_error_and_not_retried(flavour: Flavour) -> None:
    fake = FakeTickTick().on(
        "POST",
        SIGNON,
        error(500, "username_password_not_match", "bad", remainderTimes=4),
    )
    client = flavour.client(fake)
    with pytest.raises(AuthError) as caught:
        flavour.do(client.api.sync.sync_v3(0))
    err = caught.value
    assert (err.status_code, err.error_code, err.data) == (
        500,
        "username_password_not_match",
        {"remainderTimes": 4},
    )
    assert err.operation_id == "signon" and err.error_message == "bad"
    assert fake.count(SIGNON) == 1


def test_expired_session_signs_on_again_once() -> None:
    fake = FakeTickTick().on("GET", SYNC0, error(401, "user_not_sign_on"), ok_sync())
    client = make_client(fake)
    client.api.sync.sync_v3(0)
    assert fake.paths() == [f"POST {SIGNON}", f"GET {SYNC0}", f"POST {SIGNON}", f"GET {SYNC0}"]


def test_expired_token_with_credentials_leaves_exactly_one_session_cookie() -> None:
    signon = httpx.Response(
        200,
        json={"token": "NEWTOKEN", "userId": "1"},
        headers={"set-cookie": "t=NEWTOKEN; Domain=.ticktick.com; Path=/"},
    )
    fake = FakeTickTick().on("GET", SYNC0, error(500, "user_not_sign_on"), ok_sync())
    fake.on("POST", SIGNON, signon)
    client = make_client(fake, token="OLDTOKEN")
    client.api.sync.sync_v3(0)
    assert fake.paths() == [f"GET {SYNC0}", f"POST {SIGNON}", f"GET {SYNC0}"]
    assert fake.requests[0].headers["cookie"] == "t=OLDTOKEN"
    assert fake.requests[2].headers["cookie"] == "t=NEWTOKEN"
    assert client.token == "NEWTOKEN"


def test_relogin_that_needs_mfa_raises_mfa_required() -> None:
    fake = FakeTickTick().on("GET", SYNC0, error(401, "user_not_sign_on"))
    fake.on("POST", SIGNON, httpx.Response(200, json={"authId": "A1"}))
    client = make_client(fake, token="OLDTOKEN")
    with pytest.raises(MfaRequiredError):
        client.api.sync.sync_v3(0)
    assert fake.paths() == [f"GET {SYNC0}", f"POST {SIGNON}"]


def test_expired_token_without_credentials_is_auth_error() -> None:
    fake = FakeTickTick().on("GET", SYNC0, error(401, "user_not_sign_on"))
    client = make_client(fake, username=None, password=None, token="OLD")
    with pytest.raises(AuthError) as caught:
        client.api.sync.sync_v3(0)
    assert caught.value.status_code == 401
    assert fake.count(SYNC0) == 1


# -- retries ------------------------------------------------------------------------------


def test_429_honours_retry_after_seconds(flavour: Flavour) -> None:
    sleeps: list[float] = []
    limited = httpx.Response(429, headers={"Retry-After": "7"})
    fake = FakeTickTick().on("GET", SYNC0, limited, ok_sync())
    flavour.do(flavour.client(fake, sleeps).api.sync.sync_v3(0))
    assert sleeps == [7.0]
    assert fake.count(SYNC0) == 2


def test_429_honours_retry_after_http_date() -> None:
    sleeps: list[float] = []
    soon = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    fake = FakeTickTick().on(
        "GET", SYNC0, httpx.Response(429, headers={"Retry-After": soon}), ok_sync()
    )
    make_client(fake, sleeps).api.sync.sync_v3(0)
    assert 25.0 <= sleeps[0] <= 30.0


def test_retry_after_beyond_the_cap_raises_at_once_carrying_it() -> None:
    """Issue 9 item 5: `Retry-After: 3600` used to block for the 60 s cap, then retry."""
    sleeps: list[float] = []
    fake = FakeTickTick().on(
        "GET", SYNC0, httpx.Response(429, headers={"Retry-After": "3600"}), ok_sync()
    )
    with pytest.raises(RateLimitError) as caught:
        make_client(fake, sleeps).api.sync.sync_v3(0)
    assert caught.value.retry_after == 3600.0
    assert (sleeps, fake.count(SYNC0)) == ([], 1)


def test_retry_after_cap_is_a_constructor_option() -> None:
    sleeps: list[float] = []
    fake = FakeTickTick().on(
        "GET", SYNC0, httpx.Response(429, headers={"Retry-After": "3600"}), ok_sync()
    )
    make_client(fake, sleeps, retry_after_max=7200).api.sync.sync_v3(0)
    assert sleeps == [3600.0]


def test_503_backs_off_exponentially_with_jitter(flavour: Flavour) -> None:
    sleeps: list[float] = []
    fake = FakeTickTick().on("GET", SYNC0, error(503), error(502), error(504), ok_sync())
    flavour.do(flavour.client(fake, sleeps).api.sync.sync_v3(0))
    assert sleeps == [0.25, 0.5, 1.0]  # 0.5 * 2**n * jitter(0.5)


def test_retries_are_bounded_then_the_typed_error_surfaces() -> None:
    sleeps: list[float] = []
    fake = FakeTickTick().on("GET", SYNC0, httpx.Response(429))
    with pytest.raises(RateLimitError) as caught:
        make_client(fake, sleeps, max_retries=2).api.sync.sync_v3(0)
    assert fake.count(SYNC0) == 3
    assert len(sleeps) == 2
    assert caught.value.retry_after is None
    assert caught.value.message == "syncV3: HTTP 429: empty body"


def test_500_without_ticktick_body_is_retried_and_reported_on_one_line() -> None:
    page = httpx.Response(500, text="<html>\n<body>\n<h1>Internal   Error</h1></body></html>")
    fake = FakeTickTick().on("GET", SYNC0, page)
    with pytest.raises(ServerError) as caught:
        make_client(fake).api.sync.sync_v3(0)
    err = caught.value
    assert fake.count(SYNC0) == 4  # 1 + max_retries
    assert "\n" not in str(err)
    assert str(err) == (
        "syncV3: HTTP 500: non-TickTick error body: "
        "<html> <body> <h1>Internal Error</h1></body></html>"
    )
    assert err.error_code is None and err.body.startswith(b"<html>")


def test_500_with_ticktick_body_is_not_retried() -> None:
    fake = FakeTickTick().on("GET", "/api/v2/task/" + "a" * 24, error(500, "task_not_found"))
    with pytest.raises(NotFoundError) as caught:
        make_client(fake).api.tasks.get_task("a" * 24)
    assert caught.value.error_code == "task_not_found"
    assert caught.value.status_code == 500
    assert fake.count("/api/v2/task/" + "a" * 24) == 1


def test_read_error_on_idempotent_request_is_retried() -> None:
    sleeps: list[float] = []
    fake = FakeTickTick().on("GET", SYNC0, httpx.ReadError("reset by peer"), ok_sync(3))
    answer = make_client(fake, sleeps).api.sync.sync_v3(0)
    assert answer.check_point == 3
    assert fake.count(SYNC0) == 2 and sleeps == [0.25]


def test_dropped_batch_is_retried_because_it_carries_client_ids() -> None:
    fake = FakeTickTick().on(
        "POST", BATCH, httpx.RemoteProtocolError("server disconnected"), ok_batch({})
    )
    make_client(fake).api.tasks.batch_task(batch_of(1))
    assert fake.count(BATCH) == 2
    assert fake.requests[1].content == fake.requests[2].content  # the same batch again


def test_non_idempotent_request_is_not_repeated_after_it_was_sent(flavour: Flavour) -> None:
    for failure in (httpx.ReadError("lost"), httpx.ReadTimeout("slow"), error(503), error(429)):
        fake = FakeTickTick().on("POST", CREATE, failure)
        with pytest.raises((TransportError, ServerError, RateLimitError)):
            flavour.do(flavour.client(fake).api.tasks.create_task(draft()))
        assert fake.count(CREATE) == 1, failure


def test_connect_error_is_retried_even_for_non_idempotent_requests(flavour: Flavour) -> None:
    created = httpx.Response(200, json=task(9))
    fake = FakeTickTick().on("POST", CREATE, httpx.ConnectError("refused"), created)
    made = flavour.do(flavour.client(fake).api.tasks.create_task(draft()))
    assert made.id == f"{9:024x}"
    assert fake.count(CREATE) == 2


def test_transport_error_after_retries() -> None:
    fake = FakeTickTick().on("GET", SYNC0, httpx.ConnectError("refused"))
    with pytest.raises(TransportError) as caught:
        make_client(fake, max_retries=1).api.sync.sync_v3(0)
    assert str(caught.value) == "syncV3: ConnectError after 2 attempts: refused"
    assert caught.value.status_code is None and caught.value.operation_id == "syncV3"
    assert fake.count(SYNC0) == 2


# -- error mapping ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (error(500, "username_password_not_match"), AuthError),
        (error(500, "incorrect_password_too_many_times"), AuthError),
        (error(500, "user_not_sign_on"), AuthError),
        (error(401, "unauthorized"), AuthError),
        (error(500, "task_not_found"), NotFoundError),
        (error(500, "project_not_found"), NotFoundError),
        (error(404), NotFoundError),
        (error(400, "invalid_request"), InvalidRequestError),
        (error(405), InvalidRequestError),
        (error(500, "etag_mismatch"), ConflictError),
        (error(500, "tag_already_exists"), ConflictError),
        (error(500, "unknown_exception"), ServerError),
        (httpx.Response(500, text="oops"), ServerError),
        (httpx.Response(500), ServerError),
        (httpx.Response(429), RateLimitError),
    ],
)
def test_error_mapping(flavour: Flavour, answer: httpx.Response, expected: type[Exception]) -> None:
    fake = FakeTickTick().on("POST", CREATE, answer)
    client = flavour.client(fake, username=None, password=None, token=TOKEN)
    with pytest.raises(expected) as caught:
        flavour.do(client.api.tasks.create_task(draft()))
    err = caught.value
    assert type(err) is expected
    assert isinstance(err, tickspec.TickTickError)
    assert err.status_code == answer.status_code
    assert err.operation_id == "createTask"
    assert err.body == answer.content
    assert "\n" not in str(err)


# -- batch --------------------------------------------------------------------------------


def test_batch_error_after_partial_success_keeps_the_successes(flavour: Flavour) -> None:
    ok_id, bad_id, gone_id = f"{1:024x}", f"{2:024x}", f"{3:024x}"
    fake = FakeTickTick().on("POST", BATCH, ok_batch({ok_id: "etag0001"}, {bad_id: "EXCEED_QUOTA"}))
    client = flavour.client(fake)
    client.state.upsert("tasks", [task(2, etag="oldetag1"), task(3)])
    body = batch_of(1, 2)
    answer = flavour.do(client.api.tasks.batch_task(body))
    with pytest.raises(BatchError) as caught:
        client.state.write_batch("tasks", body.add or [], answer, deleted=[gone_id])
    err = caught.value
    assert err.failed == {bad_id: "EXCEED_QUOTA"}
    assert err.succeeded == {ok_id: "etag0001", gone_id: None}
    assert bad_id in str(err) and "EXCEED_QUOTA" in str(err)
    assert client.state.tasks[ok_id].etag == "etag0001"  # success applied first
    assert client.state.tasks[bad_id].etag == "oldetag1"  # failure untouched
    assert client.state.tasks[bad_id].title == "task 2"
    assert gone_id not in client.state.tasks


def test_write_batch_without_failures_returns_etags() -> None:
    client = make_client(FakeTickTick())
    answer = {"id2etag": {f"{1:024x}": "e1"}, "id2error": {}}
    assert client.state.write_batch("tasks", [task(1)], answer) == {f"{1:024x}": "e1"}
    assert client.state.tasks[f"{1:024x}"].etag == "e1"


# -- sync -------------------------------------------------------------------------------


def test_full_then_delta_sync(flavour: Flavour) -> None:
    full = sync_body(
        100,
        syncTaskBean={"update": [task(1), task(2)]},
        projectProfiles=[{"id": "b" * 24, "name": "Work"}],
        tags=[{"name": "home"}],
        filters=[],
        projectGroups=[],
    )
    delta = sync_body(
        200,
        syncTaskBean={
            "update": [task(2, title="renamed"), task(3)],
            "delete": [{"taskId": f"{1:024x}", "projectId": INBOX}],
        },
        projectProfiles=None,
        tags=[{"name": "home"}, {"name": "work"}],
    )
    fake = FakeTickTick()
    fake.on("GET", SYNC0, httpx.Response(200, json=full))
    fake.on("GET", "/api/v3/batch/check/100", httpx.Response(200, json=delta))
    fake.on("GET", "/api/v3/batch/check/200", httpx.Response(200, json=sync_body(300)))
    client = flavour.client(fake)
    flavour.do(client.sync())
    assert client.state.checkpoint == 100 and client.state.inbox_id == INBOX
    assert sorted(client.state.tasks) == [f"{1:024x}", f"{2:024x}"]
    flavour.do(client.sync())
    assert sorted(client.state.tasks) == [f"{2:024x}", f"{3:024x}"]
    assert client.state.tasks[f"{2:024x}"].title == "renamed"
    assert list(client.state.projects) == ["b" * 24]  # null = unchanged
    assert sorted(client.state.tags) == ["home", "work"]
    flavour.do(client.sync())
    assert client.state.checkpoint == 300
    assert len(client.state.tasks) == 2 and len(client.state.projects) == 1
    assert fake.paths()[1:] == [
        f"GET {SYNC0}",
        "GET /api/v3/batch/check/100",
        "GET /api/v3/batch/check/200",
    ]
    flavour.do(client.sync(full=True))
    assert fake.paths()[-1] == f"GET {SYNC0}"


def test_unknown_fields_survive_the_round_trip() -> None:
    full = sync_body(1, syncTaskBean={"update": [task(1, futureField={"x": 1})]})
    fake = FakeTickTick().on("GET", SYNC0, httpx.Response(200, json=full))
    client = make_client(fake)
    client.sync()
    assert client.state.snapshot()["tasks"][f"{1:024x}"]["futureField"] == {"x": 1}


# -- helpers ------------------------------------------------------------------------------


def test_new_id_and_now_use_the_injected_clock() -> None:
    moment = datetime(2026, 1, 17, 13, 12, 28, 123456, tzinfo=UTC)
    client = make_client(FakeTickTick(), clock=lambda: moment)
    assert client.now() == "2026-01-17T13:12:28.000+0000"
    ids = {client.new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(HEX24.match(i) and i.startswith(f"{int(moment.timestamp()):08x}") for i in ids)


def test_user_id_falls_back_to_the_inbox_id() -> None:
    fake = FakeTickTick().on("GET", SYNC0, ok_sync())
    client = make_client(fake, username=None, password=None, token=TOKEN)
    assert client.user_id is None
    client.sync()
    assert client.user_id == USER_ID


def test_constructor_validation() -> None:
    with pytest.raises(ValueError, match="both username and password"):
        tickspec.Client(username="x")
    with pytest.raises(ValueError, match="max_retries"):
        tickspec.Client(token="t", max_retries=-1)


def test_managers_are_wired() -> None:
    client = make_client(FakeTickTick())
    for name in ("tasks", "projects", "tags", "filters", "columns", "habits", "search", "user"):
        manager = getattr(client, name)
        assert type(manager).__name__.endswith("Manager")
        assert not type(manager).__name__.startswith("Async")


def test_owned_http_client_is_closed_but_a_supplied_one_is_not() -> None:
    supplied = httpx.Client(transport=httpx.MockTransport(FakeTickTick()))
    with tickspec.Client(token="t", http_client=supplied):
        pass
    assert not supplied.is_closed
    own = tickspec.Client(token="t")
    own.close()
    assert own._http.is_closed


@pytest.mark.parametrize(
    ("base_url", "focus_host"),
    [
        ("https://api.ticktick.com", "ms.ticktick.com"),
        ("https://api.dida365.com/", "ms.dida365.com"),
        ("http://127.0.0.1:8123", "127.0.0.1"),
    ],
)
def test_focus_op_goes_to_the_focus_host_of_the_clients_region(
    flavour: Flavour, base_url: str, focus_host: str
) -> None:
    """TickTick serves focusOp on ms.ticktick.com (the spec's operation `servers`):
    the client sends it there with the same session, and every other request to its
    base URL; a base URL that is no TickTick server (a local one) gets everything."""
    answer = httpx.Response(200, json={"point": 7, "current": None})
    fake = FakeTickTick().on("POST", "/focus/batch/focusOp", answer)
    fake.on("GET", "/api/v2/user/status", httpx.Response(200, json={"userId": str(USER_ID)}))
    client = flavour.client(fake, base_url=base_url, token=TOKEN)
    result = flavour.do(client.focus.operate({"op": "start", "duration": 25}))
    assert result.point == 7
    flavour.do(client.api.user.get_user_status())
    focus, status = fake.requests
    assert (focus.url.host, focus.url.path) == (focus_host, "/focus/batch/focusOp")
    assert status.url.host == httpx.URL(base_url).host
    assert focus.headers["cookie"] == status.headers["cookie"] == f"t={TOKEN}"
