"""Load schemas/ into memory once: every JSON Schema file, drafts expanded, and OpenAPI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from codegen.drafts import DraftError, expand_drafts
from tickspec import yaml_text


class SpecError(Exception):
    """The schemas folder cannot be compiled; the message names the file."""


@dataclass(frozen=True)
class Spec:
    root: Path
    schemas: dict[str, dict[str, Any]]
    """File name (e.g. 'task.json') to parsed schema, sorted by name; drafts expanded."""
    openapi: dict[str, Any]


def load_spec(root: Path) -> Spec:
    if not root.is_dir():
        raise SpecError(f"{root}: no such schema folder")
    schemas: dict[str, dict[str, Any]] = {}
    for path in sorted(root.glob("*.json")):
        try:
            schemas[path.name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise SpecError(f"{path}: not valid JSON ({exc})") from None
    try:
        schemas = expand_drafts(schemas)
    except DraftError as exc:
        raise SpecError(str(exc)) from None
    openapi_path = root / "openapi.yaml"
    try:
        openapi = yaml_text.safe_load(openapi_path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise SpecError(f"{openapi_path}: cannot be read ({exc})") from None
    if not isinstance(openapi, dict) or "paths" not in openapi:
        raise SpecError(f"{openapi_path}: not an OpenAPI document")
    return Spec(root=root, schemas=schemas, openapi=openapi)


def module_name(schema_file: str) -> str:
    """'task-batch-request.json' -> 'task_batch_request', the models module it becomes."""
    return schema_file.removesuffix(".json").replace("-", "_")
