"""ticktick-py 2.0.3: its TickTickClient's V2 calls against tickspec serve.

Patched: the class constants `BASE_URL` and `INITIAL_BATCH_URL` (computed from
it when the class was made) and `OPEN_API_BASE_URL`. Headers, paths and bodies
are the client's own.

Not driven, and why:
* sign on: ticktick-py posts to `/api/v2/user/signin`, which TickTick moved to
  signon; it answers 405 (spec operation `signin`, capture
  fixtures_har/signin-405.har), so the client could never sign on. The driver
  builds the client the way `__init__` does minus `_login`, with the server's
  session token (`--token`) as the `t` cookie `_login` would have set.
* task create/update/complete: ticktick-py sends them to the Open API
  (`/open/v1`), out of scope here.
* habits, statistics, focus, pomo: ticktick-py's managers for them are empty.
"""

from __future__ import annotations

import datetime as dt
import types

import requests
from _driver import arguments, step
from ticktick.api import TickTickClient
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


def signed_in_client() -> TickTickClient:
    """`TickTickClient.__init__` without `_login` (see the module docstring)."""
    client = TickTickClient.__new__(TickTickClient)
    client.access_token = args.token
    client.cookies = {"t": args.token}
    client.time_zone = ""
    client.profile_id = ""
    client.inbox_id = ""
    client.reset_local_state()
    client.oauth_manager = types.SimpleNamespace(access_token_info=None)  # no Open API
    client._session = requests.Session()
    client._session.trust_env = False  # never a proxy between the driver and 127.0.0.1
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
