"""`OpenClient.projects` and `OpenClient.groups`: projects, their members, project groups.

for project in client.projects.iter_all():        # pages of `page_size` (offset/limit)
    print(project.name)
data = client.projects.get_data("inbox")          # the project, its tasks and columns
group = client.groups.create("Work")
client.projects.update(project.id, group_id=group.id)
"""

from __future__ import annotations

from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_project import OpenProject
from tickspec_generated.models.open_project_create import OpenProjectCreate
from tickspec_generated.models.open_project_data import OpenProjectData
from tickspec_generated.models.open_project_group import OpenProjectGroup
from tickspec_generated.models.open_project_group_create import OpenProjectGroupCreate
from tickspec_generated.models.open_project_group_update import OpenProjectGroupUpdate
from tickspec_generated.models.open_project_member import OpenProjectMember
from tickspec_generated.models.open_project_update import OpenProjectUpdate

from tickspec.managers._flow import Flow, ModeT, Page, operation, paginated

from ._base import OpenManager, body_of

__all__ = [
    "AsyncOpenGroupsManager",
    "AsyncOpenProjectsManager",
    "OpenGroupsManager",
    "OpenProjectsManager",
]

PAGE_SIZE = 200
"""Projects per request of `iter_all`: the service's default `limit`."""


class OpenProjectsManager(OpenManager[ModeT]):
    """Projects over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get_all(
        self,
        *,
        offset: int | None = None,
        limit: int | None = None,
        **options: Unpack[RequestOptions],
    ) -> Flow[list[OpenProject]]:
        """The user's projects (not the inbox); one page with `offset`/`limit`:
        `get_all()`, `get_all(offset=200, limit=200)`.
        """
        return list((yield from open_api.open_list_projects(offset=offset, limit=limit)))

    @paginated
    def iter_all(
        self, *, page_size: int = PAGE_SIZE, **options: Unpack[RequestOptions]
    ) -> Flow[Page[OpenProject]]:
        """Every project, fetched `page_size` at a time as the iteration reaches them:
        `for project in client.projects.iter_all(page_size=50): ...`.
        """
        if page_size < 1:
            raise ValueError("page_size must be >= 1")
        return (yield from self._page(0, page_size, set()))

    def _page(self, offset: int, limit: int, seen: set[str]) -> Flow[Page[OpenProject]]:
        found = yield from open_api.open_list_projects(offset=offset, limit=limit)
        # A server that ignores offset/limit answers the same projects again; stop there
        # instead of walking forever.
        fresh = [project for project in found if project.id not in seen]
        seen.update(project.id for project in fresh)
        if len(found) < limit or not fresh:
            return Page(fresh)

        def next_page() -> Flow[Page[OpenProject]]:
            return self._page(offset + limit, limit, seen)

        return Page(fresh, next_page)

    @operation
    def get(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[OpenProject]:
        """One project: `get("6226ff9877acee87727f6bca")`."""
        return (yield from open_api.open_get_project(project_id))

    @operation
    def get_data(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[OpenProjectData]:
        """A project with its open tasks and columns; `"inbox"` names the inbox:
        `get_data("inbox").tasks`.
        """
        return (yield from open_api.open_get_project_data(project_id))

    @operation
    def get_members(
        self, project_id: str, **options: Unpack[RequestOptions]
    ) -> Flow[list[OpenProjectMember]]:
        """Who shares a project (`username`, `displayName`, `self`):
        `get_members("6226ff9877acee87727f6bca")`.
        """
        return list((yield from open_api.open_list_project_members(project_id)))

    @operation
    def create(self, /, name: str, **fields: Any) -> Flow[OpenProject]:
        """A new project; `fields` are OpenProjectCreate's (snake_case or wire names):
        `create("Groceries", color="#F18181", view_mode="kanban", kind="TASK")`.
        """
        body = body_of(OpenProjectCreate, {"name": name}, fields)
        return (yield from open_api.open_create_project(body))

    @operation
    def update(self, /, project_id: str, **fields: Any) -> Flow[OpenProject]:
        """Change the named fields of a project:
        `update("6226ff9877acee87727f6bca", name="Food", view_mode="list")`.
        """
        body = body_of(OpenProjectUpdate, None, fields)
        return (yield from open_api.open_update_project(project_id, body))

    @operation
    def delete(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a project: `delete("6226ff9877acee87727f6bca")`."""
        yield from open_api.open_delete_project(project_id)


class OpenGroupsManager(OpenManager[ModeT]):
    """Project groups (folders of projects) over the Open API."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[OpenProjectGroup]]:
        """Every project group: `get_all()`."""
        return list((yield from open_api.open_list_project_groups()))

    @operation
    def create(self, /, name: str, **fields: Any) -> Flow[OpenProjectGroup]:
        """A new group (name up to 64 characters): `create("Work")`."""
        body = body_of(OpenProjectGroupCreate, {"name": name}, fields)
        return (yield from open_api.open_create_project_group(body))

    @operation
    def update(self, /, group_id: str, **fields: Any) -> Flow[OpenProjectGroup]:
        """Change the named fields of a group: `update("6436176a47fd2e05f26ef56e", name="Home")`."""
        body = body_of(OpenProjectGroupUpdate, None, fields)
        return (yield from open_api.open_update_project_group(group_id, body))

    @operation
    def delete(self, group_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a group: `delete("6436176a47fd2e05f26ef56e")`."""
        yield from open_api.open_delete_project_group(group_id)


AsyncOpenProjectsManager = OpenProjectsManager
"""The same class: `AsyncOpenClient.projects` is an `OpenProjectsManager[Awaiting]`."""
AsyncOpenGroupsManager = OpenGroupsManager
"""The same class: `AsyncOpenClient.groups` is an `OpenGroupsManager[Awaiting]`."""
