"""The web endpoints few clients call (census, issue 10): countdowns, comments,
templates, project users, ordering, closed and trashed pages, task activity and
assignment, the body form of tag delete, and some statistics.

No seed captures these: the bodies follow the endpoint census's clients, or the
smallest shape the schema allows where it says "shape inferred". Names of other
users are the placeholder REDACTED.
"""

from __future__ import annotations

from .common import HABIT, PROJECT, TASK, USER, Captures, ok, web

COUNTDOWN = "696b90862c6f3277d1cc4900"
COMMENT = "696b90862c6f3277d1cc4a00"
TEMPLATE = "696b90862c6f3277d1cc4b00"
# Small, but with the two fields every whole task TickTick answers carries, whoever
# wrote it: deleted and creator (the real tasks of fixtures_har/real/, e.g. tpy18-getTask).
WEB_TASK = {
    "id": TASK,
    "projectId": PROJECT,
    "title": "Buy milk",
    "status": 2,
    "priority": 5,
    "completedTime": "2026-01-17T13:30:00.000+0000",
    "modifiedTime": "2026-01-17T13:30:00.000+0000",
    "etag": "wxbn3q91",
    "deleted": 0,
    "creator": USER,
}
COUNTDOWN_BODY = {
    "id": COUNTDOWN,
    "name": "Holiday",
    "date": 20260301,
    "type": 1,
    "color": "#FF8C00",
    "sortOrder": 0,
}
COMMENT_BODY = {
    "id": COMMENT,
    "taskId": TASK,
    "projectId": PROJECT,
    "title": "Whole milk, please",
    "createdTime": "2026-01-17T13:12:28.000+0000",
}
MY_PROFILE = {"displayName": "REDACTED", "isMyself": True}
TEMPLATE_BODY = {"id": TEMPLATE, "title": "Weekly review", "content": "", "items": ["Inbox zero"]}


def scenarios() -> Captures:
    closed_query = [
        ("from", "2026-01-01 00:00:00"),
        ("to", "2026-01-17 23:59:59"),
        ("status", "Completed"),
        ("limit", "50"),
    ]
    comment_path = f"/api/v2/project/{PROJECT}/task/{TASK}/comment"
    return {
        "getCountdowns": [
            web("GET", "/api/v2/countdown/list", [{**COUNTDOWN_BODY, "etag": "wxbn3q91"}])
        ],
        "batchCountdowns": [
            web(
                "POST",
                "/api/v2/countdown/batch",
                ok(**{COUNTDOWN: "wxbn3q91"}),
                {"add": [COUNTDOWN_BODY], "update": [], "delete": []},
            )
        ],
        "getTaskComments": [
            web("GET", comment_path + "s", [{**COMMENT_BODY, "userProfile": MY_PROFILE}])
        ],
        "createTaskComment": [
            web("POST", comment_path, {**COMMENT_BODY, "userProfile": MY_PROFILE}, COMMENT_BODY)
        ],
        "deleteTaskComment": [web("DELETE", f"{comment_path}/{COMMENT}")],
        "getProjects": [web("GET", "/api/v2/projects", [{"id": PROJECT, "name": "Groceries"}])],
        "getProjectUsers": [
            web(
                "GET",
                f"/api/v2/project/{PROJECT}/users",
                [
                    {
                        "userId": USER,
                        "displayName": "REDACTED",
                        "isOwner": True,
                        "permission": "write",
                    }
                ],
            )
        ],
        "batchOrder": [
            web(
                "POST",
                "/api/v2/batch/order",
                ok(),
                {"taskByPriority": {"all": {"changed": [], "deleted": []}}},
            )
        ],
        "getClosedInProject": [
            web("GET", f"/api/v2/project/{PROJECT}/closed", [WEB_TASK], query=closed_query)
        ],
        "getTrashPage": [
            web(
                "GET",
                "/api/v2/project/all/trash/page",
                {"tasks": [], "next": 0},
                query=[("start", "0"), ("limit", "50")],
            )
        ],
        "emptyTrash": [web("DELETE", "/api/v2/trash/cleanUp")],
        "getProjectTasks": [
            web(
                "GET",
                f"/api/v2/project/{PROJECT}/tasks",
                [{**WEB_TASK, "status": 0, "completedTime": None}],
            )
        ],
        "getTemplates": [
            web(
                "GET",
                "/api/v2/templates",
                {"taskTemplates": [TEMPLATE_BODY], "projectTemplates": []},
            )
        ],
        "createTaskTemplate": [
            web(
                "POST",
                "/api/v2/templates/task",
                {**TEMPLATE_BODY, "createdTime": "2026-01-17T13:12:28.000+0000"},
                TEMPLATE_BODY,
            )
        ],
        "getTaskActivity": [
            web(
                "GET",
                f"/api/v1/task/activity/{TASK}",
                [
                    {
                        "id": f"{TASK}-t_create",
                        "action": "T_CREATE",
                        "when": "2026-01-17T13:12:28.000+0000",
                        "deviceChannel": "web",
                    }
                ],
            )
        ],
        "assignTasks": [
            web(
                "POST",
                "/api/v2/task/assign",
                ok(**{TASK: "wxbn3q91"}),
                [{"taskId": TASK, "projectId": PROJECT, "assignee": USER}],
            )
        ],
        "deleteTagByBody": [web("DELETE", "/api/v2/tag/delete", None, {"name": "errands"})],
        "getTags": [web("GET", "/api/v2/tags", [{"name": "errands", "label": "errands"}])],
        "getHabitWeekStatistics": [
            web("GET", "/api/v2/habits/statistics/week/current", {HABIT: {"totalCheckIns": 3}})
        ],
        "getArchivedCalendarEvents": [web("GET", "/api/v2/calendar/archivedEvent", [])],
        "getDailyReminder": [
            web(
                "GET",
                "/api/v2/user/preferences/dailyReminder",
                {"time": "09:00", "daysOfWeek": ["MO", "TU", "WE", "TH", "FR"], "enable": True},
            )
        ],
        "getUserStatistics": [
            web(
                "GET", "/api/v2/user/statistics", {"score": 1240, "level": 5, "totalCompleted": 812}
            )
        ],
        "getTaskStatistics": [
            web(
                "GET",
                "/api/v2/task/statistics/20260111/20260117",
                [{"day": "20260117", "completeCount": 2, "notCompleteCount": 1}],
            )
        ],
        "getUserRanking": [
            web(
                "GET",
                "/api/v3/user/ranking",
                {
                    "ranking": 87.5,
                    "taskCount": 900,
                    "projectCount": 12,
                    "dayCount": 400,
                    "completedCount": 812,
                    "score": 1240,
                    "level": 5,
                },
            )
        ],
    }
