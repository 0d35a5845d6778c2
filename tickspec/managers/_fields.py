"""Refuse a misspelt keyword of a `**fields` method before anything is sent.

A method annotated `**fields: Unpack[TaskUpdateFields]` (a TypedDict generated
from the model, `tickspec_generated.fields`) takes its keys, the wire name of
each (`dueDate` for `due_date`) and its own parameters. A keyword close to one
of those but not one of them is a typo: it raises `TypeError` naming the
intended name, the way Python refuses an unknown keyword, so
`client.tasks.create("x", due_dat=...)` never reaches the server. A keyword
like no known name is a field newer than the spec and is sent as a wire name
(requests are liberal); type checkers flag both, from the TypedDict.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["FieldCheck", "fields_check"]

_PREFIX = "Unpack["
CUTOFF = 0.75
"""difflib similarity from which an unknown keyword counts as a typo of a known one:
`due_dat`/`due_date` 0.93, `titel`/`title` 0.8, `colr`/`color` 0.89."""


class FieldCheck:
    """The keywords one `**fields` method accepts (resolved on first use)."""

    def __init__(self, method: str, typed_dict: str, own: tuple[str, ...] = ()) -> None:
        self.method = method
        self.typed_dict = typed_dict
        self.own = own
        """The method's own keyword parameters: suggested too (`due_dat` -> `due_date`)."""
        self._accepted: frozenset[str] | None = None
        self._attributes: tuple[str, ...] = ()

    def _resolve(self) -> frozenset[str]:
        fields = importlib.import_module("tickspec_generated.fields")
        keys = tuple(getattr(fields, self.typed_dict).__annotations__)
        module, class_name = fields.FIELD_MODELS[self.typed_dict]
        model = getattr(importlib.import_module(f"tickspec_generated.models.{module}"), class_name)
        aliases = {model.model_fields[key].alias for key in keys if key in model.model_fields}
        self._attributes = (*self.own, *keys)
        return frozenset(self._attributes) | {alias for alias in aliases if alias}

    def __call__(self, given: Iterable[str]) -> None:
        """Raise `TypeError` for the first keyword in `given` that misspells a known one."""
        accepted = self._accepted
        if accepted is None:
            accepted = self._accepted = self._resolve()
        for name in given:
            if name not in accepted:
                close = difflib.get_close_matches(name, self._attributes, n=1, cutoff=CUTOFF)
                if close:
                    raise TypeError(
                        f"{self.method}() got an unexpected keyword argument {name!r}; "
                        f"did you mean {close[0]!r}?"
                    )


def fields_check(flow: Callable[..., Any]) -> FieldCheck | None:
    """The check for `flow`'s `**fields: Unpack[X]`, or None when it takes no such fields."""
    params = list(inspect.signature(flow).parameters.values())[1:]
    keywords = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    own = tuple(param.name for param in params if param.kind in keywords)
    for param in params:
        annotation = param.annotation
        if (
            param.kind is param.VAR_KEYWORD
            and isinstance(annotation, str)
            and annotation.startswith(_PREFIX)
            and annotation.endswith("Fields]")
        ):
            return FieldCheck(flow.__name__, annotation[len(_PREFIX) : -1], own)
    return None
