"""tickspec's code generator: schemas/ in, generated/tickspec_generated/ out.

The generator is a pure function of the schema files: `render()` returns the whole
generated tree as a mapping of relative path to text, so writing it, checking it
for staleness and timing it are all the same computation.
"""

from codegen.generate import GeneratedTree, check, render, write

__all__ = ["GeneratedTree", "check", "render", "write"]
