"""The local OAuth2 authorization-code flow of the Open API (`/oauth/authorize`, `/oauth/token`).

There is no user to ask, so the authorize page approves at once: it answers 302
to `redirect_uri` with a fresh one-time `code` and the caller's `state`. The
token endpoint checks the app's credentials (HTTP Basic, as ticktick-sdk sends
them, or `client_id`/`client_secret` in the query, as pyticktick and ticktick-py
do), consumes the code and answers a bearer token that `/open/v1` accepts.
The code and its fields may also come as a form body (ticktick-sdk).

The local app is `CLIENT_ID` / `CLIENT_SECRET`; codes live in the store, so an
admin reset forgets them; tokens are sessions of the account (they stay).
"""

from __future__ import annotations

import base64
import binascii
import secrets
import uuid
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from tickspec.server.context import Call, Reply
from tickspec.server.errors import ApiError
from tickspec.server.handlers.base import handles

CLIENT_ID = "tickspec-local"
CLIENT_SECRET = "tickspec-local-secret"
DEFAULT_SCOPE = "tasks:read tasks:write"
TOKEN_LIFETIME = 15551999
CODES = "oauthCodes"
INVALID_CLIENT = "invalid_client"
INVALID_GRANT = "invalid_grant"


def _fail(status: int, code: str, message: str) -> ApiError:
    return ApiError(status, code, message)


@handles("oauthAuthorize")
def authorize(call: Call) -> Reply:
    if call.query.get("client_id") != CLIENT_ID:
        raise _fail(400, INVALID_CLIENT, f"unknown client_id {call.query.get('client_id')!r}")
    redirect = str(call.query.get("redirect_uri") or "http://127.0.0.1:8080/")
    code = secrets.token_urlsafe(6)
    call.store.document(CODES)[code] = {
        "redirect_uri": redirect,
        "scope": str(call.query.get("scope") or DEFAULT_SCOPE),
    }
    answer: dict[str, str] = {"code": code}
    if "state" in call.query:
        answer["state"] = str(call.query["state"])
    separator = "&" if urlsplit(redirect).query else "?"
    location = redirect + separator + urlencode(answer)
    return Reply(status=302, empty=True, headers={"Location": location})


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
    """Query fields, overridden by a form body's (ticktick-sdk's way)."""
    fields: dict[str, Any] = dict(call.query)
    content_type = call.raw_headers.get("content-type", "")
    if call.raw_body and content_type.startswith("application/x-www-form-urlencoded"):
        try:
            fields.update(parse_qsl(call.raw_body.decode("utf-8"), keep_blank_values=True))
        except UnicodeDecodeError:
            raise _fail(400, "invalid_request", "form body is not UTF-8") from None
    return fields


@handles("oauthExchangeCode")
def token(call: Call) -> dict[str, Any]:
    fields = _fields(call)
    credentials = _basic(call.raw_headers.get("authorization"))
    if credentials is None:
        credentials = (str(fields.get("client_id", "")), str(fields.get("client_secret", "")))
    if credentials != (CLIENT_ID, CLIENT_SECRET):
        raise _fail(401, INVALID_CLIENT, "client authentication failed")
    if fields.get("grant_type") != "authorization_code":
        raise _fail(400, "unsupported_grant_type", "grant_type must be authorization_code")
    grant = call.store.document(CODES).pop(str(fields.get("code", "")), None)
    if grant is None:
        raise _fail(400, INVALID_GRANT, "unknown or used authorization code")
    if fields.get("redirect_uri") and fields["redirect_uri"] != grant["redirect_uri"]:
        raise _fail(400, INVALID_GRANT, "redirect_uri differs from the authorize request's")
    access = str(uuid.uuid4())
    call.state.auth.tokens.add(access)
    return {
        "access_token": access,
        "token_type": "bearer",
        "expires_in": TOKEN_LIFETIME,
        "scope": grant["scope"],
    }
