"""`client.tasks`: tasks and their checklist items, named as ticktick-sdk users expect.

    task = client.tasks.create("Buy milk", due_date=date(2026, 3, 1), priority=3)
    client.tasks.pin(task.id)
    client.tasks.complete(task.id)          # a recurring task moves to its next occurrence
    client.tasks.update_fields(task.id, title="Buy oat milk")

Every method returns the task as the local state now holds it (with its new
etag). The logic lives in `TaskFlows`; these classes only drive it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from tickspec_generated.models.task import Task

from tickspec.workflows.tasks import COMPLETED, WONT_DO

from ._flow import arun, awaiting, blocking, run
from ._tasks import TaskFlows

__all__ = ["AsyncTasksManager", "TasksManager"]


class TasksManager(TaskFlows):
    """Task operations over a blocking `Client`."""

    create = blocking(TaskFlows._create)

    def get(self, task_id: str, project_id: str | None = None) -> Task:
        """Read one task from the server (and refresh the local copy)."""
        return run(self._client, self._get(task_id, project_id))

    def get_all(self) -> list[Task]:
        """Every open task, after a sync."""
        return run(self._client, self._get_all())

    def get_by_project(self, project_id: str) -> list[Task]:
        return run(self._client, self._get_by_project(project_id))

    get_completed = blocking(TaskFlows._get_completed)

    def get_trash(self, *, start: int | None = None, limit: int | None = None) -> list[Task]:
        return run(self._client, self._get_trash(start, limit))

    def update(self, task: Task | Mapping[str, Any]) -> Task:
        """Save a whole task (as loaded, with its etag); fields it carries are kept."""
        return run(self._client, self._update(task))

    def update_fields(self, task_id: str, project_id: str | None = None, **fields: Any) -> Task:
        """Fetch the task, set `fields` (snake_case or wire names), save it whole."""
        return run(self._client, self._update_fields(task_id, project_id, fields))

    def complete(self, task_id: str, project_id: str | None = None) -> Task:
        """Complete; a recurring task records the occurrence and moves to the next one."""
        return run(self._client, self._close(task_id, project_id, COMPLETED))

    def wont_do(self, task_id: str, project_id: str | None = None) -> Task:
        """Mark won't do (status -1); recurring tasks advance as on completion."""
        return run(self._client, self._close(task_id, project_id, WONT_DO))

    def uncomplete(self, task_id: str, project_id: str | None = None) -> Task:
        return run(self._client, self._uncomplete(task_id, project_id))

    def pin(self, task_id: str, project_id: str | None = None) -> Task:
        return run(self._client, self._pin(task_id, project_id, True))

    def unpin(self, task_id: str, project_id: str | None = None) -> Task:
        return run(self._client, self._pin(task_id, project_id, False))

    def move(self, task_id: str, from_project_id: str, to_project_id: str) -> Task:
        return run(self._client, self._move(task_id, from_project_id, to_project_id))

    def set_parent(self, task_id: str, project_id: str, parent_id: str | None) -> Task:
        """Make the task a subtask of `parent_id` (None detaches it)."""
        return run(self._client, self._set_parent(task_id, project_id, parent_id))

    def add_subtask(self, task_id: str, project_id: str | None, title: str) -> Task:
        """Append a checklist item."""
        return run(self._client, self._add_subtask(task_id, project_id, title))

    def complete_subtask(self, task_id: str, project_id: str | None, subtask_id: str) -> Task:
        return run(self._client, self._check_subtask(task_id, project_id, subtask_id, True))

    def uncomplete_subtask(self, task_id: str, project_id: str | None, subtask_id: str) -> Task:
        return run(self._client, self._check_subtask(task_id, project_id, subtask_id, False))

    def remove_subtask(self, task_id: str, project_id: str | None, subtask_id: str) -> Task:
        return run(self._client, self._remove_subtask(task_id, project_id, subtask_id))

    def delete(self, task_id: str, project_id: str | None = None) -> None:
        """Move a task to the trash."""
        ref = {"taskId": task_id, "projectId": project_id} if project_id else task_id
        run(self._client, self._delete([ref]))

    def batch_create(self, tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
        return run(self._client, self._batch_create(tasks))

    def batch_update(self, tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
        return run(self._client, self._batch_update(tasks))

    def batch_delete(self, refs: Iterable[Mapping[str, Any] | Task | str]) -> None:
        """Delete many: `{"taskId", "projectId"}` dicts, tasks, or ids of local tasks."""
        run(self._client, self._delete(refs))


class AsyncTasksManager(TaskFlows):
    """Task operations over an `AsyncClient`; same methods, awaited."""

    create = awaiting(TaskFlows._create)

    async def get(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._get(task_id, project_id))

    async def get_all(self) -> list[Task]:
        return await arun(self._client, self._get_all())

    async def get_by_project(self, project_id: str) -> list[Task]:
        return await arun(self._client, self._get_by_project(project_id))

    get_completed = awaiting(TaskFlows._get_completed)

    async def get_trash(self, *, start: int | None = None, limit: int | None = None) -> list[Task]:
        return await arun(self._client, self._get_trash(start, limit))

    async def update(self, task: Task | Mapping[str, Any]) -> Task:
        return await arun(self._client, self._update(task))

    async def update_fields(
        self, task_id: str, project_id: str | None = None, **fields: Any
    ) -> Task:
        return await arun(self._client, self._update_fields(task_id, project_id, fields))

    async def complete(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._close(task_id, project_id, COMPLETED))

    async def wont_do(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._close(task_id, project_id, WONT_DO))

    async def uncomplete(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._uncomplete(task_id, project_id))

    async def pin(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._pin(task_id, project_id, True))

    async def unpin(self, task_id: str, project_id: str | None = None) -> Task:
        return await arun(self._client, self._pin(task_id, project_id, False))

    async def move(self, task_id: str, from_project_id: str, to_project_id: str) -> Task:
        return await arun(self._client, self._move(task_id, from_project_id, to_project_id))

    async def set_parent(self, task_id: str, project_id: str, parent_id: str | None) -> Task:
        return await arun(self._client, self._set_parent(task_id, project_id, parent_id))

    async def add_subtask(self, task_id: str, project_id: str | None, title: str) -> Task:
        return await arun(self._client, self._add_subtask(task_id, project_id, title))

    async def complete_subtask(self, task_id: str, project_id: str | None, subtask_id: str) -> Task:
        return await arun(self._client, self._check_subtask(task_id, project_id, subtask_id, True))

    async def uncomplete_subtask(
        self, task_id: str, project_id: str | None, subtask_id: str
    ) -> Task:
        return await arun(self._client, self._check_subtask(task_id, project_id, subtask_id, False))

    async def remove_subtask(self, task_id: str, project_id: str | None, subtask_id: str) -> Task:
        return await arun(self._client, self._remove_subtask(task_id, project_id, subtask_id))

    async def delete(self, task_id: str, project_id: str | None = None) -> None:
        ref = {"taskId": task_id, "projectId": project_id} if project_id else task_id
        await arun(self._client, self._delete([ref]))

    async def batch_create(self, tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
        return await arun(self._client, self._batch_create(tasks))

    async def batch_update(self, tasks: Iterable[Task | Mapping[str, Any]]) -> list[Task]:
        return await arun(self._client, self._batch_update(tasks))

    async def batch_delete(self, refs: Iterable[Mapping[str, Any] | Task | str]) -> None:
        await arun(self._client, self._delete(refs))
