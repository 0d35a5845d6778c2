"""dida365-api 0.2.5: its Dida365Client (the Open API, 2026 endpoints included) against
tickspec serve.

Signing on is the client's own flow, `authenticate()`: it starts its callback
server on localhost, prints the authorize URL, waits for the browser to bring the
code back, checks `state`, and posts the code as a form body with every field in
it. The user's browser is `approve(url, follow=True)`: it loads the authorize page
(the server approves at once) and follows the redirect to that callback server.

Patched: `ApiConfig.auth_url` and `token_url` (properties that accept only
ticktick.com or dida365.com), and the client config's `custom_base_url` (the
client has the setting but never passes it on). The client reads `.env` and
`pyproject.toml` from the working directory, so the driver runs in an empty one.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import socket
import tempfile
import time

from _driver import approve, arguments, step

os.chdir(tempfile.mkdtemp(prefix="dida365-driver-"))  # before dida365 reads .env

from dida365 import (  # noqa: E402
    ApiConfig,
    ColumnCreate,
    ColumnUpdate,
    Dida365Client,
    FocusCreate,
    FocusType,
    HabitCheckinCreate,
    HabitCreate,
    HabitUpdate,
    ProjectCreate,
    ProjectGroupCreate,
    ProjectGroupUpdate,
    ProjectUpdate,
    ServiceType,
    TagCreate,
    TaskCreate,
    TaskMoveItem,
    TaskPriority,
    TaskStatus,
    TaskUpdate,
)

args = arguments()
ApiConfig.auth_url = property(lambda self: args.base + "/oauth/authorize")  # type: ignore[assignment]
ApiConfig.token_url = property(lambda self: args.base + "/oauth/token")  # type: ignore[assignment]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _raise(exc: BaseException) -> None:
    raise exc


async def main() -> None:
    port = free_port()
    client = Dida365Client(
        client_id=args.client_id,
        client_secret=args.client_secret,
        service_type=ServiceType.TICKTICK,
        redirect_uri=f"http://localhost:{port}/callback",
        save_to_env=False,
    )
    client.config.custom_base_url = args.base

    async def run(name: str, func, /, *a, **k):  # type: ignore[no-untyped-def]
        """One step: awaited here, reported through `step` like the sync drivers."""
        try:
            value = await func(*a, **k)
        except Exception as exc:
            step(name, _raise, exc)
            return None
        step(name, lambda: True if value is None else value)
        return value

    def browser() -> str:
        time.sleep(1)  # the client's callback server starts first
        return approve(client.get_authorization_url(state="tickspec-peer"), follow=True)

    async def sign_on():  # type: ignore[no-untyped-def]
        token, _ = await asyncio.gather(
            client.authenticate(state="tickspec-peer", port=port), asyncio.to_thread(browser)
        )
        return token

    if await run("sign on (OAuth2: authorize, callback, token)", sign_on) is None:
        return
    now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)

    await run("projects list", client.get_projects)
    inbox = await run("inbox data", client.get_project_with_data, "inbox")
    inbox_id = inbox.project.id if inbox is not None and inbox.project is not None else "inbox"
    project = await run(
        "project create", client.create_project, ProjectCreate(name="dida list", color="#4D8CF5")
    )
    if project is None:
        return
    await run("project get", client.get_project, project.id)
    await run(
        "project update", client.update_project, ProjectUpdate(id=project.id, name="dida list 2")
    )

    await run("project groups list", client.get_project_groups)
    group = await run(
        "project group create", client.create_project_group, ProjectGroupCreate(name="dida folder")
    )
    if group is not None:
        await run(
            "project group update", client.update_project_group, group.id,
            ProjectGroupUpdate(name="dida folder 2"),
        )  # fmt: skip
        await run("project group delete", client.delete_project_group, group.id)

    await run("columns list", client.get_columns, project.id)
    column = await run(
        "column create", client.create_column, project.id, ColumnCreate(name="Doing")
    )
    if column is not None:
        await run(
            "column update", client.update_column, project.id, column.id, ColumnUpdate(name="Done")
        )

    await run("tags list", client.get_tags)
    await run("tag create", client.create_tag, TagCreate(name="dida", label="Dida"))

    task = await run(
        "task create", client.create_task,
        TaskCreate(
            title="dida task", project_id=project.id, content="notes",
            priority=TaskPriority.MEDIUM, tags=["dida"], due_date=now + dt.timedelta(days=1),
        ),
    )  # fmt: skip
    if task is not None:
        await run("task get", client.get_task, project.id, task.id)
        await run(
            "task update", client.update_task,
            TaskUpdate(id=task.id, project_id=project.id, title="dida task 2"),
        )  # fmt: skip
        await run("project data", client.get_project_with_data, project.id)
        comment = await run("comment add", client.add_task_comment, project.id, task.id, "a note")
        await run("comments list", client.get_task_comments, project.id, task.id)
        if comment is not None:
            await run(
                "comment delete", client.delete_task_comment, project.id, task.id, comment.id
            )
        await run(
            "filter tasks", client.filter_tasks, project_ids=[project.id],
            status=[TaskStatus.NORMAL], priority=[TaskPriority.MEDIUM],
        )  # fmt: skip
        moved = await run(
            "task move", client.move_task,
            [TaskMoveItem(from_project_id=project.id, to_project_id=inbox_id, task_id=task.id)],
        )  # fmt: skip
        where = inbox_id if moved else project.id
        await run("task complete", client.complete_task, where, task.id)
        await run(
            "completed tasks", client.get_completed_tasks,
            start_date=now - dt.timedelta(days=1), end_date=now + dt.timedelta(days=1),
        )  # fmt: skip
        await run("task delete", client.delete_task, where, task.id)

    start = (now - dt.timedelta(minutes=30)).astimezone()
    focus = await run(
        "focus create", client.create_focus,
        FocusCreate(
            type=FocusType.POMODORO, start_time=start, end_time=start + dt.timedelta(minutes=25),
            duration=1500, note="dida focus",
        ),
    )  # fmt: skip
    day = "%Y-%m-%dT00:00:00+0000"
    await run(
        "focuses list", client.get_focuses, now.strftime(day),
        (now + dt.timedelta(days=1)).strftime(day), FocusType.POMODORO,
    )  # fmt: skip
    if focus is not None:
        await run("focus get", client.get_focus, focus.id, FocusType.POMODORO)
        await run("focus delete", client.delete_focus, focus.id, FocusType.POMODORO)

    await run("countdowns list", client.get_countdowns)

    await run("habits list", client.get_all_habits)
    habit = await run("habit create", client.create_habit, HabitCreate(name="dida habit", goal=1))
    if habit is not None:
        await run("habit get", client.get_habit, habit.id)
        await run("habit update", client.update_habit, habit.id, HabitUpdate(name="dida habit 2"))
        today = int(now.strftime("%Y%m%d"))
        await run(
            "habit check-in", client.create_or_update_habit_checkin, habit.id,
            HabitCheckinCreate(stamp=today, value=1, goal=1),
        )  # fmt: skip
        await run("habit check-ins", client.get_habit_checkins, habit.id, today - 7, today)

    await run("project delete", client.delete_project, project.id)
    await client.http.close()


asyncio.run(main())
