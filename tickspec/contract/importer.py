"""`tickspec import`: turn a browser export into a fixture that is safe to commit.

A raw HAR of the web app holds static assets, analytics, other sites, CORS
preflights and every secret of the session. The importer keeps only requests to
TickTick's API hosts, runs each through one `Redactor` (so placeholders stay
consistent across the capture), and refuses to overwrite an existing fixture
unless asked: a fixture may have been reviewed by hand.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tickspec.contract import builder, har
from tickspec.contract.har import HarError
from tickspec.contract.redact import Redactor

COMMENT = "imported by `tickspec import`: TickTick API entries only, secrets redacted"


@dataclass(frozen=True)
class ImportResult:
    path: Path
    kept: int
    dropped: int
    replaced: int


def destination(src: Path, out: Path) -> Path:
    """`--out` is a folder (the capture keeps its file name, made shell-safe) or a .har file."""
    if out.suffix.lower() == ".har" and not out.is_dir():
        return out
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", src.stem).strip("-.") or "capture"
    return out / f"{stem}.har"


def redact_document(
    doc: dict[str, Any], hosts: Iterable[str] = har.API_HOSTS
) -> tuple[dict[str, Any], int, int]:
    """(redacted HAR, entries kept, replaced values) of a loaded HAR document."""
    wanted = frozenset(h.lower() for h in hosts)
    redactor = Redactor()
    kept: list[dict[str, Any]] = []
    for index, raw in enumerate(doc["log"]["entries"]):
        entry = har.parse_entry(raw, "<capture>", index)
        if entry.host in wanted and entry.method != "OPTIONS":
            kept.append(redactor.entry(raw))
    log = doc["log"]
    creator = log.get("creator") if isinstance(log.get("creator"), dict) else None
    out = builder.har(kept, comment=COMMENT)
    if creator is not None:
        out["log"]["creator"] = {
            "name": redactor.text(str(creator.get("name", ""))),
            "version": redactor.text(str(creator.get("version", ""))),
        }
    if isinstance(log.get("browser"), dict):
        out["log"]["browser"] = out["log"]["creator"]
    else:
        out["log"].pop("browser", None)
    return out, len(kept), redactor.replaced


def import_capture(
    src: Path, out: Path, *, force: bool = False, hosts: Iterable[str] = har.API_HOSTS
) -> ImportResult:
    """Write the redacted API entries of `src` under `out`; HarError on unusable input."""
    doc = har.load(src)
    dest = destination(src, out)
    if dest.exists() and not force:
        raise HarError(f"{dest}: already exists (pass --force to overwrite)")
    try:
        redacted, kept, replaced = redact_document(doc, hosts)
    except HarError as exc:
        raise HarError(str(exc).replace("<capture>", str(src), 1)) from None
    if kept == 0:
        raise HarError(f"{src}: no TickTick API entry (hosts: {', '.join(sorted(hosts))})")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        tmp = dest.with_name(dest.name + ".tmp")
        tmp.write_text(builder.dumps(redacted), encoding="utf-8")
        os.replace(tmp, dest)
    except OSError as exc:
        raise HarError(f"{dest}: cannot write ({exc.strerror or exc})") from None
    total = len(doc["log"]["entries"])
    return ImportResult(dest, kept, total - kept, replaced)
