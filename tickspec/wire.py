"""Wire form <-> generated models, the one way every part of tickspec converts.

Parsing reads wire names only (`by_name=False`). The models also accept Python
names so users can write `Task(project_id=...)`, but a wire object that happened
to carry a key spelled like an attribute (`"project_id"`) would otherwise be
taken for the aliased field and written back as `"projectId"`: a lossy round trip.

Dumping uses `by_alias=True, exclude_unset=True`: wire names, and only the fields
that were present, so `null`s that were sent stay `null`, absent fields stay
absent, and unknown fields (kept by `extra="allow"`) go back out untouched.
"""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel
from tickspec_generated.endpoints._base import adapter
from tickspec_generated.models import for_schema

M = TypeVar("M", bound=BaseModel)


def parse(model: type[M], data: Any) -> M:
    """A wire-form JSON value (dict) as `model`, reading wire names only."""
    parsed = model.model_validate(data, by_alias=True, by_name=False)
    _unmark_attribute_named_extras(parsed, data)
    return parsed


def _unmark_attribute_named_extras(value: Any, raw: Any) -> None:
    """Undo pydantic marking a field as set when only an extra key of its name came.

    pydantic records extra keys in `model_fields_set`; an extra `"sort_order"`
    thus looks like the field `sort_order` was set, and `exclude_unset` would
    add `"sortOrder": null` on the way out. Such keys never come from TickTick
    (camelCase throughout) but may from user dicts, so this walk runs on the
    `parse` path, not in the generated stubs' hot decode path.
    """
    # Only a non-empty JSON object or array can hold a marked extra: scalars and
    # empty ones are not descended into (a few calls for a task, not one per field).
    if isinstance(value, BaseModel):
        fields = type(value).model_fields
        extra = value.model_extra or {}
        for name in extra.keys() & fields.keys():
            alias = fields[name].alias
            if alias and alias != name and not (isinstance(raw, dict) and alias in raw):
                value.model_fields_set.discard(name)
        if isinstance(raw, dict):
            for name, field in fields.items():
                item = raw.get(field.alias or name)
                if isinstance(item, dict | list) and item:
                    _unmark_attribute_named_extras(getattr(value, name), item)
    elif isinstance(value, list) and isinstance(raw, list):
        for item, raw_item in zip(value, raw, strict=False):
            if isinstance(raw_item, dict | list) and raw_item:
                _unmark_attribute_named_extras(item, raw_item)
    elif isinstance(value, dict) and isinstance(raw, dict):
        for key, item in value.items():
            raw_item = raw.get(key)
            if isinstance(raw_item, dict | list) and raw_item:
                _unmark_attribute_named_extras(item, raw_item)


def load(schema_file: str, body: Any) -> Any:
    """Parse a JSON value into the model (or aliased type) of `schema_file`."""
    target = for_schema(schema_file)
    if isinstance(target, type) and issubclass(target, BaseModel):
        return parse(target, body)
    parsed = adapter(target).validate_python(body, by_alias=True, by_name=False)
    _unmark_attribute_named_extras(parsed, body)
    return parsed


def dump(value: Any) -> Any:
    """The wire-form JSON value of a model, list of models, or plain value."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, list):
        return [dump(item) for item in value]
    if isinstance(value, dict):
        return {key: dump(item) for key, item in value.items()}
    return value


def roundtrip(schema_file: str, body: Any) -> Any:
    """Load then dump; equal to `body` when the model is lossless for it."""
    return dump(load(schema_file, body))


def canonical(value: Any) -> str:
    """A stable text of a JSON value, for comparing bodies in tests and reports."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)
