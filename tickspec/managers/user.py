"""`client.user`: profile, account status, preferences, limits and statistics.

Reading the status also records the numeric user id on the client when it is
not known yet: completing a task stamps `completedUserId` with it (seed 002).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Unpack

from tickspec_generated.endpoints import RequestOptions
from tickspec_generated.endpoints import user as user_api
from tickspec_generated.fields import UserSettingsFields
from tickspec_generated.models.account_limits import AccountLimits
from tickspec_generated.models.general_statistics import GeneralStatistics
from tickspec_generated.models.user_profile import UserProfile
from tickspec_generated.models.user_settings import UserSettings
from tickspec_generated.models.user_status import UserStatus

from tickspec import wire

from ._base import ManagerBase, to_wire_fields, wire_of
from ._flow import Flow, ModeT, operation

__all__ = ["AsyncUserManager", "UserManager"]


class UserManager(ManagerBase[ModeT]):
    """Account reads; `Client.user` runs them blocking, `AsyncClient.user` awaited."""

    @operation
    def get_profile(self, **options: Unpack[RequestOptions]) -> Flow[UserProfile]:
        """The signed-on user's profile (`UserProfile`: name, email, ...).

        For example:

            client.user.get_profile().username
        """
        return (yield from user_api.get_user_profile())

    @operation
    def get_status(self, **options: Unpack[RequestOptions]) -> Flow[UserStatus]:
        """The account status; records the numeric user id on the client when unknown."""
        status = yield from user_api.get_user_status()
        if self._client.user_id is None and status.user_id:
            self._client.user_id = int(status.user_id)
        return status

    @operation
    def get_settings(
        self, *, include_web: bool | None = None, **options: Unpack[RequestOptions]
    ) -> Flow[UserSettings]:
        """The user's settings (`UserSettings`); `include_web=True` adds the web app's.

        For example:

            client.user.get_settings().time_zone
        """
        return (yield from user_api.get_user_settings(include_web=include_web))

    @operation
    def update_settings(
        self,
        /,
        settings: UserSettings | Mapping[str, Any] | None = None,
        **fields: Unpack[UserSettingsFields],
    ) -> Flow[UserSettings]:
        """Write settings: a whole object, or `fields` merged into the current ones.

        Settings are one whole object, so `fields` alone are merged into a fresh read.
        """
        if settings is None:
            settings = yield from user_api.get_user_settings()
        body = {**wire_of(settings), **to_wire_fields(UserSettings, fields)}
        return (yield from user_api.update_user_settings(wire.parse(UserSettings, body)))

    @operation
    def get_limits(self, **options: Unpack[RequestOptions]) -> Flow[AccountLimits]:
        """The account's plan limits (`AccountLimits`: lists, tasks per list, ...).

        For example:

            client.user.get_limits()
        """
        return (yield from user_api.get_limits())

    @operation
    def get_statistics(self, **options: Unpack[RequestOptions]) -> Flow[GeneralStatistics]:
        """Score, level and completion counts (`GeneralStatistics`).

        For example:

            client.user.get_statistics()
        """
        return (yield from user_api.get_general_statistics())

    @operation
    def get_unread_notifications(
        self, **options: Unpack[RequestOptions]
    ) -> Flow[list[dict[str, Any]]]:
        """Unread notifications, as plain JSON objects.

        For example:

            client.user.get_unread_notifications()
        """
        return list((yield from user_api.get_unread_notifications()))

    @operation
    def get_calendar_events(self, **options: Unpack[RequestOptions]) -> Flow[list[dict[str, Any]]]:
        """Events of the calendars bound to the account, as plain JSON objects.

        For example:

            client.user.get_calendar_events()
        """
        return list((yield from user_api.get_bound_calendar_events()))


AsyncUserManager = UserManager
"""The same class: `AsyncClient.user` is a `UserManager[Awaiting]`."""
