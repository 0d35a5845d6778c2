"""Writes, all inside the run's sandbox, and the reads of what the run created.

Order: the sandbox project first (everything else of the run lives in it or is
named after it), then create -> read -> update -> complete -> delete per kind,
the project last. Ids the client may choose are made here (`object_id`), so an
`undo` exists before the answer arrives.
"""

from __future__ import annotations

from typing import Any, TypeVar, overload

from pydantic import BaseModel, TypeAdapter
from tickspec_generated.endpoints import (
    columns,
    comments,
    habits,
    projects,
    search,
    tasks,
)
from tickspec_generated.models import (
    comment_draft,
    habit_batch_request,
    habit_checkin_batch_request,
    project,
    project_batch_request,
    project_draft,
    project_group,
    project_group_batch_request,
    project_group_draft,
    task,
    task_batch_request,
    task_draft,
    task_move_request,
    task_parent_request,
)

from tickspec._headers import object_id
from tickspec.probe.plan import Context, Step

M = TypeVar("M", bound=BaseModel)
_ADAPTERS: dict[Any, TypeAdapter[Any]] = {}
FILTER_RULE = '{"and":[{"or":[],"conditionType":1,"conditionName":"dueDate"}],"version":1,"type":0}'


@overload
def m(model: type[M], body: Any) -> M: ...
@overload
def m(model: Any, body: Any) -> Any: ...
def m(model: Any, body: Any) -> Any:
    """A request body as the typed model (wire names), so it is what the spec allows;
    `model` may be a list alias (`TaskParentRequest`)."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        return model.model_validate(body)
    adapter = _ADAPTERS.get(model) or _ADAPTERS.setdefault(model, TypeAdapter(model))
    return adapter.validate_python(body)


def _id(ctx: Context, key: str) -> str:
    """The id of `key`, made on first use (client-generated ids, as the web app does)."""
    if key not in ctx.ids:
        ctx.ids[key] = object_id()
    return str(ctx.ids[key])


def _task_delete(ctx: Context, key: str) -> Any:
    where = ctx.ids.get(f"{key}Project", ctx.ids.get("project"))
    body = {"delete": [{"taskId": ctx[key], "projectId": where}]}
    return tasks.batch_task(m(task_batch_request.TaskBatchRequest, body))


def _task_update(ctx: Context, changes: dict[str, Any]) -> Any:
    body = {"id": ctx["task"], "projectId": ctx["project"], "title": ctx.name("task a"), **changes}
    update = {"update": [{**body, "modifiedTime": ctx.time()}]}
    return tasks.batch_task(m(task_batch_request.TaskBatchRequest, update))


def _tags(ctx: Context) -> list[str]:
    found: list[str] = ctx.ids.setdefault("tags", [])
    return found


def _rename(ctx: Context, old: str, new: str) -> None:
    names = _tags(ctx)
    names[names.index(old)] = new


def _drop(*names: str) -> Any:
    def keep(ctx: Context, answer: Any) -> None:
        del answer
        for name in names:
            tag = ctx.tag(name)
            if tag in _tags(ctx):
                _tags(ctx).remove(tag)
        if not _tags(ctx):
            ctx.ids.pop("tags", None)

    return keep


def _habit(ctx: Context, key: str, what: str) -> dict[str, Any]:
    return {
        "id": _id(ctx, key),
        "name": ctx.name(what),
        "color": "#97E38B",
        "goal": 1.0,
        "iconRes": "habit_daily_check_in",
        "status": 0,
        "type": "Boolean",
        "createdTime": ctx.time(),
        "modifiedTime": ctx.time(),
    }


def _habit_batch(add: list[Any], update: list[Any], delete: list[str]) -> Any:
    body = {"add": add, "update": update, "delete": delete}
    return habits.batch_habit(m(habit_batch_request.HabitBatchRequest, body))


def _checkins(add: list[Any], delete: list[str]) -> Any:
    body = {"add": add, "update": [], "delete": delete}
    return habits.batch_habit_checkin(m(habit_checkin_batch_request.HabitCheckinBatchRequest, body))


def _checkin(ctx: Context) -> dict[str, Any]:
    stamp = int(ctx.day(0))
    return {
        "id": _id(ctx, "checkin"),
        "habitId": ctx["habit2"],
        "checkinStamp": stamp,
        "checkinTime": ctx.time(),
        "opTime": ctx.time(),
        "status": 2,
        "value": 1.0,
        "goal": 1.0,
    }


def keep_id(key: str) -> Any:
    """A `keep` that stores the answer's `id` under `key`."""
    return lambda ctx, answer: ctx.ids.__setitem__(key, str(answer["id"]))


