"""The Open API v1 (bearer token): its two sandbox projects and their tasks.

Order: project 'open' (everything of the run's Open API part lives in it or is
named after it), project 'open b' (a move needs a second project), three tasks,
then get -> update -> assign -> comment -> column -> move -> complete -> the
listings, each restricted to the sandbox projects, and the deletes. The 'open'
project itself is deleted last of all (`OPEN_END`), after steps_open_kinds.py.

Every id here is the server's: an `undo` is recorded once the answer names it.
"""

from __future__ import annotations

from typing import Any

from tickspec_generated.endpoints import open as api
from tickspec_generated.models import (
    open_comment_create,
    open_complete_tasks_request,
    open_completed_tasks_request,
    open_project_create,
    open_project_update,
    open_task_assign_request,
    open_task_batch_request,
    open_task_create,
    open_task_filter_request,
    open_task_move_request,
    open_task_search_request,
    open_task_unassign_request,
    open_task_update,
    open_undone_tasks_request,
)

from tickspec.probe.plan import Context, Step
from tickspec.probe.steps_write import keep_id, m

DAY = 24 * 60
"""Minutes in a day (`Context.time` offsets are minutes)."""
NO_MEMBER = (
    "assigns only to a member of the sandbox project that is the account itself, "
    "and the project's member list named none (a shared project is never touched)"
)


def _task(ctx: Context, what: str, **extra: Any) -> Any:
    body = {"title": ctx.name(what), "projectId": ctx["openProject"], **extra}
    return api.open_create_task(m(open_task_create.OpenTaskCreate, body))


def _delete_task(ctx: Context, key: str) -> Any:
    where = ctx.ids.get(f"{key}Project", ctx["openProject"])
    return api.open_delete_task(where, ctx[key])


def _batch(ctx: Context) -> Any:
    body = {
        "add": [{"title": ctx.name("open task c"), "projectId": ctx["openProject"]}],
        "update": [
            {
                "id": ctx["openTask"],
                "projectId": ctx["openProject"],
                "title": ctx.name("open task a"),
                "content": "probe",
            }
        ],
    }
    return api.open_batch_tasks(m(open_task_batch_request.OpenTaskBatchRequest, body))


def _added(ctx: Context, answer: Any) -> None:
    """The batch's new task: the id in `id2etag` that is not task a's."""
    new = [i for i in answer["id2etag"] if i != ctx["openTask"]]
    ctx.ids["openTask3"] = str(new[0])


def _member(ctx: Context, answer: Any) -> None:
    """The account's own entry in the sandbox project's members (`self: true`)."""
    mine = [p for p in answer if isinstance(p, dict) and p.get("self") and p.get("username")]
    if mine:
        ctx.ids["openMember"] = str(mine[0]["username"])


def _moved(ctx: Context, answer: Any) -> None:
    if any(isinstance(r, dict) and r.get("id") == ctx["openTask2"] for r in answer):
        ctx.ids["openTask2Project"] = ctx["openProjectB"]


def _sandboxes(ctx: Context) -> list[str]:
    return [ctx.ids[k] for k in ("openProject", "openProjectB") if k in ctx.ids]


