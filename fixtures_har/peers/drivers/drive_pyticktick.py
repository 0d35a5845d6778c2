"""pyticktick 0.3.0: its V2 client against tickspec serve; base URL via its own setting."""

from __future__ import annotations

import datetime as dt

from _driver import arguments, step
from pyticktick import Client
from pyticktick.models.v2 import (
    CreateProjectGroupV2,
    CreateProjectV2,
    CreateTagV2,
    CreateTaskV2,
    DeleteTagV2,
    DeleteTaskV2,
    GetClosedV2,
    PostBatchProjectGroupV2,
    PostBatchProjectV2,
    PostBatchTagV2,
    PostBatchTaskV2,
    RenameTagV2,
    UpdateProjectGroupV2,
    UpdateProjectV2,
    UpdateTaskV2,
)

args = arguments()
client = step(
    "sign on",
    Client,
    v2_username=args.username,
    v2_password=args.password,
    v2_base_url=args.base + "/api/v2/",
)
if client is None:
    raise SystemExit(0)
state = step("full sync", client.get_batch_v2)
status = step("user status", client.get_status_v2)
step("user profile", client.get_profile_v2)
step("statistics", client.get_statistics_v2)
# the full sync's model may refuse the answer (pyticktick forbids fields it does not
# know, such as a folder's listType): the inbox is in the status too
inbox = next(
    (x.inbox_id for x in (state, status) if x is not None and getattr(x, "inbox_id", None)),
    "inbox130208689",
)

answer = step(
    "task create",
    client.post_task_v2,
    PostBatchTaskV2(add=[CreateTaskV2(project_id=inbox, title="pyticktick task")]),
)
task_id = next(iter(answer.id2etag), None) if answer is not None else None
if task_id is not None:
    step(
        "task update",
        client.post_task_v2,
        PostBatchTaskV2(
            update=[UpdateTaskV2(id=task_id, project_id=inbox, title="renamed", priority=3)]
        ),
    )
    step(
        "task complete",
        client.post_task_v2,
        PostBatchTaskV2(
            update=[UpdateTaskV2(id=task_id, project_id=inbox, title="renamed", status=2)]
        ),
    )
    step(
        "task delete",
        client.post_task_v2,
        PostBatchTaskV2(delete=[DeleteTaskV2(project_id=inbox, task_id=task_id)]),
    )

groups = step(
    "project group create",
    client.post_project_group_v2,
    PostBatchProjectGroupV2(add=[CreateProjectGroupV2(name="pyticktick folder")]),
)
group_id = next(iter(groups.id2etag), None) if groups is not None else None
projects = step(
    "project create",
    client.post_project_v2,
    PostBatchProjectV2(add=[CreateProjectV2(name="pyticktick list", group_id=group_id)]),
)
project_id = next(iter(projects.id2etag), None) if projects is not None else None
if project_id is not None:
    step(
        "project update",
        client.post_project_v2,
        PostBatchProjectV2(update=[UpdateProjectV2(id=project_id, name="pyticktick list 2")]),
    )
    step("project delete", client.post_project_v2, PostBatchProjectV2(delete=[project_id]))
if group_id is not None:
    step(
        "project group update",
        client.post_project_group_v2,
        PostBatchProjectGroupV2(update=[UpdateProjectGroupV2(id=group_id, name="folder 2")]),
    )
    step(
        "project group delete",
        client.post_project_group_v2,
        PostBatchProjectGroupV2(delete=[group_id]),
    )

step("tag create", client.post_tag_v2, PostBatchTagV2(add=[CreateTagV2(label="pytag")]))
step("tag rename", client.put_rename_tag_v2, RenameTagV2(name="pytag", new_name="pytag2"))
step("tag delete", client.delete_tag_v2, DeleteTagV2(name="pytag2"))

now = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
step(
    "completed listing",
    client.get_project_all_closed_v2,
    GetClosedV2(from_=now - dt.timedelta(days=7), to=now, status="Completed"),
)
