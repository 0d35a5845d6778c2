"""ticktick-sdk 0.4.3: its V2 client (TickTickV2Client) against tickspec serve.

The base URL comes from `get_api_base_v2()`, imported by name into the modules
that use it: each copy is patched (the only change; headers and paths are the
client's own). Habit create/update go through the habits batch (POST /habits
answers 405 on TickTick, the SDK knows it); the check-in is the SDK's own
`checkin_habit` (a habit update of the totals) then `create_habit_checkin`
(the check-in record, through the check-ins batch).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import secrets

from _driver import arguments, patch, step
from ticktick_sdk.api.v2 import client as v2_client_module  # noqa: F401 - loads the modules
from ticktick_sdk.api.v2.client import TickTickV2Client

args = arguments()
BASE = args.base + "/api/v2"
patched = patch("ticktick_sdk", "get_api_base_v2", lambda host=None: BASE)
assert patched, "ticktick_sdk no longer has get_api_base_v2: update the driver"


def first_id(answer: object) -> str | None:
    if isinstance(answer, dict):
        return next(iter(answer.get("id2etag") or {}), None)
    return None


async def main() -> None:
    client = TickTickV2Client()

    async def run(name: str, func, *a, **k):  # type: ignore[no-untyped-def]
        """One step: awaited here, reported through `step` like the sync drivers."""
        try:
            value = await func(*a, **k)
        except Exception as exc:
            step(name, _raise, exc)
            return None
        step(name, lambda: value)
        return value

    async with client:
        session = await run("sign on", client.authenticate, args.username, args.password)
        if session is None:
            return
        state = await run("full sync", client.sync)
        inbox = (state or {}).get("inboxId") or "inbox130208689"
        await run("user status", client.get_user_status)
        await run("user profile", client.get_user_profile)
        await run("user settings", client.get_user_preferences)
        await run("statistics", client.get_user_statistics)

        created = await run("task create", client.create_task, "sdk task", inbox, priority=3)
        task_id = first_id(created)
        if task_id is not None:
            await run("task get", client.get_task, task_id)
            await run("task update", client.update_task, task_id, inbox, title="sdk task 2")
            now = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.000+0000")
            await run(
                "task complete", client.update_task, task_id, inbox, status=2, completed_time=now
            )
            await run("task delete", client.delete_task, inbox, task_id)

        group_id = first_id(await run("project group create", client.create_project_group, "sdk folder"))
        project_id = first_id(
            await run("project create", client.create_project, "sdk list", group_id=group_id)
        )
        if project_id is not None:
            await run("project update", client.update_project, project_id, "sdk list 2")
            await run("project delete", client.delete_project, project_id)
        if group_id is not None:
            await run("project group update", client.update_project_group, group_id, "folder 2")
            await run("project group delete", client.delete_project_group, group_id)

        await run("tag create", client.create_tag, "sdktag")
        await run("tag rename", client.rename_tag, "sdktag", "sdktag2")
        await run("tag delete", client.delete_tag, "sdktag2")

        await run("habits list", client.get_habits)
        habit_id = secrets.token_hex(12)
        await run("habit create", client.create_habit, habit_id, "sdk habit")
        await run("habit check-in (habit totals)", client.checkin_habit, habit_id)
        today = int(dt.datetime.now(tz=dt.UTC).strftime("%Y%m%d"))
        await run(
            "habit check-in (record)",
            client.create_habit_checkin,
            secrets.token_hex(12),
            habit_id,
            today,
        )
        await run("habit check-ins query", client.get_habit_checkins, [habit_id])

        now = dt.datetime.now(tz=dt.UTC)
        await run(
            "completed listing",
            client.get_completed_tasks,
            now - dt.timedelta(days=7),
            now + dt.timedelta(days=1),
        )


def _raise(exc: BaseException) -> None:
    raise exc


asyncio.run(main())
