"""Split the schema files into groups that datamodel-code-generator can build apart.

A file's module is made from that file and the files its `$ref`s reach (its closure):
the generator names classes per module, imports what other modules define, and moves
the models of an import cycle into `_internal`, and a cycle through a file lies within
that file's closure. So a run over the closure of some root files gives those roots the
modules a run over every file gives them, and two groups of roots can be built in two
processes. models.py still compares every module that two groups both made, and falls
back to one run over all files when they differ.

The groups depend on the schemas alone (names and sizes), never on the machine, so the
output cannot depend on how many cores built it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from typing import Any

GROUPS = 2
"""Fixed, not the core count: the split is part of what the output is a function of."""


def file_refs(node: Any) -> set[str]:
    """The schema files that the `$ref`s in `node` point into ('#/...' refs excluded)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.add(posixpath.normpath(ref.partition("#")[0]))
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def closure(roots: Iterable[str], refs: Mapping[str, set[str]]) -> set[str]:
    """`roots` and every file their refs reach, transitively."""
    seen = set(roots)
    stack = list(seen)
    while stack:
        for target in refs[stack.pop()]:
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def partition(texts: Mapping[str, str], schemas: Mapping[str, Any]) -> list[list[str]] | None:
    """Root files per group, balanced by the size of the files each group must read.

    Greedy, largest closure first: each file joins the group whose input grows the
    least past the others'. None when a ref leaves the folder (the closure cannot be
    known) or a group would read a single file (the generator's one-module output has
    another shape).
    """
    refs = {name: file_refs(schema) - {name} for name, schema in schemas.items()}
    if any(target not in texts for targets in refs.values() for target in targets):
        return None
    size = {name: len(text) for name, text in texts.items()}
    own = {name: closure([name], refs) for name in texts}
    groups: list[list[str]] = [[] for _ in range(GROUPS)]
    inputs: list[set[str]] = [set() for _ in range(GROUPS)]
    costs = [0] * GROUPS
    for name in sorted(texts, key=lambda n: (-sum(size[f] for f in own[n]), n)):
        growth = [sum(size[f] for f in own[name] - inputs[i]) for i in range(GROUPS)]

        def after(i: int, growth: list[int] = growth) -> tuple[int, int, int]:
            grown = [cost + (growth[i] if j == i else 0) for j, cost in enumerate(costs)]
            return max(grown), growth[i], i

        best = min(range(GROUPS), key=after)
        groups[best].append(name)
        inputs[best] |= own[name]
        costs[best] += growth[best]
    if any(len(files) < 2 for files in inputs):
        return None
    return [sorted(group) for group in groups]
