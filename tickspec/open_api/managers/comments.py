"""`OpenClient.comments`: the comments of a task (list, add, delete)."""

from __future__ import annotations

from typing import Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_comment import OpenComment
from tickspec_generated.models.open_comment_create import OpenCommentCreate

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import OpenManager, body_of

__all__ = ["AsyncOpenCommentsManager", "OpenCommentsManager"]


class OpenCommentsManager(OpenManager[ModeT]):
    """Task comments over the Open API, named as on the web client's `comments`."""

    @operation
    def get_all(
        self, project_id: str, task_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[OpenComment]]:
        """A task's comments: `get_all("6226ff9877acee87727f6bca", "63b7bebb91c0a5474805fcd4")`."""
        return list((yield from open_api.open_list_task_comments(project_id, task_id)))

    @operation
    def add(
        self, project_id: str, task_id: str, text: str, **options: Unpack[RequestOptions]
    ) -> Flow[OpenComment]:
        """Comment on a task: `add("6226ff98...", "63b7bebb...", "Done by Friday?")`."""
        body = body_of(OpenCommentCreate, {"title": text})
        return (yield from open_api.open_create_task_comment(project_id, task_id, body))

    @operation
    def delete(
        self, project_id: str, task_id: str, comment_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[None]:
        """Delete a comment: `delete("6226ff98...", "63b7bebb...", "comment-1")`."""
        yield from open_api.open_delete_task_comment(project_id, task_id, comment_id)


AsyncOpenCommentsManager = OpenCommentsManager
"""The same class: `AsyncOpenClient.comments` is an `OpenCommentsManager[Awaiting]`."""
