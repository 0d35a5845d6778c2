"""Writes of the other kinds (tags, filters, columns, countdowns, habits, focus
records, settings) and the deletes that end the run's sandbox, project last."""

from __future__ import annotations

from typing import Any

from tickspec_generated.endpoints import (
    columns,
    countdowns,
    filters,
    focus,
    habits,
    projects,
    tags,
    tasks,
    user,
)
from tickspec_generated.models import (
    column_batch_request,
    countdown_batch_request,
    filter_batch_request,
    focus_record_batch_request,
    habit,
    habit_checkin,
    habit_checkin_query_request,
    project_batch_request,
    project_group_batch_request,
    tag_batch_request,
    tag_completed_request,
    tag_delete_request,
    tag_merge_request,
    tag_rename_request,
    user_settings,
)

from tickspec.probe.plan import Context, Step
from tickspec.probe.steps_write import (
    FILTER_RULE,
    _checkin,
    _checkins,
    _drop,
    _habit,
    _habit_batch,
    _id,
    _rename,
    _tags,
    _task_delete,
    m,
)

TAGS = ("a", "b", "c", "d")


def _add_tags(ctx: Context) -> Any:
    names = [ctx.tag(t) for t in TAGS]
    ctx.ids["tags"] = list(names)
    body = {"add": [{"name": n, "label": n, "sortOrder": 0} for n in names]}
    return tags.batch_tag(m(tag_batch_request.TagBatchRequest, body))


def _tag_undo(ctx: Context) -> Any:
    return tags.batch_tag(m(tag_batch_request.TagBatchRequest, {"delete": list(_tags(ctx))}))


def _renamed(ctx: Context, answer: Any) -> None:
    del answer
    _rename(ctx, ctx.tag("a"), ctx.tag("a2"))


def _countdown(ctx: Context, name: str) -> dict[str, Any]:
    return {
        "id": _id(ctx, "countdown"),
        "name": ctx.name(name),
        "date": int(ctx.day(30)),
        "type": 1,
    }


