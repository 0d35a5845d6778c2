"""Which managers a web client has: `client.tasks`, `.projects`, ... as lazy properties.

Each manager is built (and its module, generated endpoints and models imported) on
first access, so a client costs only what it uses. `Client` is `Managers[Blocking]`,
`AsyncClient` `Managers[Awaiting]`, and `with_raw_response` a `RawResponses` of the
raw mode; the Open API's counterpart is `tickspec.open_api.managers.OpenManagers`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Generic

from tickspec.managers._flow import ModeT

if TYPE_CHECKING:
    from tickspec.managers.columns import ColumnsManager
    from tickspec.managers.comments import CommentsManager
    from tickspec.managers.countdowns import CountdownsManager
    from tickspec.managers.filters import FiltersManager
    from tickspec.managers.focus import FocusManager
    from tickspec.managers.habits import HabitsManager
    from tickspec.managers.projects import ProjectsManager
    from tickspec.managers.search import SearchManager
    from tickspec.managers.tags import TagsManager
    from tickspec.managers.tasks import TasksManager
    from tickspec.managers.user import UserManager


__all__ = ["Managers", "RawResponses"]


class Managers(Generic[ModeT]):
    """The managers of one client in one mode; `Client` is `Managers[Blocking]`.

    Each manager is built (and its module, generated endpoints and models
    imported) on first access, so a client costs only what it uses.
    """

    _manager_client: Any
    _manager_mode: ModeT
    _managers: dict[str, Any]

    def _attach_managers(self, client: Any, mode: ModeT) -> None:
        self._manager_client = client
        self._manager_mode = mode
        self._managers = {}

    def _manager(self, name: str, class_name: str) -> Any:
        manager = self._managers.get(name)
        if manager is None:
            module = importlib.import_module(f"tickspec.managers.{name}")
            manager = getattr(module, class_name)(self._manager_client, self._manager_mode)
            self._managers[name] = manager
        return manager

    @property
    def tasks(self) -> TasksManager[ModeT]:
        """Tasks and their checklists: get, create, update, complete, move, delete, list."""
        manager: TasksManager[ModeT] = self._manager("tasks", "TasksManager")
        return manager

    @property
    def projects(self) -> ProjectsManager[ModeT]:
        """Lists (projects) and their folders (project groups) (`tickspec.managers.projects`)."""
        manager: ProjectsManager[ModeT] = self._manager("projects", "ProjectsManager")
        return manager

    @property
    def tags(self) -> TagsManager[ModeT]:
        """Tags: create, rename, merge, nest, delete (`tickspec.managers.tags`)."""
        manager: TagsManager[ModeT] = self._manager("tags", "TagsManager")
        return manager

    @property
    def filters(self) -> FiltersManager[ModeT]:
        """Saved smart lists (filters) (`tickspec.managers.filters`)."""
        manager: FiltersManager[ModeT] = self._manager("filters", "FiltersManager")
        return manager

    @property
    def columns(self) -> ColumnsManager[ModeT]:
        """Kanban columns of a project (`tickspec.managers.columns`)."""
        manager: ColumnsManager[ModeT] = self._manager("columns", "ColumnsManager")
        return manager

    @property
    def habits(self) -> HabitsManager[ModeT]:
        """Habits, their check-ins and records (`tickspec.managers.habits`)."""
        manager: HabitsManager[ModeT] = self._manager("habits", "HabitsManager")
        return manager

    @property
    def search(self) -> SearchManager[ModeT]:
        """Full-text search over tasks (`tickspec.managers.search`)."""
        manager: SearchManager[ModeT] = self._manager("search", "SearchManager")
        return manager

    @property
    def user(self) -> UserManager[ModeT]:
        """The profile, settings and statistics of the signed-on user (`tickspec.managers.user`)."""
        manager: UserManager[ModeT] = self._manager("user", "UserManager")
        return manager

    @property
    def focus(self) -> FocusManager[ModeT]:
        """Focus (pomodoro and stopwatch) records and statistics (`tickspec.managers.focus`)."""
        manager: FocusManager[ModeT] = self._manager("focus", "FocusManager")
        return manager

    @property
    def countdowns(self) -> CountdownsManager[ModeT]:
        """Countdowns (days to or since a date) (`tickspec.managers.countdowns`)."""
        manager: CountdownsManager[ModeT] = self._manager("countdowns", "CountdownsManager")
        return manager

    @property
    def comments(self) -> CommentsManager[ModeT]:
        """Comments on tasks (`tickspec.managers.comments`)."""
        manager: CommentsManager[ModeT] = self._manager("comments", "CommentsManager")
        return manager


class RawResponses(Managers[ModeT]):
    """`client.with_raw_response`: the same managers, answering `RawResponse`s."""

    def __init__(self, client: Any, mode: ModeT) -> None:
        self._attach_managers(client, mode)
