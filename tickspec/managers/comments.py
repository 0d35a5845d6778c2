"""`client.comments`: the comments of a task (list, add, delete).

A new comment gets the client's own id and the current time, as the web app
sends it (ticktick-agent-cli 0.1.1), so posting it again is a harmless retry.
"""

from __future__ import annotations

from typing import Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import comments as comments_api
from tickspec_generated.models.comment import Comment
from tickspec_generated.models.comment_draft import CommentDraft

from tickspec import wire

from ._base import ManagerBase
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncCommentsManager", "CommentsManager"]


class CommentsManager(ManagerBase[ModeT]):
    """Task comments; blocking on `Client`, awaited on `AsyncClient`."""

    @operation
    def get_all(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[Comment]]:
        """The task's comments, oldest first."""
        return (yield from comments_api.get_task_comments(project_id, task_id))

    @operation
    def add(
        self, project_id: str, task_id: str, text: str, **options: Unpack[RequestOptions]
    ) -> Flow[Comment]:
        """Add a comment (`text`) to a task; returns it as the server stored it.

        For example:

            client.comments.add(task.project_id, task.id, "Done by Friday?")
        """
        draft = {
            "id": self._new_id(),
            "taskId": task_id,
            "projectId": project_id,
            "title": text,
            "createdTime": self._now(),
        }
        call = comments_api.create_task_comment(
            project_id, task_id, wire.parse(CommentDraft, draft)
        )
        return (yield from call)

    @operation
    def delete(
        self, project_id: str, task_id: str, comment_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Delete one comment of a task.

        For example:

            client.comments.delete(task.project_id, task.id, comment.id)
        """
        yield from comments_api.delete_task_comment(project_id, task_id, comment_id)


AsyncCommentsManager = CommentsManager
"""The same class: `AsyncClient.comments` is a `CommentsManager[Awaiting]`."""
