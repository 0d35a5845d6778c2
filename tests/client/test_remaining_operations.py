"""The operations no workflow test reached, through their manager method or stub.

`tickspec doctor` wants a test naming every operation; these seven had a handler,
a capture and a stub but no test through the typed client. Each runs against
`tickspec serve`, which checks its own answers against the spec.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tickspec_generated.models.column_batch_request import ColumnBatchRequest
from tickspec_generated.models.project_group_draft import ProjectGroupDraft

import tickspec
from tests.client.client_support import served_client
from tickspec.server.testing import ServerHandle, server_fixture

server = server_fixture(scope="module", seed_demo=True, validate_responses=True)


@pytest.fixture
def client(server: ServerHandle) -> Iterator[tickspec.Client]:
    with served_client(server) as client:
        yield client
    assert server.take_violations() == []


def test_mfa_setting_is_off_without_an_mfa_code(client: tickspec.Client) -> None:
    setting = client.api.auth.get_mfa_setting()
    assert (setting.enabled, setting.mfa_type) == (False, None)


def test_set_parent_makes_a_subtask(client: tickspec.Client) -> None:
    parent = client.tasks.create("Plan trip")
    child = client.tasks.create("Book hotel", project_id=parent.project_id)
    moved = client.tasks.set_parent(child.id, child.project_id, parent.id)
    assert moved.parent_id == parent.id
    assert client.state.tasks[child.id].parent_id == parent.id


def test_create_project_group_answers_the_folder(
    client: tickspec.Client, server: ServerHandle
) -> None:
    folder = client.api.projects.create_project_group(ProjectGroupDraft(name="Work"))
    assert folder.name == "Work"
    assert server.state()["projectGroups"][folder.id]["name"] == "Work"


def test_upsert_columns_adds_a_column(client: tickspec.Client, server: ServerHandle) -> None:
    project = next(iter(server.state()["projects"]))
    column = {"id": "6940c3d51263b74715346be1", "projectId": project, "name": "Doing"}
    answer = client.api.columns.upsert_columns(ColumnBatchRequest.model_validate({"add": [column]}))
    assert answer.id2error == {} and list(answer.id2etag) == [column["id"]]
    assert server.state()["columns"][column["id"]]["name"] == "Doing"


def test_habit_preferences_are_the_stored_document(client: tickspec.Client) -> None:
    preferences = client.habits.get_preferences()
    assert (preferences.show_in_calendar, preferences.show_in_today) == (True, True)


def test_update_settings_merges_and_reads_back(client: tickspec.Client) -> None:
    updated = client.user.update_settings(time_zone="Asia/Tokyo")
    assert updated.time_zone == "Asia/Tokyo"
    assert client.user.get_settings().time_zone == "Asia/Tokyo"


def test_statistics_count_a_completed_task(client: tickspec.Client) -> None:
    before = client.user.get_statistics()
    task = client.tasks.create("Done soon")
    client.tasks.complete(task.id)
    after = client.user.get_statistics()
    assert after.total_completed == (before.total_completed or 0) + 1
    assert after.score == (before.score or 0) + 10
