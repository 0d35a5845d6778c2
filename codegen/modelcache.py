"""A content-addressed cache of datamodel-code-generator's output, outside the repository.

The models take most of `tickspec generate`'s time, and between two runs the schemas
rarely change. An entry is keyed by the SHA-256 of everything the generator's output
is a function of: each schema file as the generator reads it, the generator's and pydantic's
versions, the Python version (its formatter tokenizes with the running interpreter), and the
source of the module that chooses its options. A changed schema is
a new key, so `--check` on a hit compares generated/ with what a fresh run would write.

Where: $TICKSPEC_CACHE_DIR, else $XDG_CACHE_HOME/tickspec, else ~/.cache/tickspec
(`codegen/` under it). TICKSPEC_CACHE_DIR=off turns the cache off. A cache that cannot
be read or written is a miss, never an error: the cache only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

FORMAT = 1
"""Bump when an entry's layout changes."""
KEEP = 4
"""Entries kept: a few recent spec states (a branch switch and back hits)."""
OFF = "off"
CODE = ("models.py", "modelcache.py")
"""The modules whose source is part of the key: the options, and this layout."""


def cache_dir() -> Path | None:
    """The folder of the entries, or None when the cache is off."""
    chosen = os.environ.get("TICKSPEC_CACHE_DIR")
    if chosen == OFF:
        return None
    if chosen:
        return Path(chosen) / "codegen"
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory (a bare CI user): no cache
            return None
    return Path(base) / "tickspec" / "codegen"


def key(inputs: Mapping[str, str]) -> str:
    """The hex digest naming the entry of the generator's output for these inputs."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    parts = [
        f"format {FORMAT}",
        f"datamodel-code-generator {metadata.version('datamodel-code-generator')}",
        f"pydantic {metadata.version('pydantic')}",
        f"python {sys.version_info.major}.{sys.version_info.minor}",
        *((here / name).read_text(encoding="utf-8") for name in CODE),
    ]
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    for name in sorted(inputs):
        digest.update(f"{name}\0{inputs[name]}\0".encode())
    return digest.hexdigest()


def load(entry: str) -> dict[str, str] | None:
    """The cached files of `entry`, or None (off, missing, unreadable or damaged)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{entry}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    with contextlib.suppress(OSError):  # a read-only cache still answers
        os.utime(path)  # recently used: pruned last
    if not isinstance(data, dict) or data.get("key") != entry:
        return None
    files = data.get("files")
    if not isinstance(files, dict):
        return None
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in files.items()):
        return None
    return files


def store(entry: str, files: Mapping[str, str]) -> None:
    """Write the entry atomically (a concurrent run reads all of it or none), keep KEEP."""
    folder = cache_dir()
    if folder is None:
        return
    temporary: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=folder, suffix=".tmp", delete=False
        ) as handle:
            temporary = Path(handle.name)
            json.dump({"key": entry, "files": dict(files)}, handle)
        os.replace(temporary, folder / f"{entry}.json")
        temporary = None
        _prune(folder)
    except OSError:  # a full disk, a read-only home: leave no half entry behind
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[KEEP:]:
        stale.unlink(missing_ok=True)
