"""Task flows: every task operation, written once for both clients.

All writes go through `POST /api/v2/batch/task` as the web app sends them
(seed 002): whole task objects with their current etag in `update`, new ones
with a client id in `add`, `{taskId, projectId}` pairs in `delete`. The local
state is written through after each answer. Moves and parent changes are
computed by the server (sort orders, child lists), so after them the affected
tasks are read back instead of guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tasks as tasks_api
from tickspec_generated.fields import TaskCreateFields
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest
from tickspec_generated.models.task_move_request import TaskMove
from tickspec_generated.models.task_parent_request import TaskParentChange

from tickspec import wire
from tickspec.errors import NotFoundError
from tickspec.workflows import tasks as wf
from tickspec.workflows.drafts import SORT_STEP, DateLike, new_task
from tickspec.workflows.times import parse_ts

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, Page, operation

QUERY_TIME = "%Y-%m-%d %H:%M:%S"
"""How the web app writes the bounds of a completed-tasks window (UTC)."""

BATCH = BatchEndpoint(
    "tasks",
    tasks_api.batch_task,
    "batchTask",
    TaskBatchRequest,
    ("add", "update", "delete", "addAttachments", "updateAttachments", "deleteAttachments"),
    delete_key="taskId",
)
"""The web app's task batch body: all six arrays present, attachments empty."""


def _delete_ref(
    ref: Mapping[str, Any] | Task | str, state_tasks: Mapping[str, Task]
) -> dict[str, Any]:
    if isinstance(ref, str):
        task = state_tasks.get(ref)
        if task is None:
            raise NotFoundError(f"task {ref} is not in the local state; pass {{taskId, projectId}}")
        return {"taskId": ref, "projectId": task.project_id}
    if isinstance(ref, Task):
        return {"taskId": ref.id, "projectId": ref.project_id}
    if "taskId" in ref:
        return dict(ref)
    return {"taskId": ref["id"], "projectId": ref["projectId"]}


