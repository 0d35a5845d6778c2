"""Shared by the drivers: arguments, one line of JSON per step, base-URL patching, and
the browser of the Open API's OAuth2 flow.

A driver runs in the client's own throwaway environment (not tickspec's), so it
imports nothing from tickspec. It prints one JSON object per scenario step to
stdout: {"step": name, "ok": bool, "error": text or null}; record.py reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT of tickspec serve")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True, help="a session token the server accepts")
    # the Open API app the server registered (`tickspec serve --oauth-app ID:SECRET:URI`)
    parser.add_argument("--client-id", default="tickspec-local")
    parser.add_argument("--client-secret", default="tickspec-local-secret")
    parser.add_argument("--redirect-uri", default="http://127.0.0.1:8080/")
    return parser.parse_args()


def step(name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one scenario step; a failure is reported and the scenario goes on."""
    try:
        value = func(*args, **kwargs)
    except Exception as exc:  # any failure of the client is a finding of the run
        error = " ".join(f"{type(exc).__name__}: {exc}".split())[:400]
        print(json.dumps({"step": name, "ok": False, "error": error}), flush=True)
        return None
    print(json.dumps({"step": name, "ok": True, "error": None}), flush=True)
    return value


def patch(prefix: str, name: str, value: Any) -> int:
    """Set `name` to `value` in every loaded module of the package `prefix` that has it
    (constants imported by name live on in each importing module). Returns the count."""
    count = 0
    for module_name, module in list(sys.modules.items()):
        if (module_name == prefix or module_name.startswith(prefix + ".")) and hasattr(
            module, name
        ):
            setattr(module, name, value)
            count += 1
    return count


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def approve(url: str, follow: bool = False) -> str:
    """The user's browser on the authorize page: GET `url` (the server approves at once)
    and return where it redirects, `redirect_uri?code=...&state=...`. With `follow`, the
    browser also loads that address (the client's own callback server). No proxy: the
    server is on 127.0.0.1."""
    handlers: list[Any] = [urllib.request.ProxyHandler({})]
    if not follow:
        handlers.append(_NoRedirect())
    opener = urllib.request.build_opener(*handlers)
    try:
        with opener.open(url, timeout=30) as answer:
            return str(answer.geturl())
    except urllib.error.HTTPError as exc:
        if exc.code in (301, 302, 303, 307) and exc.headers.get("Location"):
            return str(exc.headers["Location"])
        raise
