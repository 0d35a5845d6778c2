"""TickTick's official Open API v1 (`/open/v1`, OAuth2 bearer tokens): a typed client.

The web API client is `tickspec.Client`; this one talks to the API TickTick
documents for third-party apps (developer.ticktick.com), with its own objects
(`OpenTask`, `OpenProject`) and the OAuth2 authorization-code flow.
"""

from tickspec.open_api._core import DIDA365, SCOPES, OAuthApp
from tickspec.open_api.client import AsyncOpenClient, OpenClient

__all__ = ["DIDA365", "SCOPES", "AsyncOpenClient", "OAuthApp", "OpenClient"]
