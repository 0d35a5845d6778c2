"""What `tickspec generate` writes beside generated/: the README's endpoint table and
the captures of the spec's examples (fixtures_har/<operationId>-example.har).

Both are functions of schemas/ like generated/, so one command keeps all three in
step and `tickspec generate --check` says when any is stale. The repository is the
schema folder's parent; a README.md without the table's markers, or a root without
fixtures_har/ (a schema folder copied elsewhere), is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from codegen import readme
from codegen.captures import SUFFIX, is_generated, render_captures
from codegen.spec import Spec, SpecError

FIXTURES = "fixtures_har"


@dataclass(frozen=True)
class Beside:
    """Files to write (relative path under `root` -> text) and generated captures to drop."""

    root: Path
    files: dict[str, str] = field(default_factory=dict)
    retired: tuple[str, ...] = ()
    """Captures an earlier run wrote from an example the spec no longer has."""


def render(spec: Spec) -> Beside:
    """The README table and the example captures of the repository around `spec.root`."""
    root = spec.root.resolve().parent
    files: dict[str, str] = {}
    readme_path = root / "README.md"
    if readme_path.is_file():
        text = readme_path.read_text(encoding="utf-8")
        if readme.START in text or readme.END in text:
            try:
                files["README.md"] = readme.update(text, readme.render_table(spec.openapi))
            except readme.ReadmeError as exc:
                raise SpecError(str(exc)) from None
    retired: list[str] = []
    fixtures = root / FIXTURES
    if fixtures.is_dir():
        captures = {f"{FIXTURES}/{name}": text for name, text in render_captures(spec).items()}
        files.update(captures)
        for old in sorted(fixtures.glob(f"*{SUFFIX}.har")):
            name = f"{FIXTURES}/{old.name}"
            if name not in captures and is_generated(old.read_text(encoding="utf-8")):
                retired.append(name)
    return Beside(root=root, files=files, retired=tuple(retired))


def check(beside: Beside) -> list[str]:
    """Paths (relative to the root) that differ from what `render` makes, or are retired."""
    stale = [
        name
        for name, text in beside.files.items()
        if not (beside.root / name).is_file() or (beside.root / name).read_bytes() != text.encode()
    ]
    return sorted([*stale, *beside.retired])


def write(beside: Beside) -> list[str]:
    """Write what changed, remove the retired captures; return the paths touched."""
    changed = check(beside)
    for name in changed:
        target = beside.root / name
        if name in beside.retired:
            target.unlink()
        else:
            target.write_bytes(beside.files[name].encode())
    return changed
