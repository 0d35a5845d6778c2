"""Shared by the drivers: arguments, one line of JSON per step, base-URL patching.

A driver runs in the client's own throwaway environment (not tickspec's), so it
imports nothing from tickspec. It prints one JSON object per scenario step to
stdout: {"step": name, "ok": bool, "error": text or null}; record.py reads them.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True, help="http://127.0.0.1:PORT of tickspec serve")
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True, help="a session token the server accepts")
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
