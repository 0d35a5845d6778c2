"""`OpenClient.tasks`: the Open API's task endpoints (`/open/v1/task...`).

    task = client.tasks.create("Buy milk", project_id=project.id, priority=3,
                               due_date=datetime(2026, 3, 1, 9, 0))
    client.tasks.update(task, title="Buy oat milk")
    client.tasks.complete(task.project_id, task.id)
    for done in client.tasks.get_completed(start=date(2026, 3, 1)):
        ...

Path order is the Open API's: project id first, then task id. Times are
`datetime`s, `date`s or the wire text (see `instant`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_batch_result import OpenBatchResult
from tickspec_generated.models.open_complete_tasks_request import OpenCompleteTasksRequest
from tickspec_generated.models.open_completed_tasks_request import OpenCompletedTasksRequest
from tickspec_generated.models.open_move_result import OpenMoveResult
from tickspec_generated.models.open_task import OpenTask
from tickspec_generated.models.open_task_assign_request import OpenTaskAssignRequest
from tickspec_generated.models.open_task_batch_request import OpenTaskBatchRequest
from tickspec_generated.models.open_task_create import OpenTaskCreate
from tickspec_generated.models.open_task_filter_request import OpenTaskFilterRequest
from tickspec_generated.models.open_task_move_request import OpenTaskMove
from tickspec_generated.models.open_task_search_request import OpenTaskSearchRequest
from tickspec_generated.models.open_task_unassign_request import OpenTaskUnassignRequest
from tickspec_generated.models.open_task_update import OpenTaskUpdate
from tickspec_generated.models.open_undone_tasks_request import OpenUndoneTasksRequest

from tickspec import wire
from tickspec.errors import BatchError
from tickspec.managers._base import wire_of
from tickspec.managers._flow import Flow, ModeT, operation

from ._base import InstantLike, OpenManager, body_of, id_list, instant

__all__ = ["AsyncOpenTasksManager", "OpenTasksManager"]

TaskLike = OpenTask | Mapping[str, Any]


def _maybe_instant(value: InstantLike | None) -> str | None:
    return None if value is None else instant(value)


class OpenTasksManager(OpenManager[ModeT]):
    """Tasks over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[OpenTask]:
        """One task: `get("6226ff9877acee87727f6bca", "63b7bebb91c0a5474805fcd4")`."""
        return (yield from open_api.open_get_task(project_id, task_id))

    @operation
    def get_by_id(self, task_id: str, **options: Unpack[RequestOptions]) -> Flow[OpenTask]:
        """One task by its id alone, whatever its project: `get_by_id("63b7bebb91c0...")`."""
        return (yield from open_api.open_get_task_any_project(task_id))

    @operation
    def get_by_project(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[OpenTask]]:
        """The open tasks of a project (`"inbox"` for the inbox): `get_by_project("inbox")`."""
        data = yield from open_api.open_get_project_data(project_id)
        return list(data.tasks or [])

    @operation
    def create(self, /, title: str, project_id: str | None = None, **fields: Any) -> Flow[OpenTask]:
        """A new task. `project_id=None` files it in the inbox, as the service does.

        `fields` are OpenTaskCreate's, by snake_case or wire name:
        `create("Call Bob", project_id="6226ff9877acee87727f6bca", priority=5,
        due_date=datetime(2026, 3, 1, 9, 0), tags=["work"], items=[{"title": "dial"}])`.
        """
        given = {"title": title, "projectId": project_id}
        return (yield from open_api.open_create_task(body_of(OpenTaskCreate, given, fields)))

    @operation
    def update(
        self, /, task: TaskLike | str, project_id: str | None = None, **fields: Any
    ) -> Flow[OpenTask]:
        """Change a task; only the named fields are sent (with `id` and `projectId`).

        `task` is an `OpenTask` (or its wire dict), sent whole with `fields` over
        it, or a task id with `project_id`:
        `update(task, title="Buy oat milk")`, `update("63b7...", "6226...", priority=1)`.
        """
        if isinstance(task, str):
            if project_id is None:
                raise ValueError("update(task_id, ...) needs project_id=")
            base: dict[str, Any] = {"id": task, "projectId": project_id}
        else:
            base = wire_of(task)
            if project_id is not None:
                base["projectId"] = project_id
        body = body_of(OpenTaskUpdate, None, fields, base)
        return (yield from open_api.open_update_task(str(base["id"]), body))

    @operation
    def complete(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Mark a task done: `complete("6226ff9877acee87727f6bca", "63b7bebb91c0a5474805fcd4")`."""
        yield from open_api.open_complete_task(project_id, task_id)

    @operation
    def complete_many(
        self,
        task_ids: Iterable[str],
        project_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[str]]:
        """Complete up to 50 tasks of one project (None: the inbox); the ids completed.

        `complete_many(["63b7...", "63b8..."], project_id="6226...")`.
        """
        given = {"projectId": project_id, "taskIds": list(task_ids)}
        done = yield from open_api.open_complete_tasks(body_of(OpenCompleteTasksRequest, given))
        return list(done)

    @operation
    def delete(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Delete a task: `delete("6226ff9877acee87727f6bca", "63b7bebb91c0a5474805fcd4")`."""
        yield from open_api.open_delete_task(project_id, task_id)

    @operation
    def move(
        self,
        task_id: str,
        from_project_id: str,
        to_project_id: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[OpenMoveResult]:
        """Move one task to another project; its id and new etag.

        `move("69a850f8b9061f374d54a046", "69a850ef...", "69a850f4...")`.
        """
        moves = [
            {"taskId": task_id, "fromProjectId": from_project_id, "toProjectId": to_project_id}
        ]
        [result] = yield from self._move(moves)
        return result

    @operation
    def move_many(
        self, moves: Iterable[Mapping[str, str]], **options: Unpack[RequestOptions]
    ) -> Flow[list[OpenMoveResult]]:
        """Move several tasks in one request; moves are wire dicts:
        `move_many([{"taskId": "69a8...", "fromProjectId": "69a8...", "toProjectId": "69a8..."}])`.
        """
        return (yield from self._move(moves))

    def _move(self, moves: Iterable[Mapping[str, str]]) -> Flow[list[OpenMoveResult]]:
        body = [wire.parse(OpenTaskMove, wire_of(move)) for move in moves]
        return list((yield from open_api.open_move_tasks(body)))

    @operation
    def batch(
        self,
        add: Sequence[TaskLike] = (),
        update: Sequence[TaskLike] = (),
        **options: Unpack[RequestOptions],
    ) -> Flow[OpenBatchResult]:
        """Create and update up to 50 tasks each in one request; raises `BatchError`
        (with `succeeded` and `failed`) when `id2error` names any task.

        `batch(add=[{"title": "New", "projectId": "6226..."}],
        update=[{"id": "63b7...", "projectId": "6226...", "title": "Renamed"}])`.
        """
        given = {"add": [wire_of(t) for t in add], "update": [wire_of(t) for t in update]}
        result = yield from open_api.open_batch_tasks(wire.parse(OpenTaskBatchRequest, given))
        failed = dict(result.id2error or {})
        if failed:
            succeeded = {key: str(etag) for key, etag in (result.id2etag or {}).items()}
            raise BatchError.from_failures(
                "tasks", succeeded, failed, operation_id="openBatchTasks"
            )
        return result

    @operation
    def assign(
        self,
        project_id: str,
        task_id: str,
        assignee_username: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[OpenTask]:
        """Assign a task to a member of its project (see `projects.get_members`):
        `assign("6226...", "63b7...", "member@example.com")`.
        """
        given = {"projectId": project_id, "taskId": task_id, "assigneeUsername": assignee_username}
        return (yield from open_api.open_assign_task(body_of(OpenTaskAssignRequest, given)))

    @operation
    def unassign(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[OpenTask]:
        """Remove a task's assignee: `unassign("6226...", "63b7...")`."""
        given = {"projectId": project_id, "taskId": task_id}
        return (yield from open_api.open_unassign_task(body_of(OpenTaskUnassignRequest, given)))

    @operation
    def get_completed(
        self,
        project_ids: Iterable[str] | None = None,
        *,
        start: InstantLike | None = None,
        end: InstantLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenTask]]:
        """Up to 200 tasks completed between `start` and `end` (inclusive):
        `get_completed(["69a850f4..."], start=date(2026, 3, 1),
        end="2026-03-05T10:58:20.000+0000")`.
        """
        given = {
            "projectIds": id_list(project_ids),
            "startDate": _maybe_instant(start),
            "endDate": _maybe_instant(end),
        }
        call = open_api.open_list_completed_tasks(body_of(OpenCompletedTasksRequest, given))
        return list((yield from call))

    @operation
    def filter(
        self,
        project_ids: Iterable[str] | None = None,
        *,
        start: InstantLike | None = None,
        end: InstantLike | None = None,
        priority: Iterable[int] | None = None,
        tags: Iterable[str] | None = None,
        kinds: Iterable[str] | None = None,
        status: Iterable[int] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenTask]]:
        """Up to 200 tasks matching every filter given (tasks carrying all `tags`):
        `filter(["69a8..."], start=date(2026, 3, 1), priority=[0, 5], tags=["urgent"],
        kinds=["TEXT"], status=[0])`.
        """
        given = {
            "projectIds": id_list(project_ids),
            "startDate": _maybe_instant(start),
            "endDate": _maybe_instant(end),
            "priority": None if priority is None else list(priority),
            "tag": None if tags is None else list(tags),
            "kind": None if kinds is None else list(kinds),
            "status": None if status is None else list(status),
        }
        return list((yield from open_api.open_filter_tasks(body_of(OpenTaskFilterRequest, given))))

    @operation
    def get_undone(
        self,
        start: InstantLike,
        end: InstantLike,
        *,
        project_ids: Iterable[str] | None = None,
        task_ids: Iterable[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenTask]]:
        """Undone tasks in a window of at most 14 days (`"inbox"` names the inbox):
        `get_undone(date(2026, 7, 1), "2026-07-14T23:59:59+0000", project_ids=["inbox"])`.
        """
        given = {
            "projectIds": id_list(project_ids),
            "taskIds": id_list(task_ids),
            "startDate": instant(start),
            "endDate": instant(end),
        }
        call = open_api.open_list_undone_tasks(body_of(OpenUndoneTasksRequest, given))
        return list((yield from call))

    @operation
    def search(
        self,
        keywords: str | None = None,
        *,
        project_ids: Iterable[str] | None = None,
        tags: Iterable[str] | None = None,
        status: Iterable[int] | None = None,
        due_from: InstantLike | None = None,
        due_to: InstantLike | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenTask]]:
        """Tasks by keywords and filters: `search("quarterly report", tags=["work"],
        status=[0], due_from=date(2026, 7, 1), due_to=date(2026, 7, 31))`.
        """
        given = {
            "keywords": keywords,
            "projectIds": id_list(project_ids),
            "tags": None if tags is None else list(tags),
            "status": None if status is None else list(status),
            "dueFrom": _maybe_instant(due_from),
            "dueTo": _maybe_instant(due_to),
        }
        return list((yield from open_api.open_search_tasks(body_of(OpenTaskSearchRequest, given))))


AsyncOpenTasksManager = OpenTasksManager
"""The same class: `AsyncOpenClient.tasks` is an `OpenTasksManager[Awaiting]`."""
