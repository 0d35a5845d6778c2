"""`OpenClient.tags`: the user's tags (list and create)."""

from __future__ import annotations

from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_tag import OpenTag
from tickspec_generated.models.open_tag_create import OpenTagCreate

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import OpenManager, body_of

__all__ = ["AsyncOpenTagsManager", "OpenTagsManager"]


class OpenTagsManager(OpenManager[ModeT]):
    """Tags over the Open API; blocking on `OpenClient`, awaited on `AsyncOpenClient`."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[OpenTag]]:
        """Every tag: `get_all()`."""
        return list((yield from open_api.open_list_tags()))

    @operation
    def create(self, /, label: str, **fields: Any) -> Flow[OpenTag]:
        """A new tag: `create("Urgent")` sends name `"urgent"` and label `"Urgent"`.

        The service requires the name to be the label lowercased (and trimmed), so
        the name is derived from the label; pass `name=` only to override it.
        """
        given = {"name": label.strip().lower(), "label": label.strip()}
        return (yield from open_api.open_create_tag(body_of(OpenTagCreate, given, fields)))


AsyncOpenTagsManager = OpenTagsManager
"""The same class: `AsyncOpenClient.tags` is an `OpenTagsManager[Awaiting]`."""
