"""`client.projects`: lists and folders (project groups), as ticktick-sdk names them.

work = client.projects.create("Work", color="#FF5733", view_mode="kanban")
folder = client.projects.create_group("Jobs")
client.projects.move_to_group(work.id, folder.id)
client.projects.archive(work.id)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.fields import ProjectGroupCreateFields
from tickspec_generated.models.project import Project
from tickspec_generated.models.project_group import ProjectGroup

from ._flow import Flow, ModeT, operation
from ._projects import ProjectFlows

__all__ = ["AsyncProjectsManager", "ProjectsManager"]


class ProjectsManager(ProjectFlows[ModeT]):
    """Project operations; `Client.projects` runs them blocking, `AsyncClient`'s awaited."""

    @operation
    def get(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[Project]:
        """One list by id (from the local state, synced first if it is not there).

        For example:

            inbox = client.projects.get(client.state.inbox_id)
        """
        return (yield from self._get(project_id))

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[Project]]:
        """Every list, after a sync."""
        return (yield from self._get_all())

    @operation
    def update(
        self, project: Project | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[Project]:
        """Save a whole project (as loaded, with its etag)."""
        return (yield from self._update(project))

    @operation
    def rename(
        self, project_id: str, name: str, **options: Unpack[RequestOptions]
    ) -> Flow[Project]:
        """Rename a list.

        For example:

            client.projects.rename(project.id, "Groceries")
        """
        return (yield from self._set(project_id, name=name))

    @operation
    def archive(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[Project]:
        """Archive (close) a list: `closed` set, tasks kept.

        For example:

            client.projects.archive(project.id)
        """
        return (yield from self._set(project_id, closed=True))

    @operation
    def unarchive(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[Project]:
        """Reopen an archived list.

        For example:

            client.projects.unarchive(project.id)
        """
        return (yield from self._set(project_id, closed=False))

    @operation
    def delete(self, project_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a list and (on the server, and so locally) its tasks."""
        yield from self._delete(project_id)

    @operation
    def get_groups(self, **options: Unpack[RequestOptions]) -> Flow[list[ProjectGroup]]:
        """Every folder (project group), after a sync.

        For example:

            names = [g.name for g in client.projects.get_groups()]
        """
        return (yield from self._get_groups())

    @operation
    def create_group(
        self, /, name: str, **fields: Unpack[ProjectGroupCreateFields]
    ) -> Flow[ProjectGroup]:
        """A new folder (project group); `fields` are `ProjectGroup` attributes.

        For example:

            folder = client.projects.create_group("Work")
            client.projects.move_to_group(project.id, folder.id)
        """
        return (yield from self._create_group(name, fields))

    @operation
    def update_group(
        self, group: ProjectGroup | Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Flow[ProjectGroup]:
        """Write a whole folder back (a `ProjectGroup` or mapping, with its etag).

        For example:

            client.projects.update_group(folder.model_copy(update={"show_all": True}))
        """
        return (yield from self._update_group(group))

    @operation
    def rename_group(
        self, group_id: str, name: str, **options: Unpack[RequestOptions]
    ) -> Flow[ProjectGroup]:
        """Rename a folder.

        For example:

            client.projects.rename_group(folder.id, "Home")
        """
        return (yield from self._rename_group(group_id, name))

    @operation
    def delete_group(self, group_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a folder; its lists stay, outside any folder.

        For example:

            client.projects.delete_group(folder.id)
        """
        yield from self._delete_group(group_id)

    @operation
    def move_to_group(
        self, project_id: str, group_id: str | None, **options: Unpack[RequestOptions]
    ) -> Flow[Project]:
        """Put a list into a folder (None: back to the top level)."""
        return (yield from self._move_to_group(project_id, group_id))


AsyncProjectsManager = ProjectsManager
"""The same class: `AsyncClient.projects` is a `ProjectsManager[Awaiting]`."""
