"""New operations: path templates from observed URLs, operationIds and tags."""

from __future__ import annotations

import pytest

from tickspec.contract.path_template import template
from tickspec.drift.endpoints import NewOperation

OID = "6940c3d51263b74715346bd6"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (f"/api/v2/reminder/{OID}", "/api/v2/reminder/{reminderId}"),
        (f"/api/v2/project/{OID}/completed/", "/api/v2/project/{projectId}/completed/"),
        (f"/api/v2/habits/{OID}", "/api/v2/habits/{habitId}"),
        ("/api/v2/project/inbox416323287/tasks", "/api/v2/project/{projectId}/tasks"),
        ("/api/v3/batch/check/1768656000000", "/api/v3/batch/check/{checkId}"),
        (f"/api/v2/task/{OID}/{OID}", "/api/v2/task/{taskId}/{taskId2}"),
        ("/api/v2/user/profile", "/api/v2/user/profile"),
        ("/api/v2/focus/0123abcd-0123-abcd-0123-0123456789ab", "/api/v2/focus/{focusId}"),
    ],
)
def test_id_segments_become_parameters_named_from_context(path: str, expected: str) -> None:
    assert template(path) == expected


def test_two_ids_are_one_operation_and_names_do_not_clash() -> None:
    assert template(f"/api/v2/reminder/{OID}") == template("/api/v2/reminder/123456")
    new = NewOperation("GET", "/api/v2/reminder/{reminderId}")
    assert new.operation_id(set()) == "getReminder"
    assert new.operation_id({"getReminder"}) == "getReminder2"
    assert NewOperation("POST", "/api/v2/focus/pomodoro").operation_id(set()) == (
        "createFocusPomodoro"
    )
    assert new.tag({"user", "tasks"}) == "user"
    assert NewOperation("DELETE", "/api/v2/task/{taskId}/pin").tag({"user", "tasks"}) == "tasks"
