"""What every scenario module shares: redacted ids, entry specs and the writer.

The ids are the seeds' ids with the user redacted (100000001 / inbox100000001),
so captures that talk about the same project, task or habit agree with each
other across files. A spec is the keyword arguments of `builder.entry` plus an
optional `extra_headers`; `write` turns a stem -> specs mapping into `.har`
files, deterministically (same input, same bytes).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from tickspec.contract import builder

Spec = dict[str, Any]
Captures = dict[str, list[Spec]]

HERE = Path(__file__).resolve().parent.parent
API = builder.API
PLACEHOLDER = builder.PLACEHOLDER
USER = 100000001
INBOX = f"inbox{USER}"
PROJECT = "6940c3d51263b74715346bd6"
COLUMN = "6940c3d51263b74715346bd9"
TASK = "696b8abc2c6f3277d1cc431a"  # seed 002's "test task"
HABIT = "696b90502c6f3277d1cc44a9"
EMAIL = "user@example.com"


def ok(**id2etag: str) -> dict[str, Any]:
    """A batch write's answer with no error: each written id and its new etag."""
    return {"id2etag": dict(id2etag), "id2error": {}}


def web(method: str, path: str, response: Any = None, body: Any = None, **kw: Any) -> Spec:
    """A web-app call to the API host; `kw` goes to `builder.entry` as it is."""
    return {
        "method": method,
        "url": API + path,
        "request_body": body,
        "response_body": response,
        **kw,
    }


def post(path: str, body: Any, response: Any, **kw: Any) -> Spec:
    return web("POST", path, response, body, **kw)


def get(path: str, response: Any, query: list[tuple[str, str]] | None = None, **kw: Any) -> Spec:
    return web("GET", path, response, query=query or [], **kw)


def call(method: str, path: str, body: Any = None, status: int = 200, **kw: Any) -> Spec:
    """A call whose answer has no body (PUT/DELETE, or a 405)."""
    return web(method, path, body=body, status=status, **kw)


class Module(Protocol):
    """A scenario module: its `scenarios()` maps file stems to entry specs."""

    def scenarios(self) -> Captures: ...


def collect(modules: Iterable[Module]) -> Captures:
    """One mapping of every module's captures; two modules claiming a stem is a bug."""
    merged: Captures = {}
    for module in modules:
        part = module.scenarios()
        clash = merged.keys() & part.keys()
        if clash:
            raise ValueError(f"capture written twice: {', '.join(sorted(clash))}")
        merged.update(part)
    return merged


def entry(index: int, spec: Spec) -> dict[str, Any]:
    """One HAR entry; `extra_headers` go after the web app's own, before `traceid`."""
    spec = dict(spec)
    extra = spec.pop("extra_headers", [])
    built = builder.entry(index=index, **spec)
    if extra:
        headers = built["request"]["headers"]
        at = next(i for i, h in enumerate(headers) if h["name"] == "traceid")
        headers[at:at] = [{"name": name, "value": value} for name, value in extra]
    return built


def write(captures: Captures, out: Path = HERE) -> list[Path]:
    """Write every capture as `<stem>.har` in `out`; returns the paths written."""
    written = []
    for stem, specs in sorted(captures.items()):
        entries = [entry(i, spec) for i, spec in enumerate(specs)]
        doc = builder.har(entries, comment=f"tickspec fixture {stem}: see fixtures_har/README.md")
        path = out / f"{stem}.har"
        path.write_text(builder.dumps(doc), encoding="utf-8")
        written.append(path)
    return written


def main(modules: Iterable[Module], out: Path = HERE) -> None:
    """What `build.py` and `build_census.py` do when run: write their modules' captures."""
    paths = write(collect(modules), out)
    print(f"wrote {len(paths)} captures to {out}")
