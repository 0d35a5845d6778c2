"""Honest write outcomes (issue 21): what a failed write says about the server, and
how `sync()` settles it; two clients checking in the same habit; timeouts and input.

The fault runs inject the local server's faults (tickspec/server/faults.py) into a
share of the writes and check, write by write, the server's store against what the
client raised.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

import tickspec
from tickspec.errors import (
    InvalidRequestError,
    RequestTimeoutError,
    TickTickError,
    TransportError,
)
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module")
START = datetime(2026, 1, 17, 13, 0, tzinfo=UTC)


@pytest.fixture
def srv(server: ServerHandle) -> Iterator[ServerHandle]:
    server.reset()
    yield server
    server.clear_faults()


def make_client(srv: ServerHandle, clock: list[datetime] | None = None, **options: Any) -> Any:
    return tickspec.Client(
        token=srv.token,
        base_url=srv.base_url,
        http_client=httpx.Client(trust_env=False),
        sleep=lambda seconds: None,
        clock=(lambda: clock[0]) if clock is not None else None,
        **options,
    )


# -- two clients, one habit -------------------------------------------------------------


@pytest.mark.parametrize("apart", [0, 1])
def test_two_clients_check_in_the_same_habit(srv: ServerHandle, apart: int) -> None:
    """A then B, `apart` seconds later on the same clock second or the next (issue 21,
    C1 and S7): both succeed and the server counts both days."""
    clock = [START]
    a, b = make_client(srv, clock), make_client(srv, clock)
    habit = a.habits.create("Water")
    b.habits.get(habit.id)  # B holds the habit as it was before A's check-in
    a.habits.checkin(habit.id, 20260115)
    clock[0] = START + timedelta(seconds=apart)
    b.habits.checkin(habit.id, 20260116)
    state = srv.state()
    stored = state["habits"][habit.id]
    done = sorted(c["checkinStamp"] for c in state["habitCheckins"].values() if c["status"] == 2)
    assert done == [20260115, 20260116]
    assert stored["totalCheckIns"] == 2
    assert b.state.habits[habit.id].etag == stored["etag"]


def test_sync_refreshes_habits_once_read(srv: ServerHandle) -> None:
    """After another client's check-in, `sync()` brings the habit's etag and counters."""
    a, b = make_client(srv), make_client(srv)
    habit = a.habits.create("Read")
    b.habits.get_all()
    a.habits.checkin(habit.id, 20260115)
    b.sync()
    stored = srv.state()["habits"][habit.id]
    assert b.state.habits[habit.id].etag == stored["etag"]
    assert b.state.habits[habit.id].total_check_ins == 1


def test_a_stale_etag_write_is_refused(srv: ServerHandle) -> None:
    """The same update sent twice: the second carries a stale etag -> ETAG_MISMATCH."""
    client = make_client(srv)
    task = client.tasks.create("first")
    client.tasks.update(task.model_copy(update={"title": "second"}))
    with pytest.raises(tickspec.BatchError) as caught:
        client.tasks.update(task.model_copy(update={"title": "second"}))
    assert caught.value.failed == {task.id: "ETAG_MISMATCH"}
    assert caught.value.outcome == "not_applied"


# -- the outcome of a failed write -------------------------------------------------------


def test_an_applied_first_try_makes_the_outcome_unknown(srv: ServerHandle) -> None:
    """504 after applying, then ETAG_MISMATCH on the retry: unknown, both tries kept."""
    client = make_client(srv)
    task = client.tasks.create("first")
    srv.inject_fault("batchTask", status=504, when="after")
    with pytest.raises(tickspec.BatchError) as caught:
        client.tasks.update(task.model_copy(update={"title": "second"}))
    error = caught.value
    assert error.outcome == "unknown"
    assert [(t.status_code, t.maybe_applied) for t in error.attempts] == [(504, True), (200, False)]
    assert srv.state()["tasks"][task.id]["title"] == "second"
    client.sync()
    assert client.state.tasks[task.id].title == "second"


def test_a_refused_write_is_not_applied(srv: ServerHandle) -> None:
    """Three 429s (the throttle refuses before applying), then give up: not applied."""
    client = make_client(srv, max_retries=2)
    srv.inject_fault("batchTask", status=429, retry_after=0, times=3)
    with pytest.raises(tickspec.RateLimitError) as caught:
        client.tasks.create("never")
    assert caught.value.outcome == "not_applied"
    assert [t.status_code for t in caught.value.attempts] == [429, 429, 429]
    assert srv.state()["tasks"] == {}


def test_a_gateway_error_after_retries_is_unknown(srv: ServerHandle) -> None:
    """503s until the retries run out: a gateway may have passed a try on, so unknown."""
    client = make_client(srv, max_retries=1)
    srv.inject_fault("batchTask", status=503, times=2)
    with pytest.raises(tickspec.ServerError) as caught:
        client.tasks.create("maybe")
    assert caught.value.outcome == "unknown"
    assert [t.status_code for t in caught.value.attempts] == [503, 503]


def test_a_timeout_is_a_timeout_error(srv: ServerHandle) -> None:
    """A read timeout raises RequestTimeoutError: a TransportError and a TimeoutError."""
    client = make_client(srv, timeout=httpx.Timeout(0.2), max_retries=0)
    srv.inject_fault("batchTask", delay=0.6)
    with pytest.raises(TimeoutError) as caught:
        client.tasks.create("slow")
    assert isinstance(caught.value, RequestTimeoutError)
    assert isinstance(caught.value, TransportError)
    assert caught.value.outcome == "unknown"
    assert [t.exception for t in caught.value.attempts] == ["ReadTimeout"]


def test_client_side_validation_names_the_field(srv: ServerHandle) -> None:
    """A bad priority never reaches the server and names the field."""
    client = make_client(srv)
    with pytest.raises(InvalidRequestError, match=r"^invalid priority: ") as caught:
        client.tasks.create("x", priority=7)
    assert caught.value.outcome == "not_applied"
    assert srv.state()["tasks"] == {}


# -- injected faults --------------------------------------------------------------------

FAULTS: list[dict[str, Any]] = [
    {"status": 503},
    {"status": 502, "when": "after"},
    {"status": 504, "when": "after"},
    {"drop_connection": True},
    {"drop_connection": True, "when": "after"},
    {"status": 429, "retry_after": 0},
    {"delay": 0.5},
]


def _applied(state: dict[str, Any], write: tuple[str, Any]) -> bool:
    kind, value = write
    if kind == "create":
        return any(t["title"] == value for t in state["tasks"].values())
    if kind == "update":
        task_id, title = value
        return bool(state["tasks"].get(task_id, {}).get("title") == title)
    return any(c["checkinStamp"] == value for c in state["habitCheckins"].values())


def run_faulty_writes(srv: ServerHandle, rate: float, writes: int, seed: int) -> dict[str, int]:
    """`writes` writes, a share `rate` of them faulted; returns what was seen."""
    rng = random.Random(seed)
    client = make_client(srv, timeout=0.3)
    habit = client.habits.create("Walk")
    anchor = client.tasks.create("anchor")
    seen = {"errors": 0, "phantoms": 0, "unknown_phantoms": 0}
    for n in range(writes):
        choice = n % 3
        operation = "batchTask" if choice < 2 else rng.choice(["batchHabit", "batchHabitCheckin"])
        if rng.random() < rate:
            fault = dict(rng.choice(FAULTS), times=rng.randint(1, 4))
            srv.inject_fault(operation, **fault)
        write: tuple[str, Any]
        try:
            if choice == 0:
                write = ("create", f"task {n}")
                client.tasks.create(write[1])
            elif choice == 1:
                write = ("update", (anchor.id, f"title {n}"))
                current = client.state.tasks[anchor.id]
                client.tasks.update(current.model_copy(update={"title": write[1][1]}))
            else:
                day = int((START.date() + timedelta(days=n)).strftime("%Y%m%d"))
                write = ("checkin", day)
                client.habits.checkin(habit.id, day)
        except TickTickError as error:
            time.sleep(0.6 if any(t.exception == "ReadTimeout" for t in error.attempts) else 0)
            seen["errors"] += 1
            if _applied(srv.state(), write):
                seen["phantoms"] += 1
                seen["unknown_phantoms"] += error.outcome == "unknown"
                assert error.outcome == "unknown", (write, error, error.attempts)
            if error.outcome == "unknown":
                client.sync()  # settle before the next write builds on the state
        srv.clear_faults()
    client.sync()
    assert_state_equals_server(client, srv.state(), habit.id)
    return seen


def assert_state_equals_server(client: Any, state: dict[str, Any], habit_id: str) -> None:
    local = {k: (t.title, t.etag) for k, t in client.state.tasks.items()}
    assert local == {k: (t["title"], t["etag"]) for k, t in state["tasks"].items()}
    titles = [t["title"] for t in state["tasks"].values()]
    assert len(titles) == len(set(titles))  # no write doubled
    habit = client.state.habits[habit_id]
    stored = state["habits"][habit_id]
    assert (habit.etag, habit.total_check_ins) == (stored["etag"], stored["totalCheckIns"])
    local_days = {(c.checkin_stamp, c.status) for c in client.state.habit_checkins.values()}
    assert local_days == {(c["checkinStamp"], c["status"]) for c in state["habitCheckins"].values()}


@pytest.mark.parametrize("rate", [0.05, 0.2, 0.5])
def test_faulty_writes_report_honest_outcomes(srv: ServerHandle, rate: float) -> None:
    """Every error of a write the server applied says "unknown"; after `sync()` the
    state equals the server's; no write doubled; nothing outside TickTickError."""
    seen = run_faulty_writes(srv, rate, writes=100, seed=21)
    assert seen["unknown_phantoms"] == seen["phantoms"]
    if rate >= 0.2:
        assert seen["errors"] > 0
