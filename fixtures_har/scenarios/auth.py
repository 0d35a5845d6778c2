"""Signing in: signon (success, wrong password), the moved signin path, and MFA.

Seed 001's endpoints with the error body public clients show: `signon-error` is
the 500 `username_password_not_match`; `signin-405` is ticktick-py 2.0.3's old
login path, which TickTick moved to signon (errorCode and message inferred:
Spring's wording). `verifyMfa` sends the authId in the body, `verifyMfa-header`
in the `x-verify-id` header: both places the spec accepts (no seed captures
the call). Password and token are the placeholder REDACTED.
"""

from __future__ import annotations

from .common import EMAIL, PLACEHOLDER, Captures, get, post
from .user import USER_STATUS

SIGNON_QUERY = [("wc", "true"), ("remember", "true")]
CREDENTIALS = {"username": EMAIL, "password": PLACEHOLDER}
SIGNED_ON = {**USER_STATUS, "token": PLACEHOLDER}
ERROR_LOGIN = {
    "errorId": "h8cyp9dz@2hbjlbr5",
    "errorCode": "username_password_not_match",
    "errorMessage": "username_password_not_match",
    "data": {"remainderTimes": 4},
}
ERROR_SIGNIN_MOVED = {
    "errorId": "k3v8q2xd@5m1r7tpa",
    "errorCode": "method_not_allowed",
    "errorMessage": "Request method 'POST' not supported",
    "data": None,
}


def scenarios() -> Captures:
    return {
        "signon": [
            post(
                "/api/v2/user/signon",
                CREDENTIALS,
                SIGNED_ON,
                query=SIGNON_QUERY,
                authenticated=False,
            )
        ],
        "signon-error": [
            post(
                "/api/v2/user/signon",
                CREDENTIALS,
                ERROR_LOGIN,
                status=500,
                query=SIGNON_QUERY,
                authenticated=False,
            )
        ],
        "signin-405": [
            post(
                "/api/v2/user/signin",
                CREDENTIALS,
                ERROR_SIGNIN_MOVED,
                status=405,
                query=SIGNON_QUERY,
                authenticated=False,
            )
        ],
        "getMfaSetting": [
            get("/api/v2/user/sign/mfa/setting", {"mfaType": None}, authenticated=False)
        ],
        "verifyMfa": [
            post(
                "/api/v2/user/sign/mfa/code/verify",
                {"code": "000000", "method": "app", "authId": "000000000000000000000000"},
                SIGNED_ON,
                authenticated=False,
            )
        ],
        "verifyMfa-header": [
            post(
                "/api/v2/user/sign/mfa/code/verify",
                {"code": "000000", "method": "app"},
                SIGNED_ON,
                authenticated=False,
                extra_headers=[("x-verify-id", "000000000000000000000000")],
            )
        ],
    }
