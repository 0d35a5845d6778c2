"""Managers: the user-facing operations of the client, one per kind of object.

`client.tasks`, `.projects`, `.tags`, `.filters`, `.columns`, `.habits`,
`.search` and `.user` are these classes, named as ticktick-py / ticktick-sdk
users expect. Each operation is written once, as a generator of the typed
requests the generated code builds (`_flow.py`), decorated with `operation`
(or `paginated`); one class per kind, generic in its mode, runs it blocking
(`Client`), awaited (`AsyncClient`) or raw (`with_raw_response`), so every
client behaves identically. `AsyncXManager` is the same class as `XManager`,
kept as a name. Writes go through the web app's batch endpoints with whole
objects and their etags, and write the answer through to `client.state`.

A new manager: subclass `ManagerBase[ModeT]`, write each public method as

    @operation
    def get(self, key: str, **options: Unpack[RequestOptions]) -> Flow[Thing]:
        thing = yield from things_api.get_thing(key)   # a generated ApiCall[Thing]
        return thing

(`self, /` first and no `**options` when the method takes `**fields`, typed
`**fields: Unpack[XFields]` with a TypedDict of `tickspec_generated.fields`, listed
in codegen/fields.py), give it a docstring with an example, add a property for it
to `tickspec.managers._registry.Managers`, and export it here. Manager modules load lazily:
`import tickspec.managers` imports none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    # Each manager imports its generated endpoints and models; load one only
    # when it is asked for (the client itself builds managers on first use).
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = name.removeprefix("Async").removesuffix("Manager").lower()
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
