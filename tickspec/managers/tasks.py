"""`client.tasks`: tasks and their checklist items, named as ticktick-sdk users expect.

    task = client.tasks.create("Buy milk", due_date=date(2026, 3, 1), priority=3)
    client.tasks.pin(task.id)
    client.tasks.complete(task.id)          # a recurring task moves to its next occurrence
    client.tasks.update_fields(task.id, title="Buy oat milk")
    for done in client.tasks.iter_completed(from_=date(2026, 1, 1)):
        ...

Every method returns the task as the local state now holds it (with its new
etag). The reads live in `_task_reads.py`, the checklist edits in
`_task_items.py`, the other writes here; each operation is one flow that
`operation` runs blocking, awaited or raw, by the manager's mode.

All writes go through `POST /api/v2/batch/task` as the web app sends them
(seed 002): whole task objects with their current etag in `update`, new ones
with a client id in `add`, `{taskId, projectId}` pairs in `delete`. The local
state is written through after each answer. Moves and parent changes are
computed by the server (sort orders, child lists), so after them the affected
tasks are read back instead of guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tasks as tasks_api
from tickspec_generated.fields import TaskCreateFields, TaskUpdateFields
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_move_request import TaskMove
from tickspec_generated.models.task_parent_request import TaskParentChange

from tickspec import wire
from tickspec.errors import NotFoundError
from tickspec.workflows import tasks as wf
from tickspec.workflows.drafts import SORT_STEP, DateLike, new_task

from ._base import to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation
from ._task_items import BATCH, TaskItems
from ._task_reads import PAGE_SIZE

__all__ = ["PAGE_SIZE", "AsyncTasksManager", "TasksManager"]

TaskRef = Mapping[str, Any] | Task | str


class TasksManager(TaskItems[ModeT]):
    """Task operations; `Client.tasks` runs them blocking, `AsyncClient.tasks` awaited."""

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

    @operation
    def batch_create(
        self, tasks: Iterable[Task | Mapping[str, Any]], **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Create many tasks in one request; each a `Task` or a wire/attribute mapping.

        Each needs an `id` (24 hex, `client.new_id()`) and a `projectId`; they are
        returned as the local state now holds them, new etags included.

            client.tasks.batch_create([{"id": client.new_id(), "projectId": pid, "title": "a"}])
        """
        now = self._now()
        drafts = []
        for index, task in enumerate(tasks):  # an id, project (inbox) and times filled in
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

    @operation
    def update(
        self, task: Task | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Save a whole task (as loaded, with its etag); fields it carries are kept."""
        return (yield from self._save(wf.patch(wire_of(task), self._now())))

    @operation
    def batch_update(
        self, tasks: Iterable[Task | Mapping[str, Any]], **options: Unpack[RequestOptions]
    ) -> Flow[list[Task]]:
        """Write many whole tasks back in one request (each with its current etag).

        For example:

            tasks = client.tasks.get_by_project(pid)
            client.tasks.batch_update([t.model_copy(update={"priority": 5}) for t in tasks])
        """
        now = self._now()
        bodies = [wf.patch(wire_of(task), now) for task in tasks]
        yield from self._write_batch(BATCH, update=bodies)
        return [self._stored("tasks", body["id"], Task) for body in bodies]

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
        fresh = yield from self._get(task_id, project_id)  # the freshest etag and fields
        merged = wf.patch(wire_of(fresh), self._now(), **to_wire_fields(Task, fields))
        return (yield from self._save(merged))

    @operation
    def complete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Complete; a recurring task records the occurrence and moves to the next one."""
        return (yield from self._close(task_id, project_id, wf.COMPLETED))

    @operation
    def wont_do(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Mark won't do (status -1); recurring tasks advance as on completion."""
        return (yield from self._close(task_id, project_id, wf.WONT_DO))

    @operation
    def uncomplete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Reopen a completed or won't-do task (status back to 0).

        For example:

            client.tasks.uncomplete(task.id)
        """
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.reopen_task(current, now=self._now())))

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
        move = wire.parse(
            TaskMove,
            {"taskId": task_id, "fromProjectId": from_project_id, "toProjectId": to_project_id},
        )
        current = yield from self._current(task_id, from_project_id)
        moved = {**current, "projectId": to_project_id}
        call = tasks_api.batch_task_project([move])
        yield from self._batch("tasks", call, sent=[moved], operation_id="batchTaskProject")
        return (yield from self._get(task_id, to_project_id))

    @operation
    def set_parent(
        self,
        task_id: str,
        project_id: str,
        parent_id: str | None,
        **options: Unpack[RequestOptions],
    ) -> Flow[Task]:
        """Make the task a subtask of `parent_id` (None detaches it)."""
        current = yield from self._current(task_id, project_id)
        old_parent = current.get("parentId")
        change: dict[str, Any] = {"taskId": task_id, "projectId": project_id}
        if parent_id is not None:
            change["parentId"] = parent_id
        if old_parent and old_parent != parent_id:
            change["oldParentId"] = old_parent
        call = tasks_api.batch_task_parent([wire.parse(TaskParentChange, change)])
        yield from self._batch("tasks", call, sent=[], operation_id="batchTaskParent")
        for other in {parent_id, old_parent} - {None}:  # both sides changed on the server
            yield from self._get(str(other), project_id)
        return (yield from self._get(task_id, project_id))

    @operation
    def delete(
        self, task_id: str, project_id: str | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Move a task to the trash."""
        ref = {"taskId": task_id, "projectId": project_id} if project_id else task_id
        yield from self._delete([ref])

    @operation
    def batch_delete(
        self, refs: Iterable[TaskRef], **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Delete many: `{"taskId", "projectId"}` dicts, tasks, or ids of local tasks."""
        yield from self._delete(refs)

    # -- the flows several writes share ---------------------------------------------------

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

    def _pin(self, task_id: str, project_id: str | None, pinned: bool) -> Flow[Task]:
        pinned_time = self._now() if pinned else None
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.patch(current, self._now(), pinnedTime=pinned_time)))

    def _delete(self, refs: Iterable[TaskRef]) -> Flow[None]:
        delete = []
        for ref in refs:
            if isinstance(ref, str) and ref not in self._state.tasks:
                yield from self._get(ref)  # the delete entry needs the task's project
            delete.append(_delete_ref(ref, self._state.tasks))
        yield from self._write_batch(BATCH, delete=delete)


def _delete_ref(ref: TaskRef, state_tasks: Mapping[str, Task]) -> dict[str, Any]:
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


AsyncTasksManager = TasksManager
"""The same class: `AsyncClient.tasks` is a `TasksManager[Awaiting]`."""
