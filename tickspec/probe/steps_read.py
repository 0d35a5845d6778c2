"""Reads of the account: each sends nothing that changes it.

The reads that need an object of the run (a project's tasks, a task's comments)
are in steps_write.py, after the step that creates the object.
"""

from __future__ import annotations

from tickspec_generated.endpoints import (
    auth,
    columns,
    countdowns,
    focus,
    habits,
    projects,
    sync,
    tags,
    tasks,
    user,
)
from tickspec_generated.models.habit_checkin_query_request import HabitCheckinQueryRequest

from tickspec.probe.plan import Context, Step, store

LONG_AGO = "2000-01-01 00:00:00"


def _window(ctx: Context) -> tuple[str, str]:
    return ctx.day(-30), ctx.day(0)


def _habit_ids(answer: object) -> list[str]:
    return (
        [str(h["id"]) for h in answer if isinstance(h, dict)][:3]
        if isinstance(answer, list)
        else []
    )


READS: list[Step] = [
    Step("getUserProfile", lambda c: user.get_user_profile()),
    Step("getUserStatus", lambda c: user.get_user_status()),
    Step(
        "getUserSettings",
        lambda c: user.get_user_settings(include_web=True),
        keep=store("settings"),
    ),
    Step("getLimits", lambda c: user.get_limits()),
    Step("getMfaSetting", lambda c: auth.get_mfa_setting()),
    Step("syncV3", lambda c: sync.sync_v3(0)),
    Step("syncV2", lambda c: sync.sync_v2(0)),
    Step("getProjects", lambda c: projects.get_projects()),
    Step("getTags", lambda c: tags.get_tags()),
    Step("getColumns", lambda c: columns.get_columns(from_=0)),
    Step("getCountdowns", lambda c: countdowns.get_countdowns()),
    Step("getHabits", lambda c: habits.get_habits(), keep=store("userHabits", _habit_ids)),
    Step("getHabitSections", lambda c: habits.get_habit_sections()),
    Step("getHabitPreferences", lambda c: habits.get_habit_preferences(platform="web")),
    Step("getHabitWeekStatistics", lambda c: habits.get_habit_week_statistics()),
    Step(
        "queryHabitCheckins",
        lambda c: habits.query_habit_checkins(
            HabitCheckinQueryRequest.model_validate(
                {"habitIds": c.ids.get("userHabits", []), "afterStamp": int(c.day(-7))}
            )
        ),
    ),
    Step("getFocusTimeline", lambda c: focus.get_focus_timeline()),
    Step("getFocusTimers", lambda c: focus.get_focus_timers()),
    Step("getFocusGeneralStatistics", lambda c: focus.get_focus_general_statistics()),
    Step("getFocusHeatmap", lambda c: focus.get_focus_heatmap(*_window(c))),
    Step("getFocusDistribution", lambda c: focus.get_focus_distribution(*_window(c))),
    Step("getFocusClockDistribution", lambda c: focus.get_focus_clock_distribution(*_window(c))),
    Step("getFocusClockByDay", lambda c: focus.get_focus_clock_by_day(*_window(c))),
    Step("getAllCompleted", lambda c: tasks.get_all_completed(limit=5)),
    Step("getCompletedInAll", lambda c: tasks.get_completed_in_all(limit=5)),
    Step("getClosedProjects", lambda c: tasks.get_closed_projects(from_=LONG_AGO, limit=5)),
    Step("getTrash", lambda c: tasks.get_trash(start=0, limit=5)),
    Step("getTrashPage", lambda c: tasks.get_trash_page(start=0, limit=5)),
    Step("getTemplates", lambda c: tasks.get_templates()),
    Step("getTaskStatistics", lambda c: user.get_task_statistics(*_window(c))),
    Step("getGeneralStatistics", lambda c: user.get_general_statistics()),
    Step("getUserStatistics", lambda c: user.get_user_statistics()),
    Step("getUserRanking", lambda c: user.get_user_ranking()),
    Step("getDailyReminder", lambda c: user.get_daily_reminder()),
    Step("getUnreadNotifications", lambda c: user.get_unread_notifications()),
    # autoMarkRead=false, as the web app sends it: reading must not change the account
    Step("getNotifications", lambda c: user.get_notifications(auto_mark_read=False)),
    Step("getCalendarSubscriptions", lambda c: user.get_calendar_subscriptions()),
    Step("getThirdCalendarAccounts", lambda c: user.get_third_calendar_accounts()),
    Step("getBoundCalendarEvents", lambda c: user.get_bound_calendar_events()),
    Step("getArchivedCalendarEvents", lambda c: user.get_archived_calendar_events()),
]
