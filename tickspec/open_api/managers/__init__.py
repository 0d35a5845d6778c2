"""The Open API managers: `OpenClient.tasks`, `.projects`, `.groups`, `.columns`, `.tags`,
`.focus`, `.habits`, `.countdowns`, `.comments` and `.preference`.

Each method is one flow over the generated stubs of `tickspec_generated.endpoints.open`
(`tickspec.managers._flow`), so it runs blocking on `OpenClient`, awaited on
`AsyncOpenClient` and raw under `with_raw_response`, and takes the per-call options
(`extra_headers`, `extra_query`, `extra_body`, `timeout`) like the web client's.
"""

from __future__ import annotations

from typing import Any, Generic

from tickspec.managers._flow import ModeT

from .columns import AsyncOpenColumnsManager, OpenColumnsManager
from .comments import AsyncOpenCommentsManager, OpenCommentsManager
from .focus import POMODORO, TIMING, AsyncOpenFocusManager, OpenFocusManager
from .habits import AsyncOpenHabitsManager, OpenHabitsManager
from .preference import (
    AsyncOpenCountdownsManager,
    AsyncOpenPreferenceManager,
    OpenCountdownsManager,
    OpenPreferenceManager,
)
from .projects import (
    AsyncOpenGroupsManager,
    AsyncOpenProjectsManager,
    OpenGroupsManager,
    OpenProjectsManager,
)
from .tags import AsyncOpenTagsManager, OpenTagsManager
from .tasks import AsyncOpenTasksManager, OpenTasksManager

__all__ = [
    "POMODORO",
    "TIMING",
    "AsyncOpenColumnsManager",
    "AsyncOpenCommentsManager",
    "AsyncOpenCountdownsManager",
    "AsyncOpenFocusManager",
    "AsyncOpenGroupsManager",
    "AsyncOpenHabitsManager",
    "AsyncOpenPreferenceManager",
    "AsyncOpenProjectsManager",
    "AsyncOpenTagsManager",
    "AsyncOpenTasksManager",
    "OpenColumnsManager",
    "OpenCommentsManager",
    "OpenCountdownsManager",
    "OpenFocusManager",
    "OpenGroupsManager",
    "OpenHabitsManager",
    "OpenManagers",
    "OpenPreferenceManager",
    "OpenProjectsManager",
    "OpenRawResponses",
    "OpenTagsManager",
    "OpenTasksManager",
]


class OpenManagers(Generic[ModeT]):
    """The managers of one Open API client in one mode; `OpenClient` is `OpenManagers[Blocking]`."""

    def _attach_managers(self, client: Any, mode: ModeT) -> None:
        self.tasks = OpenTasksManager(client, mode)
        self.projects = OpenProjectsManager(client, mode)
        self.groups = OpenGroupsManager(client, mode)
        self.columns = OpenColumnsManager(client, mode)
        self.tags = OpenTagsManager(client, mode)
        self.focus = OpenFocusManager(client, mode)
        self.habits = OpenHabitsManager(client, mode)
        self.countdowns = OpenCountdownsManager(client, mode)
        self.comments = OpenCommentsManager(client, mode)
        self.preference = OpenPreferenceManager(client, mode)


class OpenRawResponses(OpenManagers[ModeT]):
    """`OpenClient.with_raw_response`: the same managers, answering `RawResponse`s."""

    def __init__(self, client: Any, mode: ModeT) -> None:
        self._attach_managers(client, mode)
