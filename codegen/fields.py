"""`tickspec_generated/fields.py`: the keyword fields of the client's `**fields` methods.

A manager method that takes `**fields` (`client.tasks.update_fields(id, due_date=...)`)
annotates them `**fields: Unpack[TaskUpdateFields]`, so mypy and pyright flag a
misspelt keyword. Each TypedDict is derived from the generated model's own fields
(read from the model module's source), minus the names the method already takes
as parameters (a TypedDict overlapping them is a type error), so it cannot drift
from the spec. Value types are the model's where they are plain (`str`, `int`,
`bool`, `Literal[...]`: priority 0/1/3/5, status, kind, repeat_from) and `Any`
otherwise: requests are liberal, and the manager turns datetimes, dates and
mappings into wire form.
"""

from __future__ import annotations

import ast

from codegen.templating import render

__all__ = ["FIELD_SETS", "render_fields"]

FIELD_SETS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # TypedDict: (model module, model class, the method's own keyword parameters)
    "TaskCreateFields": (
        "task",
        "Task",
        (
            "title",
            "project_id",
            "content",
            "priority",
            "tags",
            "start_date",
            "due_date",
            "is_all_day",
            "time_zone",
            "items",
            "reminders",
            "repeat_flag",
            "repeat_from",
        ),
    ),
    "TaskUpdateFields": ("task", "Task", ("task_id", "project_id")),
    "ProjectCreateFields": (
        "project",
        "Project",
        ("name", "color", "view_mode", "kind", "group_id"),
    ),
    "ProjectGroupCreateFields": ("project_group", "ProjectGroup", ("name",)),
    "TagCreateFields": ("tag", "Tag", ("name", "color", "parent")),
    "FilterCreateFields": ("filter", "Filter", ("name", "rule", "view_mode")),
    "ColumnCreateFields": ("column", "Column", ("project_id", "name")),
    "HabitCreateFields": ("habit", "Habit", ("name",)),
    "CountdownCreateFields": ("countdown", "Countdown", ("name", "day")),
    "CountdownUpdateFields": ("countdown", "Countdown", ("countdown",)),
    "UserSettingsFields": ("user_settings", "UserSettings", ("settings",)),
}
"""Every `**fields` TypedDict; tests/client/test_fields.py checks each method uses one."""

PLAIN_NAMES = frozenset({"str", "int", "float", "bool", "None", "Literal"})


def _plain(annotation: ast.expr) -> bool:
    """Whether an annotation uses only builtin scalars and literals (no model types)."""
    for node in ast.walk(annotation):
        if isinstance(node, ast.Attribute):
            return False
        if isinstance(node, ast.Name) and node.id not in PLAIN_NAMES:
            return False
    return True


def model_fields(source: str, class_name: str) -> list[tuple[str, str]]:
    """(attribute, value type text) of a generated model class, in source order."""
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef) and node.name == class_name:
            break
    else:
        raise LookupError(f"no class {class_name} in the generated model")
    fields = []
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        if item.target.id == "model_config":
            continue
        annotation = item.annotation
        if (
            isinstance(annotation, ast.Subscript)
            and isinstance(annotation.value, ast.Name)
            and annotation.value.id == "Annotated"
            and isinstance(annotation.slice, ast.Tuple)
        ):
            annotation = annotation.slice.elts[0]
        text = ast.unparse(annotation) if _plain(annotation) else "Any"
        fields.append((item.target.id, text))
    return fields


def render_fields(models: dict[str, str]) -> str:
    """The text of fields.py from the generated model modules (stem -> source)."""
    sets = [
        {
            "name": name,
            "module": module,
            "model": model,
            "own": own,
            "fields": [(f, t) for f, t in model_fields(models[module], model) if f not in own],
        }
        for name, (module, model, own) in sorted(FIELD_SETS.items())
    ]
    return render("fields.py.jinja", sets=sets)
