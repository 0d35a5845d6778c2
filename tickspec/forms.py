"""Form bodies (`application/x-www-form-urlencoded`, `multipart/form-data`) as fields.

The OAuth2 token and revoke calls send forms, not JSON: the contract checker reads
a captured one and the local server a received one, both with `form_fields`.
"""

from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def is_form(content_type: str) -> bool:
    """Whether a Content-Type (parameters allowed) names one of the two form encodings."""
    media = content_type.split(";")[0].strip().lower()
    return media in (URLENCODED, MULTIPART)


def _multipart(body: bytes, content_type: str) -> dict[str, str] | None:
    head = b"Content-Type: " + content_type.encode("latin-1", "replace") + b"\r\n\r\n"
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        return None
    fields: dict[str, str] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if isinstance(name, str) and isinstance(payload, bytes):
            fields[name] = payload.decode("utf-8", "replace")
    return fields


def form_fields(body: bytes, content_type: str) -> dict[str, str]:
    """The fields of a form body (the last of a repeated name wins). A multipart
    Content-Type over a `name=value` body (the revoke doc's own example) reads as
    urlencoded. Raises UnicodeDecodeError for a urlencoded body that is not UTF-8."""
    if content_type.split(";")[0].strip().lower() == MULTIPART:
        parts = _multipart(body, content_type)
        if parts is not None:
            return parts
    return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
