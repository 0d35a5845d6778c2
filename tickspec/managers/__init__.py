"""Managers: the user-facing operations of the client, one per kind of object.

`client.tasks`, `.projects`, `.tags`, `.filters`, `.columns`, `.habits`,
`.search` and `.user` are these classes, named as ticktick-py / ticktick-sdk
users expect. Each operation is written once, as a generator of requests
(`_flow.py`) in a `*Flows` base class; `XManager` drives it with blocking calls
and `AsyncXManager` with `await`, so both clients behave identically. Writes
go through the web app's batch endpoints with whole objects and their etags,
and write the answer through to `client.state`.
"""

from __future__ import annotations

from .columns import AsyncColumnsManager, ColumnsManager
from .filters import AsyncFiltersManager, FiltersManager
from .habits import AsyncHabitsManager, HabitsManager
from .projects import AsyncProjectsManager, ProjectsManager
from .search import AsyncSearchManager, SearchManager
from .tags import AsyncTagsManager, TagsManager
from .tasks import AsyncTasksManager, TasksManager
from .user import AsyncUserManager, UserManager

__all__ = [
    "AsyncColumnsManager",
    "AsyncFiltersManager",
    "AsyncHabitsManager",
    "AsyncProjectsManager",
    "AsyncSearchManager",
    "AsyncTagsManager",
    "AsyncTasksManager",
    "AsyncUserManager",
    "ColumnsManager",
    "FiltersManager",
    "HabitsManager",
    "ProjectsManager",
    "SearchManager",
    "TagsManager",
    "TasksManager",
    "UserManager",
]