TAG_STEPS: list[Step] = [
    Step(
        "batchTag",
        _add_tags,
        writes=True,
        creates="tags",
        undo=_tag_undo,
        what="creates tags tickspec-probe-<run id>-a, -b, -c, -d",
    ),
    Step(
        "renameTag",
        lambda c: tags.rename_tag(
            m(tag_rename_request.TagRenameRequest, {"name": c.tag("a"), "newName": c.tag("a2")})
        ),
        writes=True,
        needs=("tags",),
        keep=_renamed,
        what="renames tag -a to -a2",
    ),
    Step(
        "mergeTag",
        lambda c: tags.merge_tag(
            m(tag_merge_request.TagMergeRequest, {"name": c.tag("b"), "newName": c.tag("a2")})
        ),
        writes=True,
        needs=("tags",),
        keep=_drop("b"),
        what="merges tag -b into -a2",
    ),
    Step(
        "getTagCompletedTasks",
        lambda c: tags.get_tag_completed_tasks(
            m(tag_completed_request.TagCompletedTasksRequest, {"tags": [c.tag("a2")], "limit": 5})
        ),
        needs=("tags",),
    ),
    Step(
        "deleteTag",
        lambda c: tags.delete_tag(c.tag("c")),
        writes=True,
        needs=("tags",),
        keep=_drop("c"),
        what="deletes tag -c",
    ),
    Step(
        "deleteTagByQuery",
        lambda c: tags.delete_tag_by_query(name=c.tag("d")),
        writes=True,
        needs=("tags",),
        keep=_drop("d"),
        what="deletes tag -d",
    ),
    Step(
        "deleteTagByBody",
        lambda c: tags.delete_tag_by_body(
            m(tag_delete_request.TagDeleteRequest, {"name": c.tag("a2")})
        ),
        writes=True,
        needs=("tags",),
        keep=_drop("a2"),
        removes=("tags",),
        what="deletes tag -a2",
    ),
    Step(
        "batchFilter",
        lambda c: filters.batch_filter(
            m(
                filter_batch_request.FilterBatchRequest,
                {"add": [{"id": _id(c, "filter"), "name": c.name("filter"), "rule": FILTER_RULE}]},
            )
        ),
        writes=True,
        creates="filter",
        undo=lambda c: filters.batch_filter(
            m(filter_batch_request.FilterBatchRequest, {"delete": [c["filter"]]})
        ),
        what="creates filter 'tickspec-probe <run id> filter'",
    ),
    Step(
        "batchFilter",
        lambda c: filters.batch_filter(
            m(filter_batch_request.FilterBatchRequest, {"delete": [c["filter"]]})
        ),
        writes=True,
        needs=("filter",),
        removes=("filter",),
        what="deletes the filter",
    ),
    Step(
        "upsertColumns",
        lambda c: columns.upsert_columns(
            m(
                column_batch_request.ColumnBatchRequest,
                {
                    "add": [
                        {
                            "id": _id(c, "column"),
                            "projectId": c["project"],
                            "name": c.name("column"),
                            "sortOrder": 0,
                        }
                    ]
                },
            )
        ),
        writes=True,
        needs=("project",),
        creates="column",
        undo=lambda c: columns.upsert_columns(
            m(
                column_batch_request.ColumnBatchRequest,
                {"delete": [{"columnId": c["column"], "projectId": c["project"]}]},
            )
        ),
        what="creates a column in the sandbox project",
    ),
    Step(
        "batchCountdowns",
        lambda c: countdowns.batch_countdowns(
            m(countdown_batch_request.CountdownBatchRequest, {"add": [_countdown(c, "countdown")]})
        ),
        writes=True,
        creates="countdown",
        undo=lambda c: countdowns.batch_countdowns(
            m(countdown_batch_request.CountdownBatchRequest, {"delete": [c["countdown"]]})
        ),
        what="creates countdown 'tickspec-probe <run id> countdown'",
    ),
    Step(
        "batchCountdowns",
        lambda c: countdowns.batch_countdowns(
            m(countdown_batch_request.CountdownBatchRequest, {"delete": [c["countdown"]]})
        ),
        writes=True,
        needs=("countdown",),
        removes=("countdown",),
        what="deletes the countdown",
    ),
    # createHabit/updateHabit/deleteHabit answer 405 to a web session (documented): the
    # habit the later steps use is made by batchHabit, and the batch deletes it too.
    Step(
        "createHabit",
        lambda c: habits.create_habit(m(habit.Habit, _habit(c, "habit", "habit"))),
        writes=True,
        creates="habit",
        undo=lambda c: _habit_batch([], [], [c["habit"]]),
        what="creates habit 'tickspec-probe <run id> habit'",
    ),
    Step(
        "batchHabit",
        lambda c: _habit_batch([_habit(c, "habit2", "habit b")], [], []),
        writes=True,
        creates="habit2",
        undo=lambda c: _habit_batch([], [], [c["habit2"]]),
        what="creates habit 'tickspec-probe <run id> habit b'",
    ),
    Step(
        "updateHabit",
        lambda c: habits.update_habit(
            c["habit2"],
            m(habit.Habit, {**_habit(c, "habit2", "habit b"), "encouragement": "probe"}),
        ),
        writes=True,
        needs=("habit2",),
        what="updates habit b",
    ),
    Step(
        "createHabitCheckin",
        lambda c: habits.create_habit_checkin(m(habit_checkin.HabitCheckin, _checkin(c))),
        writes=True,
        needs=("habit2",),
        creates="checkin",
        undo=lambda c: _checkins([], [c["checkin"]]),
        what="checks habit b in today",
    ),
    Step(
        "queryHabitCheckins",
        lambda c: habits.query_habit_checkins(
            m(
                habit_checkin_query_request.HabitCheckinQueryRequest,
                {"habitIds": [c["habit2"]], "afterStamp": int(c.day(-7))},
            )
        ),
        needs=("habit2",),
    ),
    Step(
        "batchHabitCheckin",
        lambda c: _checkins([], [c["checkin"]]),
        writes=True,
        needs=("checkin",),
        removes=("checkin",),
        what="deletes the check-in",
    ),
    Step(
        "deleteHabit",
        lambda c: habits.delete_habit(c["habit2"]),
        writes=True,
        needs=("habit2",),
        what="deletes habit b (a web session gets 405: the batch does it)",
    ),
    Step(
        "batchHabit",
        lambda c: _habit_batch([], [], [c["habit2"]]),
        writes=True,
        needs=("habit2",),
        removes=("habit2",),
        what="deletes habit 'habit b'",
    ),
    Step(
        "batchFocusRecords",
        lambda c: focus.batch_focus_records(
            m(
                focus_record_batch_request.FocusRecordBatchRequest,
                {
                    "add": [
                        {
                            "id": _id(c, "focus"),
                            "startTime": c.time(-50),
                            "endTime": c.time(-25),
                            "status": 1,
                            "note": c.name("focus"),
                            "pauseDuration": 0,
                            "added": True,
                        }
                    ]
                },
            )
        ),
        writes=True,
        creates="focus",
        undo=lambda c: focus.delete_focus_record(c["focus"]),
        what="adds a 25-minute focus record noted 'tickspec-probe <run id> focus'",
    ),
    Step(
        "deleteFocusRecord",
        lambda c: focus.delete_focus_record(c["focus"]),
        writes=True,
        needs=("focus",),
        removes=("focus",),
        what="deletes the focus record",
    ),
    Step(
        "updateUserSettings",
        lambda c: user.update_user_settings(m(user_settings.UserSettings, c["settings"])),
        writes=True,
        needs=("settings",),
        what="writes back the settings it read (no change)",
    ),
]

END_STEPS: list[Step] = [
    Step(
        "batchTask",
        lambda c: _task_delete(c, "task2"),
        writes=True,
        needs=("task2",),
        removes=("task2",),
        what="deletes task b (to the trash)",
    ),
    Step(
        "batchTask",
        lambda c: _task_delete(c, "task"),
        writes=True,
        needs=("task",),
        removes=("task",),
        what="deletes task a (to the trash)",
    ),
    Step(
        "batchProjectGroup",
        lambda c: projects.batch_project_group(
            m(project_group_batch_request.ProjectGroupBatchRequest, {"delete": [c["group2"]]})
        ),
        writes=True,
        needs=("group2",),
        removes=("group2",),
        what="deletes folder b",
    ),
    Step(
        "deleteProjectGroup",
        lambda c: projects.delete_project_group(c["group"]),
        writes=True,
        needs=("group",),
        removes=("group",),
        what="deletes the folder",
    ),
    Step(
        "batchProject",
        lambda c: projects.batch_project(
            m(project_batch_request.ProjectBatchRequest, {"delete": [c["projectB"]]})
        ),
        writes=True,
        needs=("projectB",),
        removes=("projectB",),
        what="deletes project b",
    ),
    Step(
        "deleteProject",
        lambda c: projects.delete_project(c["project"]),
        writes=True,
        needs=("project",),
        removes=("project", "column"),
        what="deletes the sandbox project",
    ),
]

del tasks
