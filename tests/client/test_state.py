"""LocalState: sync merging, batch write-through, snapshots."""

from __future__ import annotations

from typing import Any

import pytest
from tickspec_generated.models.batch_response import BatchResponse
from tickspec_generated.models.sync_response import SyncResponse
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_draft import TaskDraft

from tickspec import wire
from tickspec.errors import BatchError
from tickspec.state import KINDS, LocalState

INBOX = "inbox130208689"


def tid(n: int) -> str:
    return f"{n:024x}"


def task(n: int, **fields: Any) -> dict[str, Any]:
    return {"id": tid(n), "projectId": INBOX, "title": f"task {n}", **fields}


def project(n: int, name: str = "p") -> dict[str, Any]:
    return {"id": f"{n:024x}".replace("0", "b", 1), "name": name}


def answer(checkpoint: int, tasks: dict[str, Any] | None = None, **fields: Any) -> SyncResponse:
    return SyncResponse.model_validate(
        {"checkPoint": checkpoint, "inboxId": INBOX, "syncTaskBean": tasks or {"update": []}}
        | fields
    )


def full_state() -> LocalState:
    state = LocalState()
    state.apply_sync(
        answer(
            100,
            {"update": [task(1), task(2)]},
            projectProfiles=[project(1, "Work"), project(2, "Home")],
            projectGroups=[{"id": "c" * 24, "name": "Folder"}],
            tags=[{"name": "a"}, {"name": "b"}],
            filters=[{"id": "d" * 24, "name": "Today"}],
        )
    )
    return state


def test_full_sync_fills_every_collection() -> None:
    state = full_state()
    assert state.checkpoint == 100 and state.inbox_id == INBOX
    assert sorted(state.tasks) == [tid(1), tid(2)]
    assert isinstance(state.tasks[tid(1)], Task)
    assert [p.name for p in state.projects.values()] == ["Work", "Home"]
    assert list(state.project_groups) == ["c" * 24]
    assert sorted(state.tags) == ["a", "b"]
    assert list(state.filters) == ["d" * 24]


def test_delta_null_collections_are_unchanged() -> None:
    state = full_state()
    state.apply_sync(answer(200, projectProfiles=None, tags=None, filters=None))
    assert len(state.projects) == 2 and len(state.tags) == 2 and len(state.filters) == 1
    assert sorted(state.tasks) == [tid(1), tid(2)]
    assert state.checkpoint == 200


def test_delta_tasks_upsert_and_delete() -> None:
    state = full_state()
    state.apply_sync(
        answer(
            200,
            {
                "update": [task(2, title="changed", etag="e2")],
                "add": [task(3)],
                "delete": [{"taskId": tid(1), "projectId": INBOX}],
            },
        )
    )
    assert sorted(state.tasks) == [tid(2), tid(3)]
    assert state.tasks[tid(2)].title == "changed" and state.tasks[tid(2)].etag == "e2"


def test_delta_lists_replace_the_collection() -> None:
    state = full_state()
    state.apply_sync(answer(200, projectProfiles=[project(2, "Home!")], tags=[]))
    assert [p.name for p in state.projects.values()] == ["Home!"]  # project 1 was deleted
    assert state.tags == {}


def test_full_sync_replaces_everything() -> None:
    state = full_state()
    state.upsert("columns", [{"id": "e" * 24, "projectId": INBOX, "name": "Todo"}])
    state.apply_sync(answer(300, {"update": [task(9)]}), full=True)
    assert list(state.tasks) == [tid(9)]
    assert state.projects == {} and state.tags == {} and state.filters == {}
    assert list(state.columns) == ["e" * 24]  # not part of sync: kept


def test_apply_batch_stores_successes_with_new_etags() -> None:
    state = LocalState()
    state.upsert("tasks", [task(2, etag="old00002", title="before")])
    response = BatchResponse(id2etag={tid(1): "new00001"}, id2error={tid(2): "EXCEED_QUOTA"})
    failures = state.apply_batch(
        "tasks", [Task.model_validate(task(1)), task(2, title="after")], [], response
    )
    assert failures == {tid(2): "EXCEED_QUOTA"}
    assert state.tasks[tid(1)].etag == "new00001"
    assert state.tasks[tid(2)].title == "before" and state.tasks[tid(2)].etag == "old00002"


