"""`client.search`: the server's full-text search, and filtering over the local state.

`filter_tasks` answers from the tasks the last sync brought (syncing once if
the state is empty), so it costs no request per query, like ticktick-sdk's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import search as search_api
from tickspec_generated.models.search_result import SearchResult
from tickspec_generated.models.task import Task

from ._base import ManagerBase
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncSearchManager", "SearchManager", "filter_tasks"]


def filter_tasks(
    tasks: Iterable[Task],
    *,
    priority: int | None = None,
    tag: str | None = None,
    project_id: str | None = None,
    has_due_date: bool | None = None,
    status: int | None = None,
    title_contains: str | None = None,
) -> list[Task]:
    """The tasks matching every given criterion (None: not a criterion)."""
    found = []
    for task in tasks:
        if priority is not None and task.priority != priority:
            continue
        if tag is not None and tag.lower() not in [t.lower() for t in task.tags or []]:
            continue
        if project_id is not None and task.project_id != project_id:
            continue
        if has_due_date is not None and bool(task.due_date or task.start_date) != has_due_date:
            continue
        if status is not None and task.status != status:
            continue
        if title_contains is not None and title_contains.lower() not in (task.title or "").lower():
            continue
        found.append(task)
    return found


class SearchManager(ManagerBase[ModeT]):
    """Search; `Client.search` runs it blocking, `AsyncClient.search` awaited."""

    @operation
    def search(self, keywords: str, **options: Unpack[RequestOptions]) -> Flow[SearchResult]:
        """Server-side search over tasks and comments (`GET /api/v2/search/all`)."""
        return (yield from search_api.search_all(keywords=keywords))

    @operation
    def search_tasks(self, keywords: str, **options: Unpack[RequestOptions]) -> Flow[list[Task]]:
        """Tasks matching `keywords` (the web app's search box), from the server.

        For example:

            hits = client.search.search_tasks("milk")
        """
        result = yield from search_api.search_all(keywords=keywords)
        return list(result.tasks or [])

    @operation
    def filter_tasks(
        self,
        *,
        priority: int | None = None,
        tag: str | None = None,
        project_id: str | None = None,
        has_due_date: bool | None = None,
        status: int | None = None,
        title_contains: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[Task]]:
        """Local tasks matching every given criterion (no request once synced)."""
        yield from self._ensure_synced()
        return filter_tasks(
            self._state.tasks.values(),
            priority=priority,
            tag=tag,
            project_id=project_id,
            has_due_date=has_due_date,
            status=status,
            title_contains=title_contains,
        )


AsyncSearchManager = SearchManager
"""The same class: `AsyncClient.search` is a `SearchManager[Awaiting]`."""
