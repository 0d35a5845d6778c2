"""Project (list) and folder flows, over the web app's batch endpoints.

Projects and folders are written with `POST /api/v2/batch/project` and
`/api/v2/batch/projectGroup` (whole objects, client ids, etags answered per
id), not the single-object PUT that answers an empty body and would need a
re-read for the etag. Reads come from the sync answer, which carries every
project and folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, Unpack

from tickspec_generated.endpoints import projects as projects_api
from tickspec_generated.fields import ProjectCreateFields
from tickspec_generated.models.project import Project
from tickspec_generated.models.project_batch_request import ProjectBatchRequest
from tickspec_generated.models.project_group import ProjectGroup
from tickspec_generated.models.project_group_batch_request import ProjectGroupBatchRequest

from tickspec.workflows.tasks import patch

from ._base import BatchEndpoint, ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

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


class ProjectFlows(ManagerBase[ModeT]):
    """The flows behind `ProjectsManager`'s operations."""

    # -- projects ----------------------------------------------------------------------

    def _get_all(self) -> Flow[list[Project]]:
        yield from self._sync()
        return list(self._state.projects.values())

    def _get(self, project_id: str) -> Flow[Project]:
        missing = f"project {project_id} not found"
        return (yield from self._find("projects", project_id, Project, missing))

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

    def _update(self, project: Project | Mapping[str, Any]) -> Flow[Project]:
        body = patch(wire_of(project), self._now())
        yield from self._write_batch(PROJECTS, update=[body])
        return self._stored("projects", body["id"], Project)

    def _set(self, project_id: str, **changes: Any) -> Flow[Project]:
        current = yield from self._get(project_id)
        return (yield from self._update(patch(wire_of(current), None, **changes)))

    def _delete(self, project_id: str) -> Flow[None]:
        """Delete the list; the server deletes its tasks too, so the state drops them."""
        yield from self._write_batch(PROJECTS, delete=[project_id])
        tasks = [key for key, t in self._state.tasks.items() if t.project_id == project_id]
        self._state.remove("tasks", tasks)
        columns = [key for key, c in self._state.columns.items() if c.project_id == project_id]
        self._state.remove("columns", columns)

    # -- folders -----------------------------------------------------------------------

    def _get_groups(self) -> Flow[list[ProjectGroup]]:
        yield from self._sync()
        return list(self._state.project_groups.values())

    def _create_group(self, name: str, fields: Mapping[str, Any]) -> Flow[ProjectGroup]:
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

    def _update_group(self, group: ProjectGroup | Mapping[str, Any]) -> Flow[ProjectGroup]:
        body = wire_of(group)
        yield from self._write_batch(GROUPS, update=[body])
        return self._stored("project_groups", body["id"], ProjectGroup)

    def _rename_group(self, group_id: str, name: str) -> Flow[ProjectGroup]:
        missing = f"folder {group_id} not found"
        current = yield from self._find("project_groups", group_id, ProjectGroup, missing)
        return (yield from self._update_group({**wire_of(current), "name": name}))

    def _delete_group(self, group_id: str) -> Flow[None]:
        """Delete a folder; its lists move to the top level on the server, so re-sync them."""
        yield from self._write_batch(GROUPS, delete=[group_id])
        if any(p.group_id == group_id for p in self._state.projects.values()):
            yield from self._sync()

    def _move_to_group(self, project_id: str, group_id: str | None) -> Flow[Project]:
        return (yield from self._set(project_id, groupId=group_id))
