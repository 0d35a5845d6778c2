"""The Open API's other objects: the account reads, then folders, columns, tags, focus
records and habits of the run, each created, read, changed and deleted.

The Open API can create tags, habits and habit check-ins but not delete them. The
probe creates those only when it also holds a web session (`also=("web",)`), and
deletes them through the web API, the same way `--cleanup` would. Without a web
session they are not sent, because the run could not delete them again.
The Open API has no column delete either: the run's column lives in its 'open'
project and goes with it.
"""

from __future__ import annotations

from typing import Any, Literal

from tickspec_generated.endpoints import open as api
from tickspec_generated.endpoints import tags
from tickspec_generated.models import (
    open_column_create,
    open_column_update,
    open_focus_create,
    open_habit_checkin_create,
    open_habit_create,
    open_habit_update,
    open_project_group_create,
    open_project_group_update,
    open_tag_create,
    tag_batch_request,
)

from tickspec.probe.plan import Context, Step
from tickspec.probe.steps_open import DAY
from tickspec.probe.steps_write import _checkins, _habit_batch, keep_id, m

POMODORO: Literal[0, 1] = 0
"""Focus record type 0 (a pomodoro); 1 is a stopwatch ("timing") record."""

OPEN_READS: list[Step] = [
    Step("openListProjects", lambda c: api.open_list_projects(), api="open"),
    Step("openGetPreference", lambda c: api.open_get_preference(), api="open"),
    Step("openListProjectGroups", lambda c: api.open_list_project_groups(), api="open"),
    Step("openListTags", lambda c: api.open_list_tags(), api="open"),
    Step("openListCountdowns", lambda c: api.open_list_countdowns(), api="open"),
    Step("openListHabits", lambda c: api.open_list_habits(), api="open"),
    Step("openListHabitSections", lambda c: api.open_list_habit_sections(), api="open"),
]


def _tag(ctx: Context) -> Any:
    name = ctx.ids["openTag"] = ctx.tag("open")  # the client's: the undo exists before sending
    return api.open_create_tag(m(open_tag_create.OpenTagCreate, {"name": name, "label": name}))


def _delete_tag(ctx: Context) -> Any:
    body = {"delete": [ctx["openTag"]]}
    return tags.batch_tag(m(tag_batch_request.TagBatchRequest, body))


def _habit(ctx: Context) -> Any:
    body = {
        "name": ctx.name("open habit"),
        "color": "#97E38B",
        "type": "Boolean",
        "goal": 1.0,
        "step": 1.0,
        "unit": "Count",
        "repeatRule": "RRULE:FREQ=DAILY;INTERVAL=1",
    }
    return api.open_create_habit(m(open_habit_create.OpenHabitCreate, body))


def _checked_in(ctx: Context, answer: Any) -> None:
    """The id of today's check-in, from the habit's check-ins of the year."""
    today = int(ctx.day(0))
    found = [c for c in answer["checkins"] if isinstance(c, dict) and c.get("stamp") == today]
    ctx.ids["openCheckin"] = str(found[0]["id"])


WEB_DELETES = "through the web API (the Open API has no delete for it)"

