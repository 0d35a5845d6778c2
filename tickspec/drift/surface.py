"""The Python surface of a spec change: model attributes, stub parameters, client methods.

`tickspec diff` names positions in wire terms (`task.json#/properties/focusMinutes`);
a client user reads `Task.focus_minutes` and `client.tasks.get`. Names come from
the generated package itself: the models' fields (`model_fields`, alias -> name),
walked through their annotations to reach nested models, and the endpoint stubs'
source. A name the generated code does not have yet (a field only HEAD has, before
`tickspec generate`) is derived by the rule codegen gives datamodel-code-generator
(snake_case fields, Python 3.11), which tests/drift/test_surface.py checks against
every generated field.
"""

from __future__ import annotations

import ast
import importlib
import re
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel

from tickspec.contract.pointer import escape, pointer_parts
from tickspec.contract.schema_docs import OPENAPI, Loc, Source
from tickspec.drift import callers

MODELS = "tickspec_generated.models"
TRANSPARENT = ("allOf", "anyOf", "oneOf", "prefixItems")
"""Keywords followed by an index that keep the value the same field."""


@cache
def rule() -> Any:
    """datamodel-code-generator's field-name resolver, configured as codegen/models.py runs it."""
    try:
        from datamodel_code_generator.format import PythonVersion
        from datamodel_code_generator.reference import ModelResolver
    except ImportError:  # the codegen extra is absent: the resolver's main rule, by hand
        return None
    return ModelResolver(snake_case_field=True, target_python_version=PythonVersion.PY_311)


def field_name(wire: str) -> str:
    """The attribute codegen makes of the wire name `wire` (`dueDate` -> `due_date`)."""
    resolver = rule()
    if resolver is not None:
        return str(resolver.get_valid_field_name(wire))
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", re.sub(r"\W", "_", wire)).lower()
    return text + "_" if text in ("from", "class", "import", "global") else text


@cache
def _titles() -> dict[str, str]:
    try:
        module = importlib.import_module(MODELS)
    except ImportError:
        return {}
    titles: dict[str, str] = getattr(module, "SCHEMA_TITLES", {})
    return titles


def _model(owner: Any, name: str) -> Any:
    """The model (or type alias) `name` of the generated package, or None."""
    try:
        module = importlib.import_module(MODELS) if owner is None else owner
        return getattr(module, name)
    except (ImportError, AttributeError):
        return None


def _aliases(model: Any) -> dict[str, str]:
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return {}
    return {info.alias or name: name for name, info in model.model_fields.items()}


def _inner(model: Any, attr: str) -> Any:
    """The one model a field holds, through `list[...]`, `dict[...]`, `| None`, or None."""
    if not (isinstance(model, type) and issubclass(model, BaseModel)):
        return None
    info = model.model_fields.get(attr)
    if info is None:
        return None
    found: list[type[BaseModel]] = []
    stack: list[Any] = [info.annotation]
    while stack:
        kind = stack.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            found.append(kind)
        elif hasattr(kind, "__value__"):  # a TypeAliasType (typing_extensions on 3.11)
            stack.append(kind.__value__)
        else:
            stack.extend(typing.get_args(kind))
    return found[0] if len(set(found)) == 1 else None


