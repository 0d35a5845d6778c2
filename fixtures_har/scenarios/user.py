"""The account and what the web app reads around it: profile, status, settings,
limits, notifications, calendars and statistics.

Seed 001's endpoint table, bodies in the shapes of the schemas' examples, the
email and user id redacted. `getUserProfile` stores its response base64-encoded,
as Firefox does for some bodies, so the checker's base64 path has a capture.
USER_STATUS is also the body signon and MFA answer (with a token), see auth.py.
"""

from __future__ import annotations

from .common import EMAIL, INBOX, USER, Captures, get, post

USER_STATUS = {
    "userId": str(USER),
    "userCode": "00000000-0000-4000-8000-000000000001",
    "username": EMAIL,
    "teamPro": False,
    # A free account that had a trial: both dates are strings (real signon answer,
    # fixtures_har/real/luke-signon.har; pyticktick 0.3.0 requires proEndDate).
    "proStartDate": "2025-11-21T01:19:08.000+0000",
    "proEndDate": "2025-12-21T01:19:08.000+0000",
    "subscribeType": None,
    "subscribeFreq": None,
    "needSubscribe": False,
    "freq": None,
    "inboxId": INBOX,
    "teamUser": False,
    "activeTeamUser": False,
    "freeTrial": False,
    "pro": False,
    "ds": False,
}
SETTINGS = {
    "timeZone": "Europe/Istanbul",
    "locale": "en_US",
    "startDayOfWeek": 1,
    "defaultPriority": 0,
    "defaultReminders": ["TRIGGER:PT0S"],
    "theme": None,
}


def scenarios() -> Captures:
    return {
        "getUserProfile": [
            get(
                "/api/v2/user/profile",
                # Every key of the real answer (fixtures_har/real/luke-getUserProfile.har)
                # plus phoneWithoutCountryCode, which pyticktick 0.3.0 (live-tested) requires.
                {
                    "etimestamp": None,
                    "username": EMAIL,
                    "siteDomain": "ticktick.com",
                    "createdCampaign": "",
                    "createdDeviceInfo": None,
                    "filledPassword": True,
                    "accountDomain": None,
                    "extenalId": None,
                    "email": EMAIL,
                    "verifiedEmail": True,
                    "fakedEmail": False,
                    "phone": None,
                    "name": "User",
                    "givenName": None,
                    "familyName": None,
                    "link": None,
                    "picture": "https://example.com/avatar1.png",
                    "gender": None,
                    "locale": "en_US",
                    "userCode": USER_STATUS["userCode"],
                    "verCode": None,
                    "verKey": None,
                    "externalId": None,
                    "phoneWithoutCountryCode": None,
                    "displayName": "User",
                },
                base64_response=True,
            )
        ],
        # timeStamp: in the status answer only (pyticktick 0.3.0 requires it there; the
        # real signon answer has none).
        "getUserStatus": [get("/api/v2/user/status", {**USER_STATUS, "timeStamp": 1768655548000})],
        "getUserSettings": [
            get("/api/v2/user/preferences/settings", SETTINGS, [("includeWeb", "true")])
        ],
        "updateUserSettings": [
            post(
                "/api/v2/user/preferences/settings",
                {"timeZone": "Europe/Istanbul", "startDayOfWeek": 2},
                {**SETTINGS, "startDayOfWeek": 2},
            )
        ],
        "getLimits": [
            get(
                "/api/v2/configs/limits",
                {
                    "projectNumber": 9,
                    "projectTaskNumber": 99,
                    "subtaskNumber": 19,
                    "shareUserNumber": 1,
                    "dailyUploadNumber": 1,
                    "taskAttachmentNumber": 1,
                    "reminderNumber": 2,
                    "habitNumber": 5,
                    "kanbanNumber": 10,
                    "visitorNumber": 1,
                },
            )
        ],
        "getUnreadNotifications": [get("/api/v2/notification/unread", [])],
        "getThirdCalendarAccounts": [get("/api/v2/calendar/third/accounts", [])],
        "getCalendarSubscriptions": [get("/api/v2/calendar/subscription", [])],
        "getBoundCalendarEvents": [get("/api/v2/calendar/bind/events/all", [])],
        "getGeneralStatistics": [
            get(
                "/api/v2/statistics/general",
                {
                    "score": 1240,
                    "level": 5,
                    "yesterdayCompleted": 3,
                    "todayCompleted": 2,
                    "totalCompleted": 812,
                    # The focus counters every real answer carries
                    # (fixtures_har/real/luke-getGeneralStatistics.har).
                    "todayPomoCount": 1,
                    "yesterdayPomoCount": 0,
                    "totalPomoCount": 40,
                    "todayPomoDuration": 25,
                    "yesterdayPomoDuration": 0,
                    "totalPomoDuration": 1000,
                    "pomoGoal": 4,
                    "pomoDurationGoal": 0,
                    "scoreByDay": {"20260117": 1240},
                    "taskByDay": {},
                    "taskByWeek": {},
                    "taskByMonth": {},
                    "pomoByDay": {"20260117": {"count": 1, "duration": 25}},
                    "pomoByWeek": {"20260111": {"count": 1, "duration": 25}},
                    "pomoByMonth": {"20260101": {"count": 1, "duration": 25}},
                },
            )
        ],
    }
