"""Issue 13: LocalState and retry decisions on the edges mutation testing found open.

The first sync of a fresh state replaces, a later one merges, whatever `full` says by
default; one failed object in a batch does not stop the others; answers whose maps are
missing or not maps count as empty; and a proxy failure means nothing was sent.
"""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest

from tests.client.test_state import INBOX, answer, task, tid
from tickspec._retry import exposure, retry_after_from_headers
from tickspec.errors import BatchError
from tickspec.state import LocalState


def test_a_fresh_state_is_empty() -> None:
    state = LocalState()
    assert (state.inbox_id, state.checkpoint, state.tasks) == (None, 0, {})


def test_first_sync_replaces_what_was_there_later_syncs_merge() -> None:
    state = LocalState()
    state.upsert("tasks", [task(9)])
    state.apply_sync(answer(5, {"update": [task(1)]}))
    assert sorted(state.tasks) == [tid(1)]
    state.apply_sync(answer(6, {"update": [task(2)]}))
    assert sorted(state.tasks) == [tid(1), tid(2)]
    assert (state.checkpoint, state.inbox_id) == (6, INBOX)


def test_a_state_at_checkpoint_one_merges() -> None:
    state = LocalState()
    state.apply_sync(answer(1, {"update": [task(1)]}))
    state.apply_sync(answer(2, {"update": [task(2)]}))
    assert sorted(state.tasks) == [tid(1), tid(2)]


def test_one_failed_object_does_not_stop_the_others() -> None:
    state = LocalState()
    sent = [task(1), task(2), task(3, title="new")]
    errors = state.apply_batch(
        "tasks",
        sent,
        [],
        {"id2etag": {tid(3): "etag0003"}, "id2error": {tid(1): "task_not_found"}},
    )
    assert errors == {tid(1): "task_not_found"}
    assert sorted(state.tasks) == [tid(2), tid(3)]
    assert state.tasks[tid(3)].etag == "etag0003"


@pytest.mark.parametrize(
    "reply",
    [
        {"id2etag": None, "id2error": None},
        {},
        SimpleNamespace(),
        SimpleNamespace(id2etag=[], id2error="x"),
    ],
)
def test_answers_without_usable_maps_count_as_all_accepted(reply: object) -> None:
    state = LocalState()
    assert state.apply_batch("tasks", [task(1)], [], reply) == {}
    assert list(state.tasks) == [tid(1)]


def test_removing_an_absent_key_is_not_an_error() -> None:
    state = LocalState()
    state.upsert("tasks", [task(1)])
    state.remove("tasks", [tid(2), tid(1)])
    assert state.tasks == {}


def test_unknown_collection_and_missing_id_say_what_is_wrong() -> None:
    state = LocalState()
    with pytest.raises(KeyError, match="unknown collection 'nope'; expected one of tasks, "):
        state.collection("nope")
    with pytest.raises(KeyError, match="projects object has no id"):
        LocalState.key_of("projects", {"name": "x"})


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (httpx.ProxyError("proxy refused"), "not_sent"),
        (httpx.ConnectError("refused"), "not_sent"),
        (httpx.ReadTimeout("slow"), "maybe_sent"),
        (ValueError("bug"), "fatal"),
    ],
)
def test_exposure_says_whether_the_server_may_have_seen_the_request(
    exc: BaseException, expected: str
) -> None:
    assert exposure(exc) == expected


def test_retry_after_is_read_from_any_mapping_of_lowercase_names() -> None:
    assert retry_after_from_headers({"retry-after": "3"}) == 3.0
    assert retry_after_from_headers(httpx.Headers({"Retry-After": "2"})) == 2.0
    assert retry_after_from_headers({}) is None


def test_write_batch_reads_each_iterable_once_and_keys_the_deletes_too() -> None:
    state = LocalState()
    state.upsert("tasks", [task(3), task(4)])
    sent = (t for t in [task(1)])
    deleted = (key for key in [tid(3), tid(4)])
    answer = {"id2etag": {tid(1): "new00001"}, "id2error": {}}
    assert state.write_batch("tasks", sent, answer, deleted=deleted) == {
        tid(1): "new00001",
        tid(3): None,
        tid(4): None,
    }
    assert sorted(state.tasks) == [tid(1)] and state.tasks[tid(1)].etag == "new00001"


def test_write_batch_failure_names_its_kind_and_carries_no_operation_by_default() -> None:
    state = LocalState()
    answer = SimpleNamespace(id2etag={}, id2error={"bad": "tag_exists"})
    with pytest.raises(BatchError) as caught:
        state.write_batch("tags", [{"name": "bad"}, {"name": "ok"}], answer)
    assert caught.value.message == "batch tags: 1 of 2 failed: bad: tag_exists"
    assert (caught.value.operation_id, caught.value.succeeded) == (None, {"ok": None})
    assert list(state.tags) == ["ok"]