PROJECT_STEPS: list[Step] = [
    Step(
        "createProject",
        lambda c: projects.create_project(m(project_draft.ProjectDraft, {"name": c.name()})),
        writes=True,
        creates="project",
        keep=keep_id("project"),
        undo=lambda c: projects.delete_project(c["project"]),
        what="creates the sandbox project 'tickspec-probe <run id>'",
    ),
    Step(
        "updateProject",
        lambda c: projects.update_project(
            c["project"],
            m(project.Project, {"id": c["project"], "name": c.name(), "color": "#4772FA"}),
        ),
        writes=True,
        needs=("project",),
        what="sets the sandbox project's colour",
    ),
    Step(
        "batchProject",
        lambda c: projects.batch_project(
            m(
                project_batch_request.ProjectBatchRequest,
                {"add": [{"id": _id(c, "projectB"), "name": c.name("b"), "kind": "TASK"}]},
            )
        ),
        writes=True,
        creates="projectB",
        needs=("project",),
        undo=lambda c: projects.batch_project(
            m(project_batch_request.ProjectBatchRequest, {"delete": [c["projectB"]]})
        ),
        what="creates project 'tickspec-probe <run id> b'",
    ),
    Step(
        "createProjectGroup",
        lambda c: projects.create_project_group(
            m(
                project_group_draft.ProjectGroupDraft,
                {"name": c.name("folder"), "listType": "group"},
            )
        ),
        writes=True,
        creates="group",
        keep=keep_id("group"),
        needs=("project",),
        undo=lambda c: projects.delete_project_group(c["group"]),
        what="creates folder 'tickspec-probe <run id> folder'",
    ),
    Step(
        "updateProjectGroup",
        lambda c: projects.update_project_group(
            c["group"],
            m(project_group.ProjectGroup, {"id": c["group"], "name": c.name("folder 2")}),
        ),
        writes=True,
        needs=("group",),
        what="renames the run's folder",
    ),
    Step(
        "batchProjectGroup",
        lambda c: projects.batch_project_group(
            m(
                project_group_batch_request.ProjectGroupBatchRequest,
                {
                    "add": [
                        {"id": _id(c, "group2"), "name": c.name("folder b"), "listType": "group"}
                    ]
                },
            )
        ),
        writes=True,
        creates="group2",
        needs=("project",),
        undo=lambda c: projects.batch_project_group(
            m(project_group_batch_request.ProjectGroupBatchRequest, {"delete": [c["group2"]]})
        ),
        what="creates folder 'tickspec-probe <run id> folder b'",
    ),
]

