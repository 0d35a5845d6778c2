"""pyticktick 0.3.0: its V1 client (the Open API) against tickspec serve.

Signing on is pyticktick's own V1 OAuth2 flow (`Settings._v1_signon`): it builds the
authorize URL, asks "open the browser?" (click.confirm), opens it (webbrowser.open),
asks for the URL the browser was redirected to (click.prompt), and posts the code
to the token URL with every field in the query. Patched: the two URL models' base
URLs (their `base_url` defaults name https://ticktick.com), the `v1_base_url` setting,
and the user: the confirm says yes, the browser is `approve` (a GET of the authorize
page, which the server approves at once), the prompt answers its redirect.
"""

from __future__ import annotations

import click
import pyticktick.settings as settings_module
from _driver import approve, arguments, step
from pydantic import Field
from pyticktick import Client
from pyticktick.models.pydantic import HttpUrl
from pyticktick.models.v1 import CreateProjectV1, CreateTaskV1, UpdateProjectV1, UpdateTaskV1
from pyticktick.models.v1.parameters.oauth import OAuthAuthorizeURLV1, OAuthTokenURLV1

args = arguments()


class LocalAuthorizeURL(OAuthAuthorizeURLV1):
    base_url: HttpUrl = Field(default=HttpUrl(args.base + "/oauth/authorize"))


class LocalTokenURL(OAuthTokenURLV1):
    base_url: HttpUrl = Field(default=HttpUrl(args.base + "/oauth/token"))


redirected: list[str] = []
settings_module.OAuthAuthorizeURLV1 = LocalAuthorizeURL  # type: ignore[misc]
settings_module.OAuthTokenURLV1 = LocalTokenURL  # type: ignore[misc]
settings_module.webbrowser.open = lambda url, *a, **k: bool(redirected.append(approve(url))) or True
click.confirm = lambda *a, **k: True
click.prompt = lambda *a, **k: redirected[-1]

client = step(
    "sign on (OAuth2: authorize, code, token)",
    Client,
    v1_client_id=args.client_id,
    v1_client_secret=args.client_secret,
    v1_oauth_redirect_url=args.redirect_uri,
    v1_base_url=args.base + "/open/v1/",
)
if client is None:
    raise SystemExit(0)

step("projects list", client.get_projects_v1)
step("inbox data", client.get_project_with_data_v1, "inbox")
project = step(
    "project create",
    client.create_project_v1,
    CreateProjectV1(name="pyticktick open list", color="#F18181", view_mode="list", kind="TASK"),
)
project_id = project.root.id if project is not None else None
if project_id is not None:
    step("project get", client.get_project_v1, project_id)
    step(
        "project update",
        client.update_project_v1,
        project_id,
        UpdateProjectV1(name="pyticktick open list 2", view_mode="kanban"),
    )
    task = step(
        "task create",
        client.create_task_v1,
        CreateTaskV1(
            title="pyticktick open task",
            project_id=project_id,
            content="notes",
            priority=1,
            items=[{"title": "first step"}],
        ),
    )
    task_id = task.id if task is not None else None
    if task_id is not None:
        step("task get", client.get_task_v1, project_id, task_id)
        step(
            "task update",
            client.update_task_v1,
            task_id,
            UpdateTaskV1(id=task_id, project_id=project_id, title="renamed", priority=3),
        )
        step("project data", client.get_project_with_data_v1, project_id)
        step("task complete", client.complete_task_v1, project_id, task_id)
        step("task delete", client.delete_task_v1, project_id, task_id)
    step("project delete", client.delete_project_v1, project_id)
