"""Signon, MFA, and the account's own descriptions (profile, status, limits).

Signon (`POST /api/v2/user/signon?wc=true&remember=true`) answers the account
summary with a fresh `token` and sets the cookies `t=<token>` (the session) and
`_csrf_token` (echoed by the web app as X-Csrftoken; not checked here). Wrong
credentials and the lockout are HTTP 500 errors, as TickTick answers them (see
auth.py). With MFA on, signon answers `{authId, expireTime}` and no cookie;
`POST /api/v2/user/sign/mfa/code/verify` with `{code, authId}` (or the authId in
the `x-verify-id` header the spec declares; the body's wins when both are sent)
then answers like signon. `GET .../mfa/setting` says whether the account has
MFA; it needs no session, like the two others.

The account is Free (`pro: false`, a Pro trial long over); limits are the
Free plan's, reported but not enforced.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from typing import Any

from tickspec.server.auth import MFA_LIFETIME
from tickspec.server.context import Call, Reply
from tickspec.server.handlers.base import handles
from tickspec.server.ids import now_ms

JsonObject = dict[str, Any]


PRO_START = "2025-01-17T13:12:28.000+0000"
PRO_END = "2025-02-17T13:12:28.000+0000"
"""The demo account's Pro trial, long over (`pro: false`). Real accounts that once had
Pro answer both dates as strings, and pyticktick 0.3.0 refuses a signon whose
`proEndDate` is null."""


AVATAR = "https://d3qg9zffrnl4ph.cloudfront.net/image/avatar.png"
"""TickTick's default avatar, what an account without a picture answers."""


def user_code(call: Call) -> str:
    """A stable UUID version 4, like TickTick's (pyticktick checks the version)."""
    seed = hashlib.sha256(f"tickspec:{call.state.config.account.user_id}".encode()).digest()
    return str(uuid.UUID(bytes=seed[:16], version=4))


def account_summary(call: Call) -> JsonObject:
    """The fields signon and /user/status share."""
    account = call.state.config.account
    return {
        "userId": str(account.user_id),
        "userCode": user_code(call),
        "username": account.username,
        "inboxId": call.store.inbox_id,
        "pro": False,
        "proStartDate": PRO_START,
        "proEndDate": PRO_END,
        "subscribeType": None,
        "subscribeFreq": None,
        "needSubscribe": False,
        "freq": None,
        "teamPro": False,
        "teamUser": False,
        "activeTeamUser": False,
        "freeTrial": False,
        "ds": False,
    }


def signed_on(call: Call, token: str) -> Reply:
    return Reply(
        body={"token": token, **account_summary(call)},
        cookies={"t": token, "_csrf_token": secrets.token_hex(16)},
    )


@handles("signon")
def signon(call: Call) -> Reply:
    token, auth_id = call.state.auth.signon(call.body["username"], call.body["password"])
    if auth_id is not None:
        return Reply(body={"authId": auth_id, "expireTime": now_ms() + int(MFA_LIFETIME * 1000)})
    assert token is not None
    return signed_on(call, token)


@handles("getMfaSetting")
def mfa_setting(call: Call) -> JsonObject:
    enabled = call.state.config.account.mfa_code is not None
    return {"mfaType": "app" if enabled else None, "enabled": enabled}


@handles("verifyMfa")
def verify_mfa(call: Call) -> Reply:
    auth_id = call.body.get("authId") or call.raw_headers.get("x-verify-id")
    return signed_on(call, call.state.auth.verify_mfa(auth_id, call.body["code"]))


@handles("getUserStatus")
def user_status(call: Call) -> JsonObject:
    """The summary, plus `timeStamp` (pyticktick requires it; an int, milliseconds)."""
    return {**account_summary(call), "timeStamp": now_ms()}


@handles("getUserProfile")
def user_profile(call: Call) -> JsonObject:
    account = call.state.config.account
    return {
        "username": account.username,
        "name": account.display_name,
        "displayName": account.display_name,
        "email": account.username,
        "phone": None,
        "picture": AVATAR,
        "locale": "en_US",
        "userCode": user_code(call),
        "verifiedEmail": True,
        "fakedEmail": False,
        "accountDomain": None,
        # named by pyticktick's and ticktick-sdk's models (issue 8); unset on most accounts
        "etimestamp": None,
        "siteDomain": "ticktick.com",
        "createdCampaign": "",
        "createdDeviceInfo": None,
        "filledPassword": True,
        "extenalId": None,  # sic: TickTick's typo, next to the right spelling
        "externalId": None,
        "givenName": None,
        "familyName": None,
        "gender": None,
        "link": None,
        "phoneWithoutCountryCode": None,
        "verCode": None,
        "verKey": None,
    }


@handles("getLimits")
def limits(call: Call) -> JsonObject:
    del call
    return {
        "projectNumber": 9,
        "projectTaskNumber": 99,
        "subtaskNumber": 19,
        "shareUserNumber": 1,
        "dailyUploadNumber": 1,
        "taskAttachmentNumber": 1,
        "reminderNumber": 2,
        "habitNumber": 5,
        "kanbanNumber": 10,
        "visitorNumber": 0,
    }
