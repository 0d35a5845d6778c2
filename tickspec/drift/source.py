"""The schemas folder as files to edit: read from a folder or a git ref, paths split.

`tickspec check` works on the bundled spec; a proposal must name the *file*
that defines a property, so the drift tools read the source documents
themselves: `load` returns them as a `tickspec.contract.schema_docs.Source`,
which answers locations as (file, JSON pointer) pairs.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from tickspec._tool_errors import ToolError
from tickspec.contract.schema_docs import OPENAPI, Source

_PART = re.compile(r'\.([A-Za-z_$][A-Za-z0-9_$-]*)|\[([0-9]+)\]|\[("(?:[^"\\]|\\.)*")\]')


class SourceError(ToolError):
    """The schemas cannot be read; the message is one line naming what."""


def split_path(path: str) -> tuple[str, list[str | int]]:
    """`response.body.update[3].status` -> ('response.body', ['update', 3, 'status'])."""
    for prefix in ("request.body", "response.body"):
        if path == prefix or path.startswith((prefix + ".", prefix + "[")):
            rest = path[len(prefix) :]
            break
    else:
        match = re.match(r"request\.headers\.([A-Za-z0-9_-]+)", path)
        if match is None:
            return path, []
        prefix, rest = match.group(), path[match.end() :]
    parts: list[str | int] = []
    for m in _PART.finditer(rest):
        if m.group(1) is not None:
            parts.append(m.group(1))
        elif m.group(2) is not None:
            parts.append(int(m.group(2)))
        else:
            parts.append(json.loads(m.group(3)))
    return prefix, parts


def load_folder(root: Path) -> Source:
    """Every `*.json` and `openapi.yaml` of a schemas folder."""
    if not (root / OPENAPI).is_file():
        raise SourceError(f"{root}: not a schemas folder (no {OPENAPI})")
    texts = {p.name: _read(p) for p in sorted(root.glob("*.json"))}
    texts[OPENAPI] = _read(root / OPENAPI)
    source = _parse(texts, str(root))
    source.root = root
    return source


def load_git(ref: str, cwd: Path | None = None) -> Source:
    """`schemas/` as committed at `ref` (`git:REF` on the command line)."""
    try:
        names = _git(["ls-tree", "--name-only", f"{ref}:schemas"], cwd).split()
        texts = {name: _git(["show", f"{ref}:schemas/{name}"], cwd) for name in names}
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        raise SourceError(f"git:{ref}: cannot read schemas/ ({detail.strip()[:120]})") from None
    texts = {k: v for k, v in texts.items() if k.endswith(".json") or k == OPENAPI}
    return _parse(texts, f"git:{ref}")


def load(spec: str, cwd: Path | None = None) -> Source:
    return load_git(spec[4:], cwd) if spec.startswith("git:") else load_folder(Path(spec))


def _git(args: list[str], cwd: Path | None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path}: cannot be read ({exc})") from None


def _parse(texts: dict[str, str], where: str) -> Source:
    import yaml

    from tickspec import yaml_text

    docs: dict[str, Any] = {}
    for name, text in texts.items():
        try:
            docs[name] = yaml_text.safe_load(text) if name == OPENAPI else json.loads(text)
        except (ValueError, yaml.YAMLError) as exc:
            line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SourceError(f"{where}/{name}: not valid ({line})") from None
    if OPENAPI not in docs or not isinstance(docs[OPENAPI], dict):
        raise SourceError(f"{where}: no {OPENAPI}")
    return Source(docs, texts)


__all__ = ["SourceError", "load", "load_folder", "load_git", "split_path"]
