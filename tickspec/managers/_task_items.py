"""Checklist items (`Task.items`, "subtasks" in ticktick-sdk): edits of one task.

An item has no endpoint of its own: each edit changes the task's `items` and
saves the whole task through the task batch (`BATCH`), as the web app does.
"""

from __future__ import annotations

from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import tasks as tasks_api
from tickspec_generated.models.task import Task
from tickspec_generated.models.task_batch_request import TaskBatchRequest

from tickspec.workflows import tasks as wf

from ._base import BatchEndpoint
from ._flow import Flow, ModeT, operation
from ._task_reads import TaskReads

BATCH = BatchEndpoint(
    "tasks",
    tasks_api.batch_task,
    "batchTask",
    TaskBatchRequest,
    ("add", "update", "delete", "addAttachments", "updateAttachments", "deleteAttachments"),
    delete_key="taskId",
)
"""The web app's task batch body: all six arrays present, attachments empty."""


class TaskItems(TaskReads[ModeT]):
    """Checklist item edits; `TasksManager` adds the other writes."""

    @operation
    def add_subtask(
        self, task_id: str, project_id: str | None, title: str, **options: Unpack[RequestOptions]
    ) -> Flow[Task]:
        """Append a checklist item."""
        current = yield from self._current(task_id, project_id)
        updated = wf.add_item(current, title=title, item_id=self._new_id(), now=self._now())
        return (yield from self._save(updated))

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
        current = yield from self._current(task_id, project_id)
        return (yield from self._save(wf.without_item(current, subtask_id, now=self._now())))

    def _save(self, task: dict[str, Any]) -> Flow[Task]:
        yield from self._write_batch(BATCH, update=[task])
        return self._stored("tasks", task["id"], Task)

    def _check_subtask(
        self, task_id: str, project_id: str | None, item_id: str, checked: bool
    ) -> Flow[Task]:
        current = yield from self._current(task_id, project_id)
        updated = wf.set_item_status(current, item_id, checked=checked, now=self._now())
        return (yield from self._save(updated))