class TaskFlows(ManagerBase[ModeT]):
    """The flows behind `TasksManager`'s operations."""

    # -- reading ---------------------------------------------------------------------

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

    def _get_all(self) -> Flow[list[Task]]:
        """Open tasks, as the sync lists them (closed ones stay in the state, not here)."""
        yield from self._sync()
        return [task for task in self._state.tasks.values() if task.status in (None, wf.OPEN)]

    def _get_by_project(self, project_id: str) -> Flow[list[Task]]:
        tasks = yield from self._get_all()
        return [task for task in tasks if task.project_id == project_id]

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

    def _get_trash(self, start: int | None, limit: int | None) -> Flow[list[Task]]:
        page = yield from tasks_api.get_trash(start=start, limit=limit)
        return list(page.tasks)

    # -- writing ---------------------------------------------------------------------

    def _save(self, task: dict[str, Any]) -> Flow[Task]:
        yield from self._write_batch(BATCH, update=[task])
        return self._stored("tasks", task["id"], Task)

    def _inbox(self) -> Flow[str]:
        if self._state.inbox_id is None:
            yield from self._sync()
        if self._state.inbox_id is None:
            raise NotFoundError("the account's inbox id is unknown (sync answered none)")
        return self._state.inbox_id

    def _next_sort_order(self, project_id: str, offset: int = 0) -> int:
        """Above every task of the project, as the web app places new tasks."""
        orders = [
            t.sort_order
            for t in self._state.tasks.values()
            if t.project_id == project_id and t.sort_order is not None
        ]
        return min([0, *orders]) - SORT_STEP * (offset + 1)

    @operation
    def create(
        self,
        /,
        title: str,
        *,
        project_id: str | None = None,
        content: str | None = None,
        priority: Literal[0, 1, 3, 5] = 0,
        tags: Sequence[str] = (),
        start_date: DateLike | None = None,
        due_date: DateLike | None = None,
        is_all_day: bool | None = None,
        time_zone: str | None = None,
        items: Sequence[str | Mapping[str, Any]] = (),
        reminders: Sequence[str] = (),
        repeat_flag: str | None = None,
        repeat_from: Literal["0", "1", "2"] | None = None,
        **fields: Unpack[TaskCreateFields],
    ) -> Flow[Task]:
        """Create a task (in the inbox unless `project_id`); returns it as stored.

        Formats:

        - `start_date` / `due_date`: a `datetime` (aware: that instant; naive: a
          wall time in `time_zone`, default the client's `timezone`, UTC), a
          `date` (an all-day task), or wire text `2026-03-01T09:00:00.000+0000`.
        - `priority`: 0 none, 1 low, 3 medium, 5 high.
        - `reminders`: iCalendar triggers relative to the due time,
          `TRIGGER:PT0S` (at due time), `TRIGGER:-PT15M` (15 minutes before),
          `TRIGGER:P0DT9H0M0S` (09:00 on an all-day task's day).
        - `repeat_flag`: an RRULE, `RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH`
          (`COUNT=`, `UNTIL=20261231` allowed); `repeat_from` the basis of the
          next occurrence: "0" due date (default), "1" start date, "2" completion date.
        - `items`: checklist items, titles or `{"title": ..., "status": 0}`.
        - `fields`: any other `Task` attribute (`TaskCreateFields`; a misspelt
          name raises `TypeError` before anything is sent).

        For example:

            task = client.tasks.create(
                "Pay rent", due_date=date(2026, 3, 1), priority=5,
                reminders=["TRIGGER:P0DT9H0M0S"], repeat_flag="RRULE:FREQ=MONTHLY;INTERVAL=1",
            )
        """
        project_id = project_id or (yield from self._inbox())
        draft = new_task(
            title,
            project_id=project_id,
            now=self._now(),
            time_zone=str(time_zone or self._timezone),
            sort_order=self._next_sort_order(project_id),
            new_id=self._new_id,
            content=content,
            priority=priority,
            tags=tags,
            start_date=start_date,
            due_date=due_date,
            is_all_day=is_all_day,
            items=[i if isinstance(i, str) else wire_of(i) for i in items],
            reminders=reminders,
            repeat_flag=repeat_flag,
            repeat_from=repeat_from,
        )
        draft.update(to_wire_fields(Task, fields))
        yield from self._write_batch(BATCH, add=[draft])
        return self._stored("tasks", draft["id"], Task)

    def _batch_create(self, tasks: Iterable[Task | Mapping[str, Any]]) -> Flow[list[Task]]:
        """Whole tasks as given, with an id, project (inbox) and timestamps filled in."""
        now = self._now()
        drafts = []
        for index, task in enumerate(tasks):
            body = wire_of(task)
            if not body.get("projectId"):
                body["projectId"] = yield from self._inbox()
            body.setdefault("id", self._new_id())
            body.setdefault("sortOrder", self._next_sort_order(body["projectId"], index))
            body.setdefault("createdTime", now)
            body.setdefault("modifiedTime", now)
            drafts.append(body)
        yield from self._write_batch(BATCH, add=drafts)
        return [self._stored("tasks", body["id"], Task) for body in drafts]

    def _update(self, task: Task | Mapping[str, Any]) -> Flow[Task]:
        return (yield from self._save(wf.patch(wire_of(task), self._now())))

    def _batch_update(self, tasks: Iterable[Task | Mapping[str, Any]]) -> Flow[list[Task]]:
        now = self._now()
        bodies = [wf.patch(wire_of(task), now) for task in tasks]
        yield from self._write_batch(BATCH, update=bodies)
        return [self._stored("tasks", body["id"], Task) for body in bodies]

    def _update_fields(
        self, task_id: str, project_id: str | None, fields: Mapping[str, Any]
    ) -> Flow[Task]:
        """Fetch (for the freshest etag and fields), merge, save the whole task."""
        fresh = yield from self._get(task_id, project_id)
        merged = wf.patch(wire_of(fresh), self._now(), **to_wire_fields(Task, fields))
        return (yield from self._save(merged))

    def _close(self, task_id: str, project_id: str | None, status: int) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        closing = wf.close_task(
            current,
            status=status,
            now=self._now(),
            user_id=self._user_id,
            new_id=self._new_id,
            default_tz=self._timezone,
        )
        yield from self._write_batch(BATCH, add=closing.add, update=closing.update)
        return self._stored("tasks", task_id, Task)

    def _uncomplete(self, task_id: str, project_id: str | None) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.reopen_task(current, now=self._now())))

    def _set(self, task_id: str, project_id: str | None, **changes: Any) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.patch(current, self._now(), **changes)))

    def _pin(self, task_id: str, project_id: str | None, pinned: bool) -> Flow[Task]:
        return (
            yield from self._set(task_id, project_id, pinnedTime=self._now() if pinned else None)
        )

    def _delete(self, refs: Iterable[Mapping[str, Any] | Task | str]) -> Flow[None]:
        delete = []
        for ref in refs:
            if isinstance(ref, str) and ref not in self._state.tasks:
                yield from self._get(ref)  # the delete entry needs the task's project
            delete.append(_delete_ref(ref, self._state.tasks))
        yield from self._write_batch(BATCH, delete=delete)

    def _move(self, task_id: str, from_project_id: str, to_project_id: str) -> Flow[Task]:
        move = wire.parse(
            TaskMove,
            {"taskId": task_id, "fromProjectId": from_project_id, "toProjectId": to_project_id},
        )
        current = yield from self._current(task_id, from_project_id)
        moved = {**current, "projectId": to_project_id}
        call = tasks_api.batch_task_project([move])
        yield from self._batch("tasks", call, sent=[moved], operation_id="batchTaskProject")
        return (yield from self._get(task_id, to_project_id))

    def _set_parent(self, task_id: str, project_id: str, parent_id: str | None) -> Flow[Task]:
        """Make `task_id` a subtask of `parent_id` (None: detach), then re-read both sides."""
        current = yield from self._current(task_id, project_id)
        old_parent = current.get("parentId")
        change: dict[str, Any] = {"taskId": task_id, "projectId": project_id}
        if parent_id is not None:
            change["parentId"] = parent_id
        if old_parent and old_parent != parent_id:
            change["oldParentId"] = old_parent
        call = tasks_api.batch_task_parent([wire.parse(TaskParentChange, change)])
        yield from self._batch("tasks", call, sent=[], operation_id="batchTaskParent")
        for other in {parent_id, old_parent} - {None}:
            yield from self._get(str(other), project_id)
        return (yield from self._get(task_id, project_id))

    # -- checklist items (subtasks) ----------------------------------------------------

    def _add_subtask(self, task_id: str, project_id: str | None, title: str) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        updated = wf.add_item(current, title=title, item_id=self._new_id(), now=self._now())
        return (yield from self._save(updated))

    def _check_subtask(
        self, task_id: str, project_id: str | None, item_id: str, checked: bool
    ) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        updated = wf.set_item_status(current, item_id, checked=checked, now=self._now())
        return (yield from self._save(updated))

    def _remove_subtask(self, task_id: str, project_id: str | None, item_id: str) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.without_item(current, item_id, now=self._now())))


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
