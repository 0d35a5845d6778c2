"""`client.tasks`: tasks and their checklist items, named as ticktick-sdk users expect.

    task = client.tasks.create("Buy milk", due_date=date(2026, 3, 1), priority=3)
    client.tasks.pin(task.id)
    client.tasks.complete(task.id)          # a recurring task moves to its next occurrence
    client.tasks.update_fields(task.id, title="Buy oat milk")
    for done in client.tasks.iter_completed(from_=date(2026, 1, 1)):
        ...

Every method returns the task as the local state now holds it (with its new
etag). The helpers live in `TaskFlows`; each operation below is one flow that
`operation` runs blocking, awaited or raw, by the manager's mode.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tasks as tasks_api
from tickspec_generated.fields import TaskUpdateFields
from tickspec_generated.models.task import Task

from tickspec.workflows.drafts import DateLike
from tickspec.workflows.tasks import COMPLETED, WONT_DO

from ._flow import Flow, ModeT, Page, operation, paginated
from ._tasks import TaskFlows, _query_time, _window_page

__all__ = ["AsyncTasksManager", "TasksManager"]

PAGE_SIZE = 50
"""Items per request of the `iter_*` listings (the server's default limit)."""
TaskRef = Mapping[str, Any] | Task | str


class TasksManager(TaskFlows[ModeT]):
    """Task operations; `Client.tasks` runs them blocking, `AsyncClient.tasks` awaited."""

    @operation
    def get(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Read one task from the server (and refresh the local copy)."""
        return (yield from self._get(task_id, project_id))

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Task]]:
        """Every open task, after a sync."""
        return (yield from self._get_all())

    @operation
    def get_by_project(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Every open task of one project (list), read from the server.

        For example:

            for task in client.tasks.get_by_project(project.id): print(task.title)
        """
        return (yield from self._get_by_project(project_id))

    @operation
    def get_trash(
        self,
        *,
        start: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[Task]]:
        """One page of deleted tasks; `iter_trash` walks them all."""
        return (yield from self._get_trash(start, limit))

    @operation
    def get_closed(
        self,
        *,
        from_: DateLike | None = None,
        to: DateLike | None = None,
        status: Literal["Completed", "Abandoned"] | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[Task]]:
        """Completed and won't-do tasks of every project (or those of one `status`)."""
        call = tasks_api.get_closed_projects(
            from_=_query_time(from_), to=_query_time(to), status=status, limit=limit
        )
        return list((yield from call))

    @paginated
    def iter_completed(
        self,
        project_id: str | None = None,
        *,
        from_: DateLike | None = None,
        to: DateLike | None = None,
        page_size: int = PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> Flow[Page[Task]]:
        """Every completed task in the window, newest first, one request per `page_size`."""
        since = _query_time(from_)

        def fetch(until: str | None, limit: int) -> Flow[list[Task]]:
            return self._completed(project_id, since, until, limit)

        return (yield from _window_page(fetch, _query_time(to), page_size, page_size, set()))

    @paginated
    def iter_closed(
        self,
        *,
        from_: DateLike | None = None,
        to: DateLike | None = None,
        status: Literal["Completed", "Abandoned"] | None = None,
        page_size: int = PAGE_SIZE,
        **options: Unpack[RequestOptions],
    ) -> Flow[Page[Task]]:
        """Every closed task in the window (see `get_closed`), newest first."""
        since = _query_time(from_)

        def fetch(until: str | None, limit: int) -> Flow[list[Task]]:
            call = tasks_api.get_closed_projects(from_=since, to=until, status=status, limit=limit)
            return list((yield from call))

        return (yield from _window_page(fetch, _query_time(to), page_size, page_size, set()))

    @paginated
    def iter_trash(
        self, *, page_size: int = PAGE_SIZE, **options: Unpack[RequestOptions]
    ) -> Flow[Page[Task]]:
        """Every deleted task, most recently deleted first, walking `start`/`limit`."""
        return (yield from self._trash_page(0, page_size))

    def _trash_page(self, start: int, limit: int) -> Flow[Page[Task]]:
        page = yield from tasks_api.get_trash(start=start, limit=limit)
        following = page.next
        if len(page.tasks) < limit or following is None or following <= start:
            return Page(list(page.tasks))

        def next_page() -> Flow[Page[Task]]:
            return self._trash_page(following, limit)

        return Page(list(page.tasks), next_page)

    @operation
    def update(
        self, task: Task | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Save a whole task (as loaded, with its etag); fields it carries are kept."""
        return (yield from self._update(task))

    @operation
    def update_fields(
        self, /, task_id: str, project_id: str | None = None, **fields: Unpack[TaskUpdateFields]
    ) -> Flow[Task]:
        """Fetch the task, set `fields` (snake_case or wire names), save it whole.

        `fields` are `Task` attributes (`TaskUpdateFields`); a misspelt name
        raises `TypeError` (with the nearest name) before anything is sent.
        Values: datetimes become wire text (a naive one is read as UTC; pass an
        aware one for local times), dates `YYYYMMDD` stamps; reminders and
        RRULEs as in `create`.

        For example:

            client.tasks.update_fields(task.id, title="Pay rent", priority=3,
                                       due_date=datetime(2026, 3, 1, 9, tzinfo=UTC))
        """
        return (yield from self._update_fields(task_id, project_id, fields))

    @operation
    def complete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Complete; a recurring task records the occurrence and moves to the next one."""
        return (yield from self._close(task_id, project_id, COMPLETED))

    @operation
    def wont_do(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Mark won't do (status -1); recurring tasks advance as on completion."""
        return (yield from self._close(task_id, project_id, WONT_DO))

    @operation
    def uncomplete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Reopen a completed or won't-do task (status back to 0).

        For example:

            client.tasks.uncomplete(task.id)
        """
        return (yield from self._uncomplete(task_id, project_id))

    @operation
    def pin(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Pin a task to the top of its list (`pinnedTime` set now, UTC).

        For example:

            client.tasks.pin(task.id)
        """
        return (yield from self._pin(task_id, project_id, True))

    @operation
    def unpin(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Unpin a task (`pinnedTime` cleared).

        For example:

            client.tasks.unpin(task.id)
        """
        return (yield from self._pin(task_id, project_id, False))

    @operation
    def move(
        self,
        task_id: str,
        from_project_id: str,
        to_project_id: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Move a task from one project to another; returns it as it is now stored.

        For example:

            client.tasks.move(task.id, task.project_id, other.id)
        """
        return (yield from self._move(task_id, from_project_id, to_project_id))

    @operation
    def set_parent(
        self,
        task_id: str,
        project_id: str,
        parent_id: str | None,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Make the task a subtask of `parent_id` (None detaches it)."""
        return (yield from self._set_parent(task_id, project_id, parent_id))

    @operation
    def add_subtask(
        self, task_id: str, project_id: str | None, title: str, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Append a checklist item."""
        return (yield from self._add_subtask(task_id, project_id, title))

    @operation
    def complete_subtask(
        self,
        task_id: str,
        project_id: str | None,
        subtask_id: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Check one checklist item (`subtask_id`) of a task; `project_id` may be None.

        For example:

            client.tasks.complete_subtask(task.id, None, task.items[0].id)
        """
        return (yield from self._check_subtask(task_id, project_id, subtask_id, True))

    @operation
    def uncomplete_subtask(
        self,
        task_id: str,
        project_id: str | None,
        subtask_id: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Uncheck one checklist item (`subtask_id`) of a task.

        For example:

            client.tasks.uncomplete_subtask(task.id, None, item_id)
        """
        return (yield from self._check_subtask(task_id, project_id, subtask_id, False))

    @operation
    def remove_subtask(
        self,
        task_id: str,
        project_id: str | None,
        subtask_id: str,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Remove one checklist item (`subtask_id`) from a task.

        For example:

            client.tasks.remove_subtask(task.id, None, item_id)
        """
        return (yield from self._remove_subtask(task_id, project_id, subtask_id))

    @operation
    def delete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Move a task to the trash."""
        ref = {"taskId": task_id, "projectId": project_id} if project_id else task_id
        yield from self._delete([ref])

    @operation
    def batch_create(
        self, tasks: Iterable[Task | Mapping[str, Any]], **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Create many tasks in one request; each a `Task` or a wire/attribute mapping.

        Each needs an `id` (24 hex, `client.new_id()`) and a `projectId`; they are
        returned as the local state now holds them, new etags included.

            client.tasks.batch_create([{"id": client.new_id(), "projectId": pid, "title": "a"}])
        """
        return (yield from self._batch_create(tasks))

    @operation
    def batch_update(
        self, tasks: Iterable[Task | Mapping[str, Any]], **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Write many whole tasks back in one request (each with its current etag).

        For example:

            tasks = client.tasks.get_by_project(pid)
            client.tasks.batch_update([t.model_copy(update={"priority": 5}) for t in tasks])
        """
        return (yield from self._batch_update(tasks))

    @operation
    def batch_delete(
        self, refs: Iterable[TaskRef], **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Delete many: `{"taskId", "projectId"}` dicts, tasks, or ids of local tasks."""
        yield from self._delete(refs)


AsyncTasksManager = TasksManager
"""The same class: `AsyncClient.tasks` is a `TasksManager[Awaiting]`."""
