"""ticktick-sdk 0.4.3: its V1 client (TickTickV1Client, the Open API) against tickspec serve.

Signing on is the SDK's own flow: `get_authorization_url()` (with its random
`state`), the user's browser (`approve`: a GET of the authorize page, which the
server approves at once), then `authenticate_with_code(code, state)`, which checks
the state and posts the code as a form body with the app's id and secret in HTTP
Basic. Patched: `get_api_base_v1` and `get_oauth_base`, imported by name into the
modules that use them (the only change; headers, paths and bodies are the SDK's).
"""

from __future__ import annotations

import asyncio
from urllib.parse import parse_qsl, urlsplit

from _driver import approve, arguments, patch, step
from ticktick_sdk.api.v1 import auth as v1_auth_module  # noqa: F401 - loads the modules
from ticktick_sdk.api.v1.client import TickTickV1Client

args = arguments()
assert patch("ticktick_sdk", "get_api_base_v1", lambda host=None: args.base + "/open/v1")
assert patch("ticktick_sdk", "get_oauth_base", lambda host=None: args.base + "/oauth")


def _raise(exc: BaseException) -> None:
    raise exc


async def main() -> None:
    client = TickTickV1Client(args.client_id, args.client_secret, args.redirect_uri)

    async def run(name: str, func, /, *a, **k):  # type: ignore[no-untyped-def]
        """One step: awaited here, reported through `step` like the sync drivers."""
        try:
            value = await func(*a, **k)
        except Exception as exc:
            step(name, _raise, exc)
            return None
        step(name, lambda: value)
        return value

    async def sign_on():  # type: ignore[no-untyped-def]
        url, state = client.get_authorization_url()
        answer = dict(parse_qsl(urlsplit(approve(url)).query))
        return await client.authenticate_with_code(answer["code"], answer.get("state", state))

    async with client:
        if await run("sign on (OAuth2: authorize, code, token)", sign_on) is None:
            return
        await run("projects list", client.get_projects)
        await run("inbox data", client.get_project_with_data, "inbox")
        project = await run(
            "project create", client.create_project, "sdk open list", color="#F18181",
            view_mode="list", kind="TASK",
        )  # fmt: skip
        project_id = (project or {}).get("id")
        if project_id is None:
            return
        await run("project get", client.get_project, project_id)
        await run("project update", client.update_project, project_id, name="sdk open list 2")
        task = await run(
            "task create", client.create_task, "sdk open task", project_id, content="notes",
            priority=1, items=[{"title": "first step"}],
        )  # fmt: skip
        task_id = (task or {}).get("id")
        if task_id is not None:
            await run("task get", client.get_task, project_id, task_id)
            await run("task update", client.update_task, task_id, project_id, title="renamed")
            await run("project data", client.get_project_with_data, project_id)
            await run("task complete", client.complete_task, project_id, task_id)
            await run("task delete", client.delete_task, project_id, task_id)
        await run("project delete", client.delete_project, project_id)


asyncio.run(main())
