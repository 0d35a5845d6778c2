"""`client.projects`: lists and folders (project groups), as ticktick-sdk names them.

work = client.projects.create("Work", color="#FF5733", view_mode="kanban")
folder = client.projects.create_group("Jobs")
client.projects.move_to_group(work.id, folder.id)
client.projects.archive(work.id)

Projects and folders are written with `POST /api/v2/batch/project` and
`/api/v2/batch/projectGroup` (whole objects, client ids, etags answered per
id), not the single-object PUT that answers an empty body and would need a
re-read for the etag. Reads come from the sync answer, which carries every
project and folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import projects as projects_api
from tickspec_generated.fields import ProjectCreateFields, ProjectGroupCreateFields
from tickspec_generated.models.project import Project
from tickspec_generated.models.project_batch_request import ProjectBatchRequest
from tickspec_generated.models.project_group import ProjectGroup
from tickspec_generated.models.project_group_batch_request import ProjectGroupBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncProjectsManager", "ProjectsManager"]

SORT_STEP = 1 << 40
PROJECTS = BatchEndpoint(
    "projects", projects_api.batch_project, "batchProject", ProjectBatchRequest
)
GROUPS = BatchEndpoint(
    "project_groups",
    projects_api.batch_project_group,
    "batchProjectGroup",
    ProjectGroupBatchRequest,
)


class ProjectsManager(ManagerBase[ModeT]):
    """Project operations; `Client.projects` runs them blocking, `AsyncClient`'s awaited."""

    # -- projects ----------------------------------------------------------------------

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
        yield from self._sync()
        return list(self._state.projects.values())

    @operation
    def create(
        self,
        /,
        name: str,
        *,
        color: str | None = None,
        view_mode: Literal["list", "kanban", "timeline"] | None = None,
        kind: Literal["TASK", "NOTE"] | None = None,
        group_id: str | None = None,
        **fields: Unpack[ProjectCreateFields],
    ) -> Flow[Project]:
        """Create a list (view_mode list/kanban/timeline, kind TASK/NOTE, optional folder)."""
        given: dict[str, Any] = {
            **fields,
            "color": color,
            "view_mode": view_mode,
            "kind": kind,
            "group_id": group_id,
        }
        orders = [p.sort_order for p in self._state.projects.values() if p.sort_order is not None]
        body: dict[str, Any] = {
            "id": self._new_id(),
            "name": name,
            "sortOrder": min([0, *orders]) - SORT_STEP,
            "viewMode": "list",
            "kind": "TASK",
            "modifiedTime": self._now(),
        }
        body.update({k: v for k, v in to_wire_fields(Project, given).items() if v is not None})
        yield from self._write_batch(PROJECTS, add=[body])
        return self._stored("projects", body["id"], Project)

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
        yield from self._write_batch(PROJECTS, delete=[project_id])
        tasks = [key for key, t in self._state.tasks.items() if t.project_id == project_id]
        self._state.remove("tasks", tasks)
        columns = [key for key, c in self._state.columns.items() if c.project_id == project_id]
        self._state.remove("columns", columns)

    @operation
    def move_to_group(
        self, project_id: str, group_id: str | None, **options: Unpack[RequestOptions]
    ) -> Flow[Project]:
        """Put a list into a folder (None: back to the top level)."""
        return (yield from self._set(project_id, groupId=group_id))

    def _get(self, project_id: str) -> Flow[Project]:
        missing = f"project {project_id} not found"
        return (yield from self._find("projects", project_id, Project, missing))

    def _update(self, project: Project | Mapping[str, Any]) -> Flow[Project]:
        body = patch(wire_of(project), self._now())
        yield from self._write_batch(PROJECTS, update=[body])
        return self._stored("projects", body["id"], Project)

    def _set(self, project_id: str, **changes: Any) -> Flow[Project]:
        current = yield from self._get(project_id)
        return (yield from self._update(patch(wire_of(current), None, **changes)))

    # -- folders -----------------------------------------------------------------------

    @operation
    def get_groups(self, **options: Unpack[RequestOptions]) -> Flow[list[ProjectGroup]]:
        """Every folder (project group), after a sync.

        For example:

            names = [g.name for g in client.projects.get_groups()]
        """
        yield from self._sync()
        return list(self._state.project_groups.values())

    @operation
    def create_group(
        self, /, name: str, **fields: Unpack[ProjectGroupCreateFields]
    ) -> Flow[ProjectGroup]:
        """A new folder (project group); `fields` are `ProjectGroup` attributes.

        For example:

            folder = client.projects.create_group("Work")
            client.projects.move_to_group(project.id, folder.id)
        """
        orders = [g.sort_order for g in self._state.project_groups.values() if g.sort_order]
        body: dict[str, Any] = {
            "id": self._new_id(),
            "name": name,
            "showAll": True,
            "sortOrder": min([0, *orders]) - SORT_STEP,
            "listType": "group",
        }
        body.update(to_wire_fields(ProjectGroup, fields))
        yield from self._write_batch(GROUPS, add=[body])
        return self._stored("project_groups", body["id"], ProjectGroup)

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
        missing = f"folder {group_id} not found"
        current = yield from self._find("project_groups", group_id, ProjectGroup, missing)
        return (yield from self._update_group({**wire_of(current), "name": name}))

    @operation
    def delete_group(self, group_id: str, **options: Unpack[RequestOptions]) -> Flow[None]:
        """Delete a folder; its lists stay, outside any folder.

        For example:

            client.projects.delete_group(folder.id)
        """
        yield from self._write_batch(GROUPS, delete=[group_id])
        if any(p.group_id == group_id for p in self._state.projects.values()):
            yield from self._sync()  # the server moved its lists to the top level

    def _update_group(self, group: ProjectGroup | Mapping[str, Any]) -> Flow[ProjectGroup]:
        body = wire_of(group)
        yield from self._write_batch(GROUPS, update=[body])
        return self._stored("project_groups", body["id"], ProjectGroup)


AsyncProjectsManager = ProjectsManager
"""The same class: `AsyncClient.projects` is a `ProjectsManager[Awaiting]`."""
