"""`OpenClient.preference` and `OpenClient.countdowns`: the small read-only endpoints."""

from __future__ import annotations

from typing import Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import open as open_api
from tickspec_generated.models.open_countdown import OpenCountdown
from tickspec_generated.models.open_preference import OpenPreference

from tickspec.managers._flow import Flow, ModeT, operation

from ._base import OpenManager

__all__ = [
    "AsyncOpenCountdownsManager",
    "AsyncOpenPreferenceManager",
    "OpenCountdownsManager",
    "OpenPreferenceManager",
]


class OpenPreferenceManager(OpenManager[ModeT]):
    """The user's preferences over the Open API."""

    @operation
    def get(self, **options: Unpack[RequestOptions]) -> Flow[OpenPreference]:
        """The user's preferences (`timeZone`, an IANA name): `get().time_zone`."""
        return (yield from open_api.open_get_preference())


class OpenCountdownsManager(OpenManager[ModeT]):
    """Countdowns (days until a date) over the Open API."""

    @operation
    def get_all(self, **options: Unpack[RequestOptions]) -> Flow[list[OpenCountdown]]:
        """Every countdown: `get_all()`."""
        return list((yield from open_api.open_list_countdowns()))


AsyncOpenPreferenceManager = OpenPreferenceManager
"""The same class: `AsyncOpenClient.preference` is an `OpenPreferenceManager[Awaiting]`."""
AsyncOpenCountdownsManager = OpenCountdownsManager
"""The same class: `AsyncOpenClient.countdowns` is an `OpenCountdownsManager[Awaiting]`."""
