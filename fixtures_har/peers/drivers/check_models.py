"""Put response bodies through a peer's own response models (run by the peer's Python).

    <venv>/bin/python check_models.py pyticktick cases.json > results.jsonl

Run by fixtures_har/peers/models_report.py inside the throwaway environment that
holds the peer. `cases.json` is a list of {"key", "operation", "body"}; for each case
whose operation the peer reads with a model, one JSON line is printed:
{"key", "model", "errors": [{"path", "type", "message"}]} (an empty list: the
model took the body). Operations the peer does not parse print nothing.

Which model reads which operation is the peer's own choice, found in its source:
pyticktick 0.3.0 `client.py` / `settings.py` (`<Model>.model_validate(resp)` after
each call), ticktick-sdk 0.4.3 `unified/api.py` (`<Model>.from_v2(...)` /
`from_v1(...)` on what `api/v2/client.py` / `api/v1/client.py` fetched).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Callable

from pydantic import ValidationError

Errors = list[dict[str, str]]


def _errors(exc: Exception, prefix: tuple[Any, ...]) -> Errors:
    if isinstance(exc, ValidationError):
        out = []
        for err in exc.errors():
            loc = prefix + tuple(err.get("loc", ()))
            out.append({
                "path": "/".join(str(p) for p in loc),
                "type": str(err.get("type")),
                "message": str(err.get("msg"))[:200],
                "input": _short(err.get("input")),
            })
        return out
    return [{"path": "/".join(str(p) for p in prefix), "type": type(exc).__name__,
             "message": str(exc)[:200], "input": ""}]


def _short(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def _apply(fn: Callable[[Any], Any], body: Any, prefix: tuple[Any, ...] = ()) -> Errors:
    try:
        fn(body)
    except Exception as exc:  # the peer's own failure, whatever its kind, is the finding
        return _errors(exc, prefix)
    return []


def _each(fn: Callable[[Any], Any], items: Any, prefix: tuple[Any, ...]) -> Errors:
    if items is None:
        return []
    if not isinstance(items, list):
        return [{"path": "/".join(map(str, prefix)), "type": "not_a_list", "message": "",
                 "input": _short(items)}]
    out: Errors = []
    for i, item in enumerate(items):
        out += _apply(fn, item, (*prefix, i))
    return out


def pyticktick_models() -> dict[str, tuple[str, Callable[[Any], Errors]]]:
    from pyticktick.models.v1 import (
        OAuthTokenV1, ProjectDataRespV1, ProjectRespV1, ProjectsRespV1, TaskRespV1,
    )
    from pyticktick.models.v2 import (
        BatchRespV2, BatchTagRespV2, BatchTaskParentRespV2, ClosedRespV2, GetBatchV2,
        UserProfileV2, UserSignOnV2, UserSignOnWithTOTPV2, UserStatisticsV2, UserStatusV2,
    )

    def model(cls: Any) -> tuple[str, Callable[[Any], Errors]]:
        return cls.__name__, lambda body: _apply(cls.model_validate, body)

    def signon(body: Any) -> Errors:
        # settings.py: an answer with authId is the TOTP step, otherwise the session
        cls = UserSignOnWithTOTPV2 if isinstance(body, dict) and "authId" in body else UserSignOnV2
        return _apply(cls.model_validate, body)

    return {
        "signon": ("UserSignOnV2|UserSignOnWithTOTPV2", signon),
        "getUserProfile": model(UserProfileV2),
        "getUserStatus": model(UserStatusV2),
        "getGeneralStatistics": model(UserStatisticsV2),
        "getClosedProjects": model(ClosedRespV2),
        "syncV2": model(GetBatchV2),
        "batchTask": model(BatchRespV2),
        "batchProject": model(BatchRespV2),
        "batchProjectGroup": model(BatchRespV2),
        "batchTaskParent": model(BatchTaskParentRespV2),
        "batchTag": model(BatchTagRespV2),
        "openListProjects": model(ProjectsRespV1),
        "openGetProject": model(ProjectRespV1),
        "openCreateProject": model(ProjectRespV1),
        "openUpdateProject": model(ProjectRespV1),
        "openGetProjectData": model(ProjectDataRespV1),
        "openGetTask": model(TaskRespV1),
        "openCreateTask": model(TaskRespV1),
        "openUpdateTask": model(TaskRespV1),
        "oauthExchangeCode": model(OAuthTokenV1),
    }


def ticktick_sdk_models() -> dict[str, tuple[str, Callable[[Any], Errors]]]:
    from ticktick_sdk.models import Project, ProjectGroup, Tag, Task
    from ticktick_sdk.models.habit import Habit, HabitCheckin, HabitPreferences, HabitSection
    from ticktick_sdk.models.project import Column, ProjectData
    from ticktick_sdk.models.user import User, UserStatistics, UserStatus

    def sync(body: Any) -> Errors:
        # unified/api.py reads these four parts of the sync, each with its model
        if not isinstance(body, dict):
            return [{"path": "", "type": "not_an_object", "message": "", "input": _short(body)}]
        bean = body.get("syncTaskBean") or {}
        return (
            _each(Task.from_v2, bean.get("update", []), ("syncTaskBean", "update"))
            + _each(Project.from_v2, body.get("projectProfiles", []), ("projectProfiles",))
            + _each(ProjectGroup.from_v2, body.get("projectGroups") or [], ("projectGroups",))
            + _each(Tag.from_v2, body.get("tags", []), ("tags",))
        )

    def checkins(body: Any) -> Errors:
        out: Errors = []
        for habit, items in ((body or {}).get("checkins") or {}).items():
            out += _each(HabitCheckin.from_v2, items, ("checkins", habit))
        return out

    def one(fn: Callable[[Any], Any]) -> Callable[[Any], Errors]:
        return lambda body: _apply(fn, body)

    def many(fn: Callable[[Any], Any], key: str | None = None) -> Callable[[Any], Errors]:
        if key is None:
            return lambda body: _each(fn, body, ())
        return lambda body: _each(fn, (body or {}).get(key, []), (key,))

    return {
        "syncV2": ("Task|Project|ProjectGroup|Tag.from_v2", sync),
        "getTask": ("Task.from_v2", one(Task.from_v2)),
        "getClosedProjects": ("Task.from_v2", many(Task.from_v2)),
        "getTrash": ("Task.from_v2", many(Task.from_v2, "tasks")),
        "getProjectColumns": ("Column.from_v2", many(Column.from_v2)),
        "getUserProfile": ("User.from_v2", one(User.from_v2)),
        "getUserStatus": ("UserStatus.from_v2", one(UserStatus.from_v2)),
        "getGeneralStatistics": ("UserStatistics.from_v2", one(UserStatistics.from_v2)),
        "getHabits": ("Habit.from_v2", many(Habit.from_v2)),
        "getHabitSections": ("HabitSection.from_v2", many(HabitSection.from_v2)),
        "getHabitPreferences": ("HabitPreferences.from_v2", one(HabitPreferences.from_v2)),
        "queryHabitCheckins": ("HabitCheckin.from_v2", checkins),
        "openListProjects": ("Project.from_v1", many(Project.from_v1)),
        "openGetProject": ("Project.from_v1", one(Project.from_v1)),
        "openGetProjectData": ("ProjectData.from_v1", one(ProjectData.from_v1)),
        "openGetTask": ("Task.from_v1", one(Task.from_v1)),
        "openCreateTask": ("Task.from_v1", one(Task.from_v1)),
        "openUpdateTask": ("Task.from_v1", one(Task.from_v1)),
    }


PEERS = {"pyticktick": pyticktick_models, "ticktick-sdk": ticktick_sdk_models}


def main() -> int:
    peer, cases_file = sys.argv[1], sys.argv[2]
    models = PEERS[peer]()
    with open(cases_file, encoding="utf-8") as handle:
        cases = json.load(handle)
    for case in cases:
        found = models.get(case["operation"])
        if found is None:
            continue
        name, check = found
        print(json.dumps({"key": case["key"], "model": name, "errors": check(case["body"])}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
