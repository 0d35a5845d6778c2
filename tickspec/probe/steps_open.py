"""The Open API v1 (bearer token): its own sandbox project, its tasks, then deletes.

Each new Open API operation is one `Step` here, after the step that creates
what it needs (`needs=`), and one `undo=` when it creates something.
"""

from __future__ import annotations

from typing import Any

from tickspec_generated.endpoints import open as api
from tickspec_generated.models import (
    open_project_create,
    open_project_update,
    open_task_create,
    open_task_update,
)

from tickspec.probe.plan import Context, Step
from tickspec.probe.steps_write import m


def _keep(key: str) -> Any:
    return lambda ctx, answer: ctx.ids.__setitem__(key, str(answer["id"]))


def _task(ctx: Context, what: str) -> Any:
    body = {"title": ctx.name(what), "projectId": ctx["openProject"]}
    return api.open_create_task(m(open_task_create.OpenTaskCreate, body))


OPEN_STEPS: list[Step] = [
    Step("openListProjects", lambda c: api.open_list_projects(), api="open"),
    Step(
        "openCreateProject",
        lambda c: api.open_create_project(
            m(open_project_create.OpenProjectCreate, {"name": c.name("open"), "kind": "TASK"})
        ),
        api="open",
        writes=True,
        creates="openProject",
        keep=_keep("openProject"),
        undo=lambda c: api.open_delete_project(c["openProject"]),
        what="creates project 'tickspec-probe <run id> open'",
    ),
    Step(
        "openGetProject",
        lambda c: api.open_get_project(c["openProject"]),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openUpdateProject",
        lambda c: api.open_update_project(
            c["openProject"],
            m(open_project_update.OpenProjectUpdate, {"name": c.name("open"), "color": "#4772FA"}),
        ),
        api="open",
        writes=True,
        needs=("openProject",),
        what="sets its colour",
    ),
    Step(
        "openCreateTask",
        lambda c: _task(c, "open task a"),
        api="open",
        writes=True,
        needs=("openProject",),
        creates="openTask",
        keep=_keep("openTask"),
        undo=lambda c: api.open_delete_task(c["openProject"], c["openTask"]),
        what="creates task 'tickspec-probe <run id> open task a'",
    ),
    Step(
        "openCreateTask",
        lambda c: _task(c, "open task b"),
        api="open",
        writes=True,
        needs=("openProject",),
        creates="openTask2",
        keep=_keep("openTask2"),
        undo=lambda c: api.open_delete_task(c["openProject"], c["openTask2"]),
        what="creates task 'tickspec-probe <run id> open task b'",
    ),
    Step(
        "openGetTask",
        lambda c: api.open_get_task(c["openProject"], c["openTask"]),
        api="open",
        needs=("openTask",),
    ),
    Step(
        "openGetTaskAnyProject",
        lambda c: api.open_get_task_any_project(c["openTask"]),
        api="open",
        needs=("openTask",),
    ),
    Step(
        "openUpdateTask",
        lambda c: api.open_update_task(
            c["openTask"],
            m(
                open_task_update.OpenTaskUpdate,
                {
                    "id": c["openTask"],
                    "projectId": c["openProject"],
                    "title": c.name("open task a"),
                    "priority": 1,
                },
            ),
        ),
        api="open",
        writes=True,
        needs=("openTask",),
        what="sets the priority of open task a",
    ),
    Step(
        "openCompleteTask",
        lambda c: api.open_complete_task(c["openProject"], c["openTask"]),
        api="open",
        writes=True,
        needs=("openTask",),
        what="completes open task a",
    ),
    Step(
        "openGetProjectData",
        lambda c: api.open_get_project_data(c["openProject"]),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openDeleteTask",
        lambda c: api.open_delete_task(c["openProject"], c["openTask2"]),
        api="open",
        writes=True,
        needs=("openTask2",),
        removes=("openTask2",),
        what="deletes open task b",
    ),
    Step(
        "openDeleteProject",
        lambda c: api.open_delete_project(c["openProject"]),
        api="open",
        writes=True,
        needs=("openProject",),
        removes=("openProject", "openTask"),
        what="deletes the Open API sandbox project",
    ),
]
