"""`client.projects`: lists and folders (project groups), as ticktick-sdk names them.

work = client.projects.create("Work", color="#FF5733", view_mode="kanban")
folder = client.projects.create_group("Jobs")
client.projects.move_to_group(work.id, folder.id)
client.projects.archive(work.id)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tickspec_generated.models.project import Project
from tickspec_generated.models.project_group import ProjectGroup

from ._flow import arun, awaiting, blocking, run
from ._projects import ProjectFlows

__all__ = ["AsyncProjectsManager", "ProjectsManager"]


class ProjectsManager(ProjectFlows):
    """Project operations over a blocking `Client`."""

    create = blocking(ProjectFlows._create)

    def get(self, project_id: str) -> Project:
        return run(self._client, self._get(project_id))

    def get_all(self) -> list[Project]:
        """Every list, after a sync."""
        return run(self._client, self._get_all())

    def update(self, project: Project | Mapping[str, Any]) -> Project:
        """Save a whole project (as loaded, with its etag)."""
        return run(self._client, self._update(project))

    def rename(self, project_id: str, name: str) -> Project:
        return run(self._client, self._set(project_id, name=name))

    def archive(self, project_id: str) -> Project:
        return run(self._client, self._set(project_id, closed=True))

    def unarchive(self, project_id: str) -> Project:
        return run(self._client, self._set(project_id, closed=False))

    def delete(self, project_id: str) -> None:
        """Delete a list and (on the server, and so locally) its tasks."""
        run(self._client, self._delete(project_id))

    def get_groups(self) -> list[ProjectGroup]:
        return run(self._client, self._get_groups())

    def create_group(self, name: str, **fields: Any) -> ProjectGroup:
        return run(self._client, self._create_group(name, fields))

    def update_group(self, group: ProjectGroup | Mapping[str, Any]) -> ProjectGroup:
        return run(self._client, self._update_group(group))

    def rename_group(self, group_id: str, name: str) -> ProjectGroup:
        return run(self._client, self._rename_group(group_id, name))

    def delete_group(self, group_id: str) -> None:
        run(self._client, self._delete_group(group_id))

    def move_to_group(self, project_id: str, group_id: str | None) -> Project:
        """Put a list into a folder (None: back to the top level)."""
        return run(self._client, self._move_to_group(project_id, group_id))


class AsyncProjectsManager(ProjectFlows):
    """Project operations over an `AsyncClient`; same methods, awaited."""

    create = awaiting(ProjectFlows._create)

    async def get(self, project_id: str) -> Project:
        return await arun(self._client, self._get(project_id))

    async def get_all(self) -> list[Project]:
        return await arun(self._client, self._get_all())

    async def update(self, project: Project | Mapping[str, Any]) -> Project:
        return await arun(self._client, self._update(project))

    async def rename(self, project_id: str, name: str) -> Project:
        return await arun(self._client, self._set(project_id, name=name))

    async def archive(self, project_id: str) -> Project:
        return await arun(self._client, self._set(project_id, closed=True))

    async def unarchive(self, project_id: str) -> Project:
        return await arun(self._client, self._set(project_id, closed=False))

    async def delete(self, project_id: str) -> None:
        await arun(self._client, self._delete(project_id))

    async def get_groups(self) -> list[ProjectGroup]:
        return await arun(self._client, self._get_groups())

    async def create_group(self, name: str, **fields: Any) -> ProjectGroup:
        return await arun(self._client, self._create_group(name, fields))

    async def update_group(self, group: ProjectGroup | Mapping[str, Any]) -> ProjectGroup:
        return await arun(self._client, self._update_group(group))

    async def rename_group(self, group_id: str, name: str) -> ProjectGroup:
        return await arun(self._client, self._rename_group(group_id, name))

    async def delete_group(self, group_id: str) -> None:
        await arun(self._client, self._delete_group(group_id))

    async def move_to_group(self, project_id: str, group_id: str | None) -> Project:
        return await arun(self._client, self._move_to_group(project_id, group_id))
