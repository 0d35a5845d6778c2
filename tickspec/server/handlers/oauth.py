"""The OAuth2 endpoints of the Open API: authorize, token, revoke (see oauth_server.py).

There is no user to ask, so the authorize page approves at once: it answers 302
to the registered `redirect_uri` with a fresh one-time `code` and the caller's
`state`. The token endpoint takes its fields in the forms clients send them: an
`application/x-www-form-urlencoded` body with the app's id and secret as HTTP
Basic (the docs, ticktick-sdk 0.4.3), every field in the query (pyticktick
0.3.0, ticktick-py 2.0.3), or the id and secret as form fields (simple-oauth2's
"body" method). Revoke takes `token` as a form field (the docs' example) or in
the query.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import urlencode, urlsplit

from tickspec.forms import form_fields, is_form
from tickspec.server.context import Call, Reply
from tickspec.server.handlers.base import handles
from tickspec.server.oauth_server import (
    LOCAL_CLIENT_ID,
    LOCAL_CLIENT_SECRET,
    TOKEN_LIFETIME,
    BodilessError,
    OAuthError,
)

CLIENT_ID = LOCAL_CLIENT_ID
CLIENT_SECRET = LOCAL_CLIENT_SECRET


@handles("oauthAuthorize")
def authorize(call: Call) -> Reply:
    """Approve at once: 302 to the registered redirect URI with `code` and `state`."""
    redirect = call.query.get("redirect_uri")
    code, target = call.state.oauth.authorize(
        str(call.query.get("client_id") or ""),
        str(redirect) if redirect else None,
        call.query.get("scope"),
    )
    answer: dict[str, str] = {"code": code}
    if "state" in call.query:
        answer["state"] = str(call.query["state"])
    separator = "&" if urlsplit(target).query else "?"
    return Reply(
        status=302, empty=True, headers={"Location": target + separator + urlencode(answer)}
    )


def _basic(authorization: str | None) -> tuple[str, str] | None:
    scheme, _, credential = (authorization or "").partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(credential.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, sep, secret = decoded.partition(":")
    return (client_id, secret) if sep else None


def _fields(call: Call) -> dict[str, Any]:
    """Query fields, overridden by a form body's (urlencoded, or multipart as the
    revoke example's Content-Type says)."""
    fields: dict[str, Any] = dict(call.query)
    content_type = call.raw_headers.get("content-type", "")
    if call.raw_body and is_form(content_type):
        try:
            fields.update(form_fields(call.raw_body, content_type))
        except (UnicodeError, ValueError):
            raise OAuthError(400, "invalid_request", "the form body cannot be read") from None
    return fields


@handles("oauthExchangeCode")
def token(call: Call) -> dict[str, Any]:
    """Trade a code for a bearer token (RFC 6749 errors on failure)."""
    fields = _fields(call)
    credentials = _basic(call.raw_headers.get("authorization"))
    if credentials is None:
        credentials = (str(fields.get("client_id", "")), str(fields.get("client_secret", "")))
    oauth = call.state.oauth
    app = oauth.authenticate_client(*credentials)
    if fields.get("grant_type") != "authorization_code":
        raise OAuthError(400, "unsupported_grant_type", "grant_type must be authorization_code")
    redirect = fields.get("redirect_uri")
    access, grant = oauth.redeem(app, str(fields.get("code", "")), str(redirect or "") or None)
    return {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": TOKEN_LIFETIME,
        "scope": " ".join(sorted(grant.scopes)),
    }


@handles("oauthRevoke")
def revoke(call: Call) -> Reply:
    """Invalidate the `token` field: 200 with no body; 401 if it is not a live token."""
    value = str(_fields(call).get("token") or "").strip()
    if not value:
        raise BodilessError(401, "invalid_token", "revoke needs the `token` to revoke")
    if not call.state.oauth.revoke(value):
        raise BodilessError(401, "invalid_token", "not a live access token")
    return Reply(status=200, empty=True)