OPEN_KIND_STEPS: list[Step] = [
    Step(
        "openCreateProjectGroup",
        lambda c: api.open_create_project_group(
            m(open_project_group_create.OpenProjectGroupCreate, {"name": c.name("open folder")})
        ),
        api="open",
        writes=True,
        creates="openGroup",
        keep=keep_id("openGroup"),
        undo=lambda c: api.open_delete_project_group(c["openGroup"]),
        what="creates folder 'tickspec-probe <run id> open folder'",
    ),
    Step(
        "openUpdateProjectGroup",
        lambda c: api.open_update_project_group(
            c["openGroup"],
            m(open_project_group_update.OpenProjectGroupUpdate, {"name": c.name("open folder 2")}),
        ),
        api="open",
        writes=True,
        needs=("openGroup",),
        what="renames that folder",
    ),
    Step(
        "openDeleteProjectGroup",
        lambda c: api.open_delete_project_group(c["openGroup"]),
        api="open",
        writes=True,
        needs=("openGroup",),
        removes=("openGroup",),
        what="deletes that folder",
    ),
    Step(
        "openCreateColumn",
        lambda c: api.open_create_column(
            c["openProject"],
            m(open_column_create.OpenColumnCreate, {"name": c.name("open column")}),
        ),
        api="open",
        writes=True,
        needs=("openProject",),
        keep=keep_id("openColumn"),
        what="creates a column in project open (deleted with the project)",
    ),
    Step(
        "openListColumns",
        lambda c: api.open_list_columns(c["openProject"]),
        api="open",
        needs=("openProject",),
    ),
    Step(
        "openUpdateColumn",
        lambda c: api.open_update_column(
            c["openProject"],
            c["openColumn"],
            m(open_column_update.OpenColumnUpdate, {"name": c.name("open column 2")}),
        ),
        api="open",
        writes=True,
        needs=("openColumn",),
        what="renames that column",
    ),
    Step(
        "openCreateTag",
        _tag,
        api="open",
        also=("web",),
        writes=True,
        creates="openTag",
        undo=_delete_tag,
        what="creates tag tickspec-probe-<run id>-open (the web API deletes it)",
    ),
    Step(
        "batchTag",
        _delete_tag,
        also=("open",),
        writes=True,
        needs=("openTag",),
        removes=("openTag",),
        what=f"deletes tag -open {WEB_DELETES}",
    ),
    Step(
        "openCreateFocus",
        lambda c: api.open_create_focus(
            m(
                open_focus_create.OpenFocusCreate,
                {
                    "type": POMODORO,
                    "note": c.name("open focus"),
                    "startTime": c.time(-110),
                    "endTime": c.time(-85),
                },
            )
        ),
        api="open",
        writes=True,
        creates="openFocus",
        keep=keep_id("openFocus"),
        undo=lambda c: api.open_delete_focus(c["openFocus"], type=POMODORO),
        what="adds a 25-minute focus record noted 'tickspec-probe <run id> open focus'",
    ),
    Step(
        "openListFocuses",
        lambda c: api.open_list_focuses(from_=c.time(-DAY), to=c.time(5), type=POMODORO),
        api="open",
    ),
    Step(
        "openGetFocus",
        lambda c: api.open_get_focus(c["openFocus"], type=POMODORO),
        api="open",
        needs=("openFocus",),
    ),
    Step(
        "openDeleteFocus",
        lambda c: api.open_delete_focus(c["openFocus"], type=POMODORO),
        api="open",
        writes=True,
        needs=("openFocus",),
        removes=("openFocus",),
        what="deletes that focus record (only the run's own)",
    ),
    Step(
        "openCreateHabit",
        _habit,
        api="open",
        also=("web",),
        writes=True,
        creates="openHabit",
        keep=keep_id("openHabit"),
        undo=lambda c: _habit_batch([], [], [c["openHabit"]]),
        what="creates habit 'tickspec-probe <run id> open habit' (the web API deletes it)",
    ),
    Step(
        "openGetHabit",
        lambda c: api.open_get_habit(c["openHabit"]),
        api="open",
        also=("web",),
        needs=("openHabit",),
    ),
    Step(
        "openUpdateHabit",
        lambda c: api.open_update_habit(
            c["openHabit"],
            m(
                open_habit_update.OpenHabitUpdate,
                {"name": c.name("open habit"), "encouragement": "probe"},
            ),
        ),
        api="open",
        also=("web",),
        writes=True,
        needs=("openHabit",),
        what="sets that habit's encouragement",
    ),
    Step(
        "openCheckinHabit",
        lambda c: api.open_checkin_habit(
            c["openHabit"],
            m(
                open_habit_checkin_create.OpenHabitCheckinCreate,
                {"stamp": int(c.day(0)), "value": 1.0, "goal": 1.0},
            ),
        ),
        api="open",
        also=("web",),
        writes=True,
        needs=("openHabit",),
        creates="openCheckin",
        keep=_checked_in,
        undo=lambda c: _checkins([], [c["openCheckin"]]),
        what="checks that habit in today (the web API deletes the check-in)",
    ),
    Step(
        "openListHabitCheckins",
        lambda c: api.open_list_habit_checkins(
            habit_ids=c["openHabit"], from_=int(c.day(-7)), to=int(c.day(0))
        ),
        api="open",
        also=("web",),
        needs=("openHabit",),
    ),
    Step(
        "batchHabitCheckin",
        lambda c: _checkins([], [c["openCheckin"]]),
        also=("open",),
        writes=True,
        needs=("openCheckin",),
        removes=("openCheckin",),
        what=f"deletes that check-in {WEB_DELETES}",
    ),
    Step(
        "batchHabit",
        lambda c: _habit_batch([], [], [c["openHabit"]]),
        also=("open",),
        writes=True,
        needs=("openHabit",),
        removes=("openHabit",),
        what=f"deletes habit 'open habit' {WEB_DELETES}",
    ),
]
