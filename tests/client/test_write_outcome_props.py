"""Properties of the write-outcome classification (tickspec.errors.settle)."""

from __future__ import annotations

import httpx
from hypothesis import given
from hypothesis import strategies as st

from tickspec._retry import exposure
from tickspec.errors import Attempt, TickTickError, maybe_applied

EXCEPTIONS = [
    httpx.ConnectError("x"),
    httpx.ConnectTimeout("x"),
    httpx.PoolTimeout("x"),
    httpx.ReadError("x"),
    httpx.ReadTimeout("x"),
    httpx.WriteTimeout("x"),
    httpx.RemoteProtocolError("x"),
]
SENT = {"ReadError", "ReadTimeout", "WriteTimeout", "RemoteProtocolError"}


def attempt_of(item: tuple[int, bool] | httpx.TransportError) -> Attempt:
    if isinstance(item, httpx.TransportError):
        sent = exposure(item) != "not_sent"
        return Attempt(exception=type(item).__name__, maybe_applied=sent)
    status, ticktick_body = item
    return Attempt(status, maybe_applied=maybe_applied(status, ticktick_error_body=ticktick_body))


tries = st.lists(
    st.one_of(
        st.tuples(st.integers(200, 599), st.booleans()),
        st.sampled_from(EXCEPTIONS),
    ),
    max_size=5,
)


@given(tries, st.booleans())
def test_outcome_is_not_applied_only_when_no_try_could_have_been(
    items: list[tuple[int, bool] | httpx.TransportError], applied_before: bool
) -> None:
    """Property: an error is "not_applied" exactly when no earlier write of the call
    succeeded and every try was refused by an answer below 500 (or a 500 carrying
    TickTick's error body) or never left the machine; otherwise "unknown". The
    tries are kept in order."""
    attempts = [attempt_of(item) for item in items]
    error = TickTickError("x")
    error.settle(attempts, applied_before=applied_before)
    could_apply = applied_before or any(
        (isinstance(item, httpx.TransportError) and type(item).__name__ in SENT)
        or (isinstance(item, tuple) and item[0] >= 500 and not (item[0] == 500 and item[1]))
        for item in items
    )
    assert error.outcome == ("unknown" if could_apply else "not_applied")
    assert error.attempts == attempts