def _camel(stem: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", stem))


def model_path(source: Source, loc: Loc) -> str | None:
    """`Task.focus_minutes`, `FocusSummary.pomo_count` or `Task`: what a schema position is.

    The owner of a field is the innermost model the generated code has for it;
    an inline object it lacks is named through its parent (`Comment.user_profile.name`).
    """
    file, pointer = loc
    if file == OPENAPI:
        return None
    doc = source.docs.get(file)
    title = _titles().get(file) or (doc.get("title") if isinstance(doc, dict) else None)
    name = str(title or _camel(file.removesuffix(".json")))
    model = _model(None, name)
    where = str(getattr(model, "__module__", ""))
    module = importlib.import_module(where) if where.startswith(MODELS) else None
    fields: list[str] = []
    parts = pointer_parts(pointer)
    at = ""
    i = 0
    while i < len(parts):
        key = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else None
        if key in ("$defs", "definitions") and nxt is not None:
            at += f"/{key}/{escape(nxt)}"
            node = source.node((file, at)) if _exists(source, (file, at)) else {}
            name = str(node.get("title") or nxt) if isinstance(node, dict) else nxt
            model, fields = _model(module, name), []
            i += 2
        elif key in ("properties", "patternProperties") and nxt is not None:
            if fields:
                inner = _inner(model, fields[-1])
                if inner is not None:
                    model, name, fields = inner, inner.__name__, []
                else:
                    model = None
            fields.append(_aliases(model).get(nxt) or field_name(nxt))
            at += f"/{key}/{escape(nxt)}"
            i += 2
        else:
            at += f"/{escape(key)}" + (f"/{nxt}" if key in TRANSPARENT and nxt else "")
            i += 2 if key in TRANSPARENT else 1
    return ".".join([name, *fields])


def _exists(source: Source, loc: Loc) -> bool:
    try:
        source.node(loc)
    except (KeyError, IndexError, TypeError, ValueError):
        return False
    return True


@cache
def stub_parameters() -> dict[str, dict[tuple[str, str], str]]:
    """operationId -> (wire name, in) -> the stub's parameter, from the stubs' source.

    Query parameters are the `query(("projectId", project_id))` pairs; path
    parameters are the `{taskId}` of the docstring's template, in order, against
    the `path_arg(task_id)` of the built path. Headers are not arguments.
    """
    wanted = callers.stubs()
    out: dict[str, dict[tuple[str, str], str]] = {}
    for tag in sorted({tag for tag, _ in wanted}):
        found = callers._source(f"{callers.ENDPOINTS}.{tag}")
        for node in ast.parse(found[0]).body if found else []:
            if isinstance(node, ast.FunctionDef) and (tag, node.name) in wanted:
                out[wanted[(tag, node.name)]] = _parameters(node)
    return out


def _parameters(node: ast.FunctionDef) -> dict[tuple[str, str], str]:
    names: dict[tuple[str, str], str] = {}
    doc = ast.get_docstring(node) or ""
    template = re.search(r"`[A-Z]+ (\S+)`", doc)
    wires = re.findall(r"\{([^}]+)\}", template.group(1)) if template else []
    for inner in ast.walk(node):
        if isinstance(inner, ast.keyword) and inner.arg == "path":
            args = [
                call.args[0].id
                for call in ast.walk(inner.value)
                if isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Name)
            ]
            names.update({(w, "path"): a for w, a in zip(wires, args, strict=False)})
        if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) == "query":
            for pair in inner.args:
                if isinstance(pair, ast.Tuple) and len(pair.elts) == 2:
                    wire, arg = pair.elts
                    if isinstance(wire, ast.Constant) and isinstance(arg, ast.Name):
                        names[(str(wire.value), "query")] = arg.id
    return names


def parameter_path(source: Source, loc: Loc, operation: str) -> str | None:
    """`client.api.tasks.get_task(project_id)` for a parameter of `operation` at `loc`."""
    if loc[0] != OPENAPI or "/parameters/" not in loc[1]:
        return None
    ptr = loc[1].split("/content/", 1)[0]
    if not _exists(source, (OPENAPI, ptr)):
        return None
    node = source.node((OPENAPI, ptr))
    if not isinstance(node, dict):
        return None
    stub = callers.stub_methods().get(operation)
    arg = stub_parameters().get(operation, {}).get((str(node.get("name")), str(node.get("in"))))
    return f"{stub}({arg})" if stub and arg else None


def python(sources: tuple[Source, ...], loc: Loc, operations: list[str]) -> list[str]:
    """The Python names a change at `loc` affects: the model attribute (or stub parameter)
    first, then the generated stubs, then the client methods sending one of `operations`."""
    names: list[str] = []
    for source in sources:
        if _exists(source, loc):
            names.append(model_path(source, loc) or "")
            names += [parameter_path(source, loc, op) or "" for op in operations]
    stubs, calling = callers.stub_methods(), callers.callers()
    names += sorted(stubs[op] for op in operations if op in stubs)
    names += sorted({name for op in operations for name in calling.get(op, ())})
    return list(dict.fromkeys(n for n in names if n))


def is_call(name: str) -> bool:
    """Whether a name of `python` is a client method (else a model attribute or type)."""
    return name.startswith(tuple(f"{label}." for label, _, _ in callers.ROOTS)) and "(" not in name


__all__ = ["field_name", "is_call", "model_path", "python"]