OPEN_TASK_STEPS: list[Step] = [
    Step(
        "openCreateProject",
        lambda c: api.open_create_project(
            m(open_project_create.OpenProjectCreate, {"name": c.name("open"), "kind": "TASK"})
        ),
        api="open",
        writes=True,
        creates="openProject",
        keep=keep_id("openProject"),
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
        "openCreateProject",
        lambda c: api.open_create_project(
            m(open_project_create.OpenProjectCreate, {"name": c.name("open b"), "kind": "TASK"})
        ),
        api="open",
        writes=True,
        needs=("openProject",),
        creates="openProjectB",
        keep=keep_id("openProjectB"),
        undo=lambda c: api.open_delete_project(c["openProjectB"]),
        what="creates project 'tickspec-probe <run id> open b'",
    ),
    Step(
        "openCreateTask",
        lambda c: _task(c, "open task a"),
        api="open",
        writes=True,
        needs=("openProject",),
        creates="openTask",
        keep=keep_id("openTask"),
        undo=lambda c: _delete_task(c, "openTask"),
        what="creates task 'tickspec-probe <run id> open task a'",
    ),
    Step(
        "openCreateTask",
        lambda c: _task(c, "open task b", dueDate=c.time(60)),
        api="open",
        writes=True,
        needs=("openProject",),
        creates="openTask2",
        keep=keep_id("openTask2"),
        undo=lambda c: _delete_task(c, "openTask2"),
        what="creates task 'tickspec-probe <run id> open task b', due in an hour",
    ),
    Step(
        "openBatchTasks",
        _batch,
        api="open",
        writes=True,
        needs=("openTask",),
        creates="openTask3",
        keep=_added,
        undo=lambda c: _delete_task(c, "openTask3"),
        what="creates task 'tickspec-probe <run id> open task c', sets open task a's content",
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
        "openListProjectMembers",
        lambda c: api.open_list_project_members(c["openProject"]),
        api="open",
        needs=("openProject",),
        keep=_member,
    ),
    Step(
        "openAssignTask",
        lambda c: api.open_assign_task(
            m(
                open_task_assign_request.OpenTaskAssignRequest,
                {
                    "projectId": c["openProject"],
                    "taskId": c["openTask"],
                    "assigneeUsername": c["openMember"],
                },
            )
        ),
        api="open",
        writes=True,
        needs=("openTask", "openMember"),
        keep=lambda c, a: c.ids.__setitem__("openAssigned", c["openTask"]),
        unmet=NO_MEMBER,
        what="assigns open task a to the account itself (the project's own member)",
    ),
    Step(
        "openUnassignTask",
        lambda c: api.open_unassign_task(
            m(
                open_task_unassign_request.OpenTaskUnassignRequest,
                {"projectId": c["openProject"], "taskId": c["openAssigned"]},
            )
        ),
        api="open",
        writes=True,
        needs=("openAssigned",),
        unmet=NO_MEMBER,
        what="removes that assignee again",
    ),
    Step(
        "openCreateTaskComment",
        lambda c: api.open_create_task_comment(
            c["openProject"],
            c["openTask"],
            m(open_comment_create.OpenCommentCreate, {"title": c.name("open comment")}),
        ),
        api="open",
        writes=True,
        needs=("openTask",),
        creates="openComment",
        keep=keep_id("openComment"),
        undo=lambda c: api.open_delete_task_comment(
            c["openProject"], c["openTask"], c["openComment"]
        ),
        what="comments 'tickspec-probe <run id> open comment' on open task a",
    ),
    Step(
        "openListTaskComments",
        lambda c: api.open_list_task_comments(c["openProject"], c["openTask"]),
        api="open",
        needs=("openTask",),
    ),
    Step(
        "openDeleteTaskComment",
        lambda c: api.open_delete_task_comment(c["openProject"], c["openTask"], c["openComment"]),
        api="open",
        writes=True,
        needs=("openComment",),
        removes=("openComment",),
        what="deletes the comment",
    ),
    Step(
        "openMoveTasks",
        lambda c: api.open_move_tasks(
            m(
                open_task_move_request.OpenTaskMoveRequest,
                [
                    {
                        "fromProjectId": c["openProject"],
                        "toProjectId": c["openProjectB"],
                        "taskId": c["openTask2"],
                    }
                ],
            )
        ),
        api="open",
        writes=True,
        needs=("openTask2", "openProjectB"),
        keep=_moved,
        what="moves open task b to project open b",
    ),
    Step(
        "openCompleteTasks",
        lambda c: api.open_complete_tasks(
            m(
                open_complete_tasks_request.OpenCompleteTasksRequest,
                {"projectId": c["openProject"], "taskIds": [c["openTask3"]]},
            )
        ),
        api="open",
        writes=True,
        needs=("openTask3",),
        what="completes open task c",
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
        "openListCompletedTasks",
        lambda c: api.open_list_completed_tasks(
            m(
                open_completed_tasks_request.OpenCompletedTasksRequest,
                {"projectIds": _sandboxes(c), "startDate": c.time(-DAY), "endDate": c.time(DAY)},
            )
        ),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openFilterTasks",
        lambda c: api.open_filter_tasks(
            m(
                open_task_filter_request.OpenTaskFilterRequest,
                {"projectIds": _sandboxes(c), "status": [0, 2]},
            )
        ),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openListUndoneTasks",
        lambda c: api.open_list_undone_tasks(
            m(
                open_undone_tasks_request.OpenUndoneTasksRequest,
                {"projectIds": _sandboxes(c), "startDate": c.time(), "endDate": c.time(7 * DAY)},
            )
        ),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openSearchTasks",
        lambda c: api.open_search_tasks(
            m(
                open_task_search_request.OpenTaskSearchRequest,
                {"keywords": c.name(), "projectIds": _sandboxes(c)},
            )
        ),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openGetProjectData",
        lambda c: api.open_get_project_data(c["openProject"]),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openDeleteTask",
        lambda c: _delete_task(c, "openTask2"),
        api="open",
        writes=True,
        needs=("openTask2",),
        removes=("openTask2",),
        what="deletes open task b",
    ),
    Step(
        "openDeleteProject",
        lambda c: api.open_delete_project(c["openProjectB"]),
        api="open",
        writes=True,
        needs=("openProjectB",),
        removes=("openProjectB",),
        what="deletes project open b",
    ),
]

OPEN_END: list[Step] = [
    Step(
        "openDeleteProject",
        lambda c: api.open_delete_project(c["openProject"]),
        api="open",
        writes=True,
        needs=("openProject",),
        removes=("openProject", "openTask", "openTask2", "openTask3", "openColumn"),
        what="deletes the Open API sandbox project (its tasks and column with it)",
    ),
]
