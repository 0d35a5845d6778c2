"""`client.user`: profile, account status, preferences, limits and statistics.

Reading the status also records the numeric user id on the client when it is
not known yet: completing a task stamps `completedUserId` with it (seed 002).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from tickspec_generated.models.account_limits import AccountLimits
from tickspec_generated.models.general_statistics import GeneralStatistics
from tickspec_generated.models.user_profile import UserProfile
from tickspec_generated.models.user_settings import UserSettings
from tickspec_generated.models.user_status import UserStatus

from tickspec import wire

from ._base import ManagerBase, to_wire_fields, wire_of
from ._flow import Call, Flow, arun, run

__all__ = ["AsyncUserManager", "UserManager"]

T = TypeVar("T")


class UserFlows(ManagerBase):
    """Generators behind `UserManager` and `AsyncUserManager`."""

    def _read(self, answer: type[T], method: str, **kwargs: Any) -> Flow[T]:
        """A plain read; `answer` only types the result for the caller."""
        return cast(T, (yield Call("user", method, (), kwargs)))

    def _get_status(self) -> Flow[UserStatus]:
        status: UserStatus = yield from self._read(UserStatus, "get_user_status")
        if self._client.user_id is None and status.user_id:
            self._client.user_id = int(status.user_id)
        return status

    def _update_settings(
        self, settings: UserSettings | Mapping[str, Any] | None, fields: Mapping[str, Any]
    ) -> Flow[UserSettings]:
        """Settings are one whole object: merge `fields` into the given or current one."""
        if settings is None:
            settings = yield from self._read(UserSettings, "get_user_settings")
        assert settings is not None
        body = {**wire_of(settings), **to_wire_fields(UserSettings, fields)}
        answer: UserSettings = yield Call(
            "user", "update_user_settings", (wire.parse(UserSettings, body),)
        )
        return answer


class UserManager(UserFlows):
    """Account reads over a blocking `Client`."""

    def get_profile(self) -> UserProfile:
        return run(self._client, self._read(UserProfile, "get_user_profile"))

    def get_status(self) -> UserStatus:
        return run(self._client, self._get_status())

    def get_settings(self, *, include_web: bool | None = None) -> UserSettings:
        return run(
            self._client, self._read(UserSettings, "get_user_settings", include_web=include_web)
        )

    def update_settings(
        self, settings: UserSettings | Mapping[str, Any] | None = None, **fields: Any
    ) -> UserSettings:
        """Write settings: a whole object, or `fields` merged into the current ones."""
        return run(self._client, self._update_settings(settings, fields))

    def get_limits(self) -> AccountLimits:
        return run(self._client, self._read(AccountLimits, "get_limits"))

    def get_statistics(self) -> GeneralStatistics:
        return run(self._client, self._read(GeneralStatistics, "get_general_statistics"))

    def get_unread_notifications(self) -> list[dict[str, Any]]:
        return run(self._client, self._read(list[dict[str, Any]], "get_unread_notifications"))

    def get_calendar_events(self) -> list[dict[str, Any]]:
        return run(self._client, self._read(list[dict[str, Any]], "get_bound_calendar_events"))


class AsyncUserManager(UserFlows):
    """Account reads over an `AsyncClient`; same methods, awaited."""

    async def get_profile(self) -> UserProfile:
        return await arun(self._client, self._read(UserProfile, "get_user_profile"))

    async def get_status(self) -> UserStatus:
        return await arun(self._client, self._get_status())

    async def get_settings(self, *, include_web: bool | None = None) -> UserSettings:
        return await arun(
            self._client, self._read(UserSettings, "get_user_settings", include_web=include_web)
        )

    async def update_settings(
        self, settings: UserSettings | Mapping[str, Any] | None = None, **fields: Any
    ) -> UserSettings:
        return await arun(self._client, self._update_settings(settings, fields))

    async def get_limits(self) -> AccountLimits:
        return await arun(self._client, self._read(AccountLimits, "get_limits"))

    async def get_statistics(self) -> GeneralStatistics:
        return await arun(self._client, self._read(GeneralStatistics, "get_general_statistics"))

    async def get_unread_notifications(self) -> list[dict[str, Any]]:
        return await arun(
            self._client, self._read(list[dict[str, Any]], "get_unread_notifications")
        )

    async def get_calendar_events(self) -> list[dict[str, Any]]:
        return await arun(
            self._client, self._read(list[dict[str, Any]], "get_bound_calendar_events")
        )