TASK_STEPS: list[Step] = [
    Step(
        "batchTask",
        lambda c: tasks.batch_task(
            m(
                task_batch_request.TaskBatchRequest,
                {
                    "add": [
                        {
                            "id": _id(c, "task"),
                            "projectId": c["project"],
                            "title": c.name("task a"),
                            "status": 0,
                            "priority": 0,
                            "createdTime": c.time(),
                            "modifiedTime": c.time(),
                        }
                    ]
                },
            )
        ),
        writes=True,
        creates="task",
        needs=("project",),
        undo=lambda c: _task_delete(c, "task"),
        what="creates task 'tickspec-probe <run id> task a'",
    ),
    Step(
        "createTask",
        lambda c: tasks.create_task(
            m(task_draft.TaskDraft, {"projectId": c["project"], "title": c.name("task b")})
        ),
        writes=True,
        creates="task2",
        needs=("project",),
        keep=keep_id("task2"),
        undo=lambda c: _task_delete(c, "task2"),
        what="creates task 'tickspec-probe <run id> task b'",
    ),
    Step("getTask", lambda c: tasks.get_task(c["task"], project_id=c["project"]), needs=("task",)),
    Step(
        "updateTask",
        lambda c: tasks.update_task(
            c["task"],
            m(
                task.Task,
                {
                    "id": c["task"],
                    "projectId": c["project"],
                    "title": c.name("task a"),
                    "content": "probe",
                },
            ),
        ),
        writes=True,
        needs=("task",),
        what="sets the content of task a",
    ),
    Step(
        "batchTask",
        lambda c: _task_update(c, {"priority": 1}),
        writes=True,
        needs=("task",),
        what="sets the priority of task a",
    ),
    Step(
        "batchTaskParent",
        lambda c: tasks.batch_task_parent(
            m(
                task_parent_request.TaskParentRequest,
                [{"taskId": c["task2"], "projectId": c["project"], "parentId": c["task"]}],
            )
        ),
        writes=True,
        needs=("task", "task2"),
        what="makes task b a subtask of task a",
    ),
    Step(
        "batchTaskProject",
        lambda c: tasks.batch_task_project(
            m(
                task_move_request.TaskMoveRequest,
                [
                    {
                        "taskId": c["task2"],
                        "fromProjectId": c["project"],
                        "toProjectId": c["projectB"],
                    }
                ],
            )
        ),
        writes=True,
        needs=("task2", "projectB"),
        keep=lambda c, a: c.ids.__setitem__("task2Project", c["projectB"]),
        what="moves task b to project b",
    ),
    Step("getProjectTasks", lambda c: tasks.get_project_tasks(c["project"]), needs=("project",)),
    Step(
        "getProjectColumns", lambda c: columns.get_project_columns(c["project"]), needs=("project",)
    ),
    Step("getProjectUsers", lambda c: projects.get_project_users(c["project"]), needs=("project",)),
    Step("getTaskActivity", lambda c: tasks.get_task_activity(c["task"]), needs=("task",)),
    Step("searchAll", lambda c: search.search_all(keywords=c.name()), needs=("task",)),
    Step(
        "createTaskComment",
        lambda c: comments.create_task_comment(
            c["project"],
            c["task"],
            m(
                comment_draft.CommentDraft,
                {
                    "id": _id(c, "comment"),
                    "taskId": c["task"],
                    "projectId": c["project"],
                    "title": c.name("comment"),
                    "createdTime": c.time(),
                },
            ),
        ),
        writes=True,
        creates="comment",
        needs=("task",),
        undo=lambda c: comments.delete_task_comment(c["project"], c["task"], c["comment"]),
        what="comments on task a",
    ),
    Step(
        "getTaskComments",
        lambda c: comments.get_task_comments(c["project"], c["task"]),
        needs=("task",),
    ),
    Step(
        "deleteTaskComment",
        lambda c: comments.delete_task_comment(c["project"], c["task"], c["comment"]),
        writes=True,
        needs=("comment",),
        removes=("comment",),
        what="deletes the comment",
    ),
    Step(
        "batchTask",
        lambda c: _task_update(c, {"status": 2, "completedTime": c.time()}),
        writes=True,
        needs=("task",),
        what="completes task a",
    ),
    Step(
        "getCompletedInProject",
        lambda c: tasks.get_completed_in_project(c["project"], limit=5),
        needs=("project",),
    ),
    Step(
        "getClosedInProject",
        lambda c: tasks.get_closed_in_project(c["project"], limit=5),
        needs=("project",),
    ),
]
