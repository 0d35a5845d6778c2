"""What `tickspec doctor` reads of a checkout, once: the spec as schemas/ has it, the
captures, the server's handlers, the generated stubs, the managers and the tests.

Everything is read from the checkout's files, not from the installed packages, so a
spec edited a minute ago is judged as it is now (a stale generated/ shows as a
missing client stub, which `tickspec generate` fixes).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tickspec import spec as runtime

GENERATED_ENDPOINTS = Path("generated/tickspec_generated/endpoints")
MANAGER_FOLDERS = (Path("tickspec/managers"), Path("tickspec/open_api/managers"))
SERVED_TEST = "tests/server/test_served.py"
"""The test that answers every `x-tickspec-serve` operation through its generated stub."""
EXAMPLES_TEST = "tests/server/test_examples.py"
"""The test that replays every example capture (`<operationId>-example.har`) through its
operation's generated stub: a write with an example and a handler needs no test of its own."""
EXAMPLE_CAPTURE = "{}-example.har"
"""The name `tickspec generate` gives an operation's example capture (codegen.captures.SUFFIX;
doctor names it without importing the generator)."""


class RepoError(Exception):
    """The checkout cannot be read as a tickspec repository; the message says why."""


@dataclass(frozen=True)
class Repo:
    """One checkout, as doctor sees it."""

    root: Path
    openapi: dict[str, Any]
    schemas: dict[str, dict[str, Any]]
    spec: runtime.Spec
    captures: dict[str, list[str]]
    """operationId -> the top-level fixtures_har/*.har files with an entry of it."""
    handlers: dict[str, str]
    """operationId -> the module of its registered server handler."""
    stubs: dict[str, set[str]]
    """Generated endpoint module (a tag's snake name) -> its functions."""
    wrappers: dict[str, set[tuple[str, str]]]
    """Generated stub name -> (manager module, method) pairs whose calls reach it."""
    tests: dict[str, str]
    """Test file (relative, '/'-separated) -> its text."""


def _captures(spec: runtime.Spec, folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.har")):
        try:
            entries = json.loads(path.read_text(encoding="utf-8"))["log"]["entries"]
        except (OSError, ValueError, KeyError, TypeError):
            continue  # not a capture doctor can read: `tickspec check` reports it
        for entry in entries:
            request = entry.get("request") or {}
            op = spec.match(str(request.get("method", "")), urlsplit(str(request.get("url"))).path)
            if op is not None and path.name not in found.get(op.operation_id, []):
                found.setdefault(op.operation_id, []).append(path.name)
    return found


def _stubs(folder: Path) -> dict[str, set[str]]:
    return {
        path.stem: set(re.findall(r"^\s*def (\w+)\(", path.read_text(encoding="utf-8"), re.M))
        for path in sorted(folder.glob("*.py"))
    }


def _called(fn: ast.AST) -> set[str]:
    return {n.attr for n in ast.walk(fn) if isinstance(n, ast.Attribute)}


def _wrappers(files: Iterable[Path], stub_names: set[str]) -> dict[str, set[tuple[str, str]]]:
    """Which manager methods reach which stubs, through their helpers too (`tasks.py`'s
    `set_parent` calls `_tasks.py`'s `_set_parent`, which calls the stub): a module and
    its `_`-prefixed twin are one manager."""
    reach: dict[tuple[str, str], set[str]] = {}
    calls: dict[tuple[str, str], set[str]] = {}
    for path in files:
        module = path.stem.lstrip("_")
        for fn in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                called = _called(fn)
                reach.setdefault((module, fn.name), set()).update(called & stub_names)
                calls.setdefault((module, fn.name), set()).update(called)
    for _ in range(3):  # helpers of helpers: a few levels are all the managers use
        for (module, name), callees in calls.items():
            for callee in callees:
                reach[module, name] |= reach.get((module, callee), set())
    found: dict[str, set[tuple[str, str]]] = {}
    for (module, name), stubs in reach.items():
        for stub in stubs:
            found.setdefault(stub, set()).add((module, name))
    return found


def _handlers() -> dict[str, str]:
    from tickspec.server.handlers import HANDLERS

    return {
        op_id: "tickspec/server/handlers/" + func.__module__.rsplit(".", 1)[-1] + ".py"
        for op_id, func in HANDLERS.items()
    }


def load_repo(root: Path) -> Repo:
    """Read the checkout at `root`; RepoError when it is not one."""
    from codegen.endpoints import snake
    from codegen.spec import SpecError, load_spec

    if not (root / "schemas" / "openapi.yaml").is_file():
        raise RepoError(f"{root}: no schemas/openapi.yaml (run doctor in a tickspec checkout)")
    try:
        loaded = load_spec(root / "schemas")
        spec = runtime.Spec({"openapi": loaded.openapi, "schemas": loaded.schemas})
    except (SpecError, KeyError, TypeError, ValueError) as exc:
        raise RepoError(f"schemas/ cannot be read: {exc}") from None
    stub_names = {snake(op.operation_id) for op in spec.operations}
    managers = [p for folder in MANAGER_FOLDERS for p in sorted((root / folder).glob("*.py"))]
    tests = {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((root / "tests").rglob("*.py"))
    }
    return Repo(
        root=root,
        openapi=loaded.openapi,
        schemas=loaded.schemas,
        spec=spec,
        captures=_captures(spec, root / "fixtures_har"),
        handlers=_handlers(),
        stubs=_stubs(root / GENERATED_ENDPOINTS),
        wrappers=_wrappers(managers, stub_names),
        tests=tests,
    )
