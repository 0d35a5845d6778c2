"""ticktick-py 2.0.3: its TickTickClient against tickspec serve, web API and Open API.

Patched: the class constants `BASE_URL` and `INITIAL_BATCH_URL` (computed from
it when the class was made) and `OPEN_API_BASE_URL`, and its OAuth2 manager's
`OAUTH_AUTHORIZE_URL` and `OBTAIN_TOKEN_URL`. Headers, paths and bodies are the
client's own.

* sign on: ticktick-py posts to `/api/v2/user/signin`, which TickTick moved to
  signon; it answers 405 (spec operation `signin`, capture
  fixtures_har/signin-405.har), so the client could never sign on. The driver
  builds the client the way `__init__` does minus `_login`, with the server's
  session token (`--token`) as the `t` cookie `_login` would have set.
* Open API sign on: ticktick-py's own `OAuth2` manager, as `__init__` receives
  it: it opens the authorize URL in the browser (webbrowser.open, here `approve`:
  a GET the server approves at once) and reads the redirected URL from the
  console (`_get_user_input`, here that redirect), then posts the code with every
  field in the query. Its token cache goes to a temporary folder.
* task create/update/complete: ticktick-py sends them to the Open API
  (`/open/v1`); the create names no `projectId` (the inbox), the update posts
  the task the create answered, the complete posts the task as its body.
* habits, statistics, focus, pomo: ticktick-py's managers for them are empty.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import requests
import ticktick.oauth2 as oauth2_module
from _driver import approve, arguments, step
from ticktick.api import TickTickClient
from ticktick.oauth2 import OAuth2
from ticktick.managers.focus import FocusTimeManager
from ticktick.managers.habits import HabitManager
from ticktick.managers.pomo import PomoManager
from ticktick.managers.projects import ProjectManager
from ticktick.managers.settings import SettingsManager
from ticktick.managers.tags import TagsManager
from ticktick.managers.tasks import TaskManager

args = arguments()
TickTickClient.BASE_URL = args.base + "/api/v2/"
TickTickClient.INITIAL_BATCH_URL = TickTickClient.BASE_URL + "batch/check/0"
TickTickClient.OPEN_API_BASE_URL = args.base
OAuth2.OAUTH_AUTHORIZE_URL = args.base + "/oauth/authorize"
OAuth2.OBTAIN_TOKEN_URL = args.base + "/oauth/token"
redirected: list[str] = []
oauth2_module.webbrowser.open = lambda url, *a, **k: bool(redirected.append(approve(url))) or True
OAuth2._get_user_input = staticmethod(lambda prompt="": redirected[-1])


def open_api_manager(session: requests.Session) -> OAuth2:
    """ticktick-py's OAuth2 manager, which runs the flow when it is made."""
    cache = os.path.join(tempfile.mkdtemp(prefix="ticktick-py-"), ".token-oauth")
    return OAuth2(
        client_id=args.client_id,
        client_secret=args.client_secret,
        redirect_uri=args.redirect_uri,
        session=session,
        cache_path=cache,
        check_cache=False,
    )


def signed_in_client() -> TickTickClient:
    """`TickTickClient.__init__` without `_login` (see the module docstring)."""
    client = TickTickClient.__new__(TickTickClient)
    client.access_token = args.token
    client.cookies = {"t": args.token}
    client.time_zone = ""
    client.profile_id = ""
    client.inbox_id = ""
    client.reset_local_state()
    session = requests.Session()
    session.trust_env = False  # never a proxy between the driver and 127.0.0.1
    client.oauth_manager = step("Open API sign on (OAuth2: authorize, code, token)",
                                open_api_manager, session)  # fmt: skip
    if client.oauth_manager is None:  # the task manager reads the (missing) token
        client.oauth_manager = OAuth2.__new__(OAuth2)
        client.oauth_manager.access_token_info = None
    client._session = session
    for name, manager in (
        ("focus", FocusTimeManager),
        ("habit", HabitManager),
        ("project", ProjectManager),
        ("pomo", PomoManager),
        ("settings", SettingsManager),
        ("tag", TagsManager),
        ("task", TaskManager),
    ):
        setattr(client, name, manager(client))
    return client


client = signed_in_client()
step("user settings", client._settings)
step("full sync", client.sync)

folder = step("project group create", client.project.create_folder, "py folder")
project = step("project create", client.project.create, "py list", color="#4ca1ff")
if project is not None:
    step("project update", client.project.update, {**project, "name": "py list 2"})
if folder is not None:
    step("project group update", client.project.update_folder, {**folder, "name": "folder 2"})

tasks = [t for t in client.state["tasks"] if isinstance(t, dict)]
if tasks and project is not None:
    step("task move", client.task.move, tasks[0], project["id"])
if len(tasks) > 1:
    step("task delete", client.task.delete, tasks[1])
if project is not None:
    step("project delete", client.project.delete, project["id"])
if folder is not None:
    step("project group delete", client.project.delete_folder, folder["id"])

step("tag create", client.tag.create, "pytag", color="#4ca1ff")
step("tag rename", client.tag.rename, "pytag", "pytag2")
step("tag delete", client.tag.delete, "pytag2")

step("completed listing", client.task.get_completed, dt.datetime.now() - dt.timedelta(days=1))

created = step("open task create (no projectId: the inbox)", client.task.create,
               client.task.builder("py open task", content="notes", priority=3))  # fmt: skip
if created is not None:
    updated = step("open task update", client.task.update, {**created, "title": "py open 2"})
    step("open task complete", client.task.complete, updated or created)