def test_write_batch_stores_what_was_accepted_then_raises_for_the_rest() -> None:
    state = LocalState()
    state.upsert("tasks", [task(3)])
    answer = {"id2etag": {tid(1): "new00001"}, "id2error": {tid(2): "EXCEED_QUOTA"}}
    with pytest.raises(BatchError) as caught:
        state.write_batch(
            "tasks", [task(1), task(2)], answer, deleted=[tid(3)], operation_id="batchTask"
        )
    assert caught.value.succeeded == {tid(1): "new00001", tid(3): None}
    assert caught.value.failed == {tid(2): "EXCEED_QUOTA"}
    assert (caught.value.operation_id, caught.value.kind) == ("batchTask", "tasks")
    assert sorted(state.tasks) == [tid(1)] and state.tasks[tid(1)].etag == "new00001"


def test_habits_count_as_unread_until_read_again_after_a_clear() -> None:
    state = LocalState()
    assert state.habits_loaded is False
    state.habits_loaded = True
    state.clear()
    assert state.habits_loaded is False


def test_write_batch_without_failures_returns_each_key_and_its_etag() -> None:
    state = LocalState()
    answer = {"id2etag": {"work": "t1"}, "id2error": {}}
    assert state.write_batch("tags", [{"name": "work"}, {"name": "home"}], answer) == {
        "work": "t1",
        "home": None,
    }


def test_apply_batch_deletes_only_accepted_ids() -> None:
    state = LocalState()
    state.upsert("tasks", [task(1), task(2)])
    failures = state.apply_batch(
        "tasks", [], [tid(1), tid(2)], {"id2etag": {}, "id2error": {tid(2): "locked"}}
    )
    assert failures == {tid(2): "locked"}
    assert list(state.tasks) == [tid(2)]


def test_apply_batch_tags_are_keyed_by_name() -> None:
    state = LocalState()
    failures = state.apply_batch(
        "tags",
        [{"name": "work", "color": "#FF0000"}, {"name": "bad"}],
        [],
        {"id2etag": {"work": "t1"}, "id2error": {"bad": "tag_exists"}},
    )
    assert failures == {"bad": "tag_exists"}
    assert state.snapshot()["tags"] == {"work": {"name": "work", "color": "#FF0000", "etag": "t1"}}


def test_apply_batch_checkins_accepts_empty_maps() -> None:
    state = LocalState()
    checkin = {"habitId": "f" * 24, "checkinStamp": 20260116, "value": 1, "status": 0}
    failures = state.apply_batch("habit_checkins", [checkin], [], {"id2etag": {}, "id2error": {}})
    assert failures == {}
    assert list(state.habit_checkins) == [f"{'f' * 24}:20260116"]
    assert "etag" not in state.snapshot()["habit_checkins"][f"{'f' * 24}:20260116"]


def test_drafts_are_coerced_to_the_collection_model() -> None:
    state = LocalState()
    state.upsert("tasks", [TaskDraft.model_validate(task(5, unknownField=1))])
    stored = state.tasks[tid(5)]
    assert isinstance(stored, Task)
    assert state.snapshot()["tasks"][tid(5)]["unknownField"] == 1


@pytest.mark.parametrize("given", ["dict", "draft"])
@pytest.mark.parametrize(
    "unknown",
    [
        pytest.param({"project_id": "zzz"}, id="beside-its-wire-name"),
        pytest.param({"sort_order": 5}, id="alone"),
    ],
)
def test_unknown_key_spelled_like_an_attribute_round_trips(
    unknown: dict[str, Any], given: str
) -> None:
    """An attribute name (`project_id`) is no wire name: it stays an unknown field.

    Read as the aliased field (before `wire.parse`), `sort_order` alone came back
    renamed to `sortOrder`.
    """
    sent = task(6, **unknown)
    obj = sent if given == "dict" else wire.parse(TaskDraft, sent)
    state = LocalState()
    state.upsert("tasks", [obj])
    assert state.snapshot()["tasks"][tid(6)] == sent


def test_snapshot_is_wire_form_of_every_collection() -> None:
    state = full_state()
    snap = state.snapshot()
    assert set(snap) == set(KINDS)
    assert snap["tasks"][tid(1)] == {"id": tid(1), "projectId": INBOX, "title": "task 1"}
    assert snap["habits"] == {}


def test_unknown_collection_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="unknown collection"):
        LocalState().collection("widgets")


def test_clear() -> None:
    state = full_state()
    state.clear()
    assert state.checkpoint == 0 and state.inbox_id is None
    assert all(not v for v in state.snapshot().values())
