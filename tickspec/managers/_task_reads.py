"""The read side of `client.tasks`: one task, the open ones, and the closed-task listings.

Open tasks come from the sync answer (the local state); closed and deleted ones
are not part of it and are read page by page from their listings. The writes
(`tickspec.managers.tasks`) build on `_get` and `_current` here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tasks as tasks_api
from tickspec_generated.models.task import Task

from tickspec.workflows import tasks as wf
from tickspec.workflows.drafts import DateLike
from tickspec.workflows.times import parse_ts

from ._base import ManagerBase, wire_of
from ._flow import Flow, ModeT, Page, operation, paginated

PAGE_SIZE = 50
"""Items per request of the `iter_*` listings (the server's default limit)."""
QUERY_TIME = "%Y-%m-%d %H:%M:%S"
"""How the web app writes the bounds of a completed-tasks window (UTC)."""


class TaskReads(ManagerBase[ModeT]):
    """Task reads; `TasksManager` adds the writes."""

    def _get(self, task_id: str, project_id: str | None = None) -> Flow[Task]:
        task = yield from tasks_api.get_task(task_id, project_id=project_id)
        self._state.upsert("tasks", [task])
        return self._stored("tasks", task_id, Task)

    def _current(self, task_id: str, project_id: str | None) -> Flow[dict[str, Any]]:
        """The task as a wire dict: the local copy (its etag is current) or a fetch."""
        task = self._state.tasks.get(task_id)
        if task is None:
            task = yield from self._get(task_id, project_id)
        return wire_of(task)

    def _open_tasks(self) -> Flow[list[Task]]:
        """Open tasks, as the sync lists them (closed ones stay in the state, not here)."""
        yield from self._sync()
        return [task for task in self._state.tasks.values() if task.status in (None, wf.OPEN)]

    @operation
    def get(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Read one task from the server (and refresh the local copy)."""
        return (yield from self._get(task_id, project_id))

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Task]]:
        """Every open task, after a sync."""
        return (yield from self._open_tasks())

    @operation
    def get_by_project(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Every open task of one project (list), read from the server.

        For example:

            for task in client.tasks.get_by_project(project.id): print(task.title)
        """
        tasks = yield from self._open_tasks()
        return [task for task in tasks if task.project_id == project_id]

    @operation
    def get_trash(
        self,
        *,
        start: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[Task]]:
        """One page of deleted tasks; `iter_trash` walks them all."""
        page = yield from tasks_api.get_trash(start=start, limit=limit)
        return list(page.tasks)

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

    @operation
    def get_completed(
        self,
        project_id: str | None = None,
        *,
        from_: DateLike | None = None,
        to: DateLike | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[Task]]:
        """Completed tasks of one project, or of all projects when `project_id` is None.

        At most `limit` (the server's default: 50), newest first, completed
        inside the `from_`/`to` window; `iter_completed` walks every page.
        """
        return (yield from self._completed(project_id, _query_time(from_), _query_time(to), limit))

    def _completed(
        self, project_id: str | None, since: str | None, until: str | None, limit: int | None
    ) -> Flow[list[Task]]:
        if project_id is None:
            call = tasks_api.get_all_completed(from_=since, to=until, limit=limit)
        else:
            call = tasks_api.get_completed_in_project(
                project_id, from_=since, to=until, limit=limit
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


def _window_page(
    fetch: Callable[[str | None, int], Flow[list[Task]]],
    until: str | None,
    limit: int,
    page_size: int,
    seen: set[str],
) -> Flow[Page[Task]]:
    """One page of a completed/closed listing (newest first), and the flow of the next.

    The listing only takes a window end (`to`, whole seconds) and a `limit`, so
    the next page asks for what is not newer than the oldest task of this one.
    Every task newer than that second was on this page; tasks of that very
    second may have been cut off, so the next window ends one second after it
    (right whether the server's bound is inclusive or exclusive) and tasks seen
    before are dropped. A page of only those (more tasks in one second than a
    page holds, or a window end that did not move) asks again with twice the
    limit, so the walk always advances.
    """
    tasks = yield from fetch(until, limit)
    fresh = [task for task in tasks if task.id not in seen]
    seen.update(task.id for task in fresh)
    stamps = [t.completed_time or t.modified_time for t in tasks]
    times = [parse_ts(str(stamp)) for stamp in stamps if stamp]
    if len(tasks) < limit or not times:
        return Page(fresh)
    end = (min(times).astimezone(UTC).replace(microsecond=0) + timedelta(seconds=1)).strftime(
        QUERY_TIME
    )
    # the window end did not move (or nothing new came): only a bigger page advances
    bound, size = (end, page_size) if fresh and end != until else (until, limit * 2)

    def next_page() -> Flow[Page[Task]]:
        return _window_page(fetch, bound, size, page_size, seen)

    return Page(fresh, next_page)


def _query_time(value: DateLike | None) -> str | None:
    """The completed-tasks window bound as the web app writes it: `2026-01-17 00:00:00`."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.strftime(QUERY_TIME)
    return value.strftime("%Y-%m-%d 00:00:00")
