"""tickspec's code generator: schemas/ in, generated/tickspec_generated/ out.

The generator is a pure function of the schema files: `render()` returns the whole
generated tree as a mapping of relative path to text, so writing it, checking it
for staleness and timing it are all the same computation.

Its dependencies (datamodel-code-generator, Jinja2, PyYAML) are the `codegen`
extra, so they load only when the generator runs, never on `import codegen.cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from codegen.generate import GeneratedTree, check, render, write

__all__ = ["GeneratedTree", "check", "render", "write"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from codegen import generate

        return getattr(generate, name)
    raise AttributeError(f"module 'codegen' has no attribute {name!r}")
