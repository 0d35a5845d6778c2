"""What counts as a secret: key and header names (any casing), and shapes in free text.

Names are compared after `norm`: lower case, letters and digits only, so
`Password`, `PASSWORD`, `new_password` and `X-Csrftoken` meet the same rule.
These rules find values; `Vault` then replaces every occurrence of each value,
wherever it appears, so a rule only has to see a secret once.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache


class Kind(Enum):
    """A kind of secret or personal datum; each has its own placeholder shape."""

    PASSWORD = "password"
    TOKEN = "token"
    USER_ID = "user id"
    INBOX = "inbox id"
    EMAIL = "email"
    PHONE = "phone"
    NAME = "name"
    USERNAME = "username"
    PICTURE = "picture"
    USER_CODE = "userCode"
    IP = "ip"


@lru_cache(maxsize=4096)
def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


_EXACT = {
    Kind.PASSWORD: {"pwd", "pass", "pw", "passwd", "passcode", "passphrase"},
    Kind.TOKEN: {"t", "sid", "session", "sessionid", "jsessionid", "phpsessid", "auth",
                 "authorization", "proxyauthorization", "cookie", "credential", "credentials",
                 "otp", "signature", "ticket"},
    Kind.USER_ID: {"userid", "uid", "creator", "completeduserid", "assignee", "createduserid",
                   "modifieduserid", "ownerid", "owner", "externalid", "userids", "memberid"},
    Kind.EMAIL: {"email", "emailaddress", "mail", "em"},
    Kind.PHONE: {"mobile", "mobilenumber", "tel", "telephone", "cellphone", "msisdn"},
    Kind.NAME: {"displayname", "nickname", "nick", "realname", "fullname", "givenname",
                "familyname", "firstname", "lastname", "middlename"},
    Kind.USERNAME: {"username", "login", "loginname", "account", "accountname"},
    Kind.PICTURE: {"picture", "photo", "photourl", "profilepicture", "profileimage",
                   "headimg", "headimgurl"},
    Kind.USER_CODE: {"usercode"},
    Kind.INBOX: {"inboxid"},
    Kind.IP: {"ip", "clientip", "remoteip", "ipaddress", "xforwardedfor", "xrealip",
              "forwarded", "cfconnectingip", "trueclientip", "xclientip"},
}  # fmt: skip
_PARTS = (
    ("password", Kind.PASSWORD),
    ("passwd", Kind.PASSWORD),
    ("token", Kind.TOKEN),
    ("secret", Kind.TOKEN),
    ("csrf", Kind.TOKEN),
    ("xsrf", Kind.TOKEN),
    ("apikey", Kind.TOKEN),
    ("accesskey", Kind.TOKEN),
    ("privatekey", Kind.TOKEN),
    ("session", Kind.TOKEN),
    ("userid", Kind.USER_ID),
    ("inboxid", Kind.INBOX),
    ("usercode", Kind.USER_CODE),
    ("email", Kind.EMAIL),
    ("phone", Kind.PHONE),
    ("avatar", Kind.PICTURE),
    ("picture", Kind.PICTURE),
    ("displayname", Kind.NAME),
    ("givenname", Kind.NAME),
    ("familyname", Kind.NAME),
    ("nickname", Kind.NAME),
    ("username", Kind.USERNAME),
)
_NOT_SECRET = {"tokentype", "expiresin", "sessiontimeout", "passwordlength"}
"""Names that hold a secret's word but describe it (OAuth2's `token_type: bearer`)."""
_ACCOUNT_ONLY = {"id": Kind.USER_ID, "name": Kind.NAME}
"""Keys that are personal only in the account's own bodies (a task's `id` is not)."""

ACCOUNT_PATH = re.compile(
    r"(?i)/(?:signon|signin|signup|login|oauth)\b|/users?/(?:[^/?#]+/)?(?:status|profile|info|me)\b"
)
"""Paths whose bodies describe the account itself (signon, status, profile)."""


@lru_cache(maxsize=4096)
def classify(key: str, *, account: bool = False) -> Kind | None:
    """The kind of value stored under `key` (a JSON key, query or form name), or None."""
    name = norm(key)
    if name in _NOT_SECRET:
        return None
    if account and name in _ACCOUNT_ONLY:
        return _ACCOUNT_ONLY[name]
    for kind, names in _EXACT.items():
        if name in names:
            return kind
    for part, kind in _PARTS:
        if part in name:
            return kind
    if _PHONE_WORDS.intersection(w.lower() for w in _WORD.findall(key)):
        return Kind.PHONE
    return None


_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+")
"""The words of a key in any casing: `contactMobileNo` -> contact, Mobile, No."""
_PHONE_WORDS = frozenset({"mobile", "tel", "telephone", "cell", "cellphone", "msisdn", "fax",
                          "whatsapp", "sms", "phone", "phones", "telno", "mobileno"})  # fmt: skip
"""Words that make a key a phone's (`userMobile`, `tel_no`), not letters inside a word
(`hotel`, `intel`, `telemetry` are not phones). A value under such a key counts as a
phone only with digits enough (`PHONE_DIGITS`): `"mobileApp": "ios"` stays."""
PHONE_DIGITS = 5


def phone_spellings(value: str) -> set[str]:
    """The other spellings of a phone number: `+33 6 12-34` is also `+33612...` and
    `33612...` (its digits), so a number formatted once is found written the other ways."""
    digits = "".join(c for c in value if c.isascii() and c.isdigit())
    if len(digits) < 7:
        return set()
    plus = value.lstrip().startswith(("+", "%2B", "%2b"))
    return {digits, "+" + digits} - {value} if plus else {digits} - {value}


URL_HEADERS = frozenset({"referer", "location", "origin", "contentlocation", "link"})
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+(?:@|%40)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,}[0-9]$")
IPV4 = re.compile(r"(?<![0-9.])(?:[0-9]{1,3}\.){3}[0-9]{1,3}(?![0-9.])")
IPV6 = re.compile(r"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![0-9A-Fa-f:])")
PHONE_NET = re.compile(
    r"(?:\+|%2[Bb]|\\u002[Bb])[0-9](?:(?:[ ().-]|%20|\\u0020)?[0-9]){7,14}(?![0-9])"
)
"""An international (E.164) number, its `+` as is, percent-encoded or JSON-escaped."""
_SECRET_NAMES = (
    r"password|passwd|pwd|new_?password|old_?password|(?:access|refresh|id|auth|csrf)_?token"
    r"|_csrf_token|x-?csrftoken|token|sid|j?sessionid|session|secret|api_?key|t"
    r"|(?:cell|mobile|tele?)?_?phone(?:_?(?:number|no))?|mobile(?:_?(?:number|no))?|tel|msisdn"
)
NET: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", EMAIL),
    ("inbox", re.compile(r"inbox(?P<id>[0-9]+)")),
    ("jwt", re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")),
    ("hex", re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{40,}(?![0-9A-Fa-f])")),
    ("phone", PHONE_NET),
    (
        "pair",
        re.compile(
            r"(?<![A-Za-z0-9_])(?P<name>" + _SECRET_NAMES + r")"
            r"(?P<sep>=|\"\s*:\s*\"?|\s*:\s+\"?)(?P<value>[^&\s;#\"'?,<>]+)",
            re.IGNORECASE,
        ),
    ),
)
"""The second net, for values no rule saw under a name: emails, inbox ids, JWTs,
long hex tokens, international phone numbers, `password=...` / `"token": "..."`.
Each runs only on text that holds its cue (`could_hold`): most strings hold none."""


CUE = re.compile(r'[@+=]|%40|%2[Bb]|\\u002|inbox|eyJ|":|: ')
"""Text without any cue (and shorter than a hex token) cannot match the net."""


def could_hold(kind: str, text: str) -> bool:
    """A cheap necessary condition for `kind` of the net to match `text`."""
    if kind == "email":
        return "@" in text or "%40" in text
    if kind == "inbox":
        return "inbox" in text
    if kind == "jwt":
        return "eyJ" in text
    if kind == "hex":
        return len(text) >= 40
    if kind == "phone":
        return "+" in text or "%2" in text or "\\u002" in text
    return "=" in text or '":' in text or ": " in text


SHARE_WORDS = frozenset(
    {"share", "shares", "accept", "invite", "invitation", "join", "verify", "reset", "confirm",
     "activate", "unsubscribe", "token", "tokens", "auth", "callback", "s", "t"}
)  # fmt: skip
"""Path segments followed by a capability token (`/share/<tok>/accept/<tok>`)."""
TOKEN_SEGMENT = re.compile(r"^(?=.*[0-9A-Z_])[A-Za-z0-9_~.=-]{6,}$")
"""A segment that looks like a token, not a word: it has a digit, capital or `_`."""
