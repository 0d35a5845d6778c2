"""Managers: the user-facing operations of the client, one per kind of object."""

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
