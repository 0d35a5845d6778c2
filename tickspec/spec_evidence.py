"""Where an operation of the spec is known from (`x-evidence`), in a form people read.

TickTick documents none of its web API, so each operation is only as trustworthy
as its sources: a seed capture of real traffic beats public clients' code, which
beats mined docs, which beat `inferred`. Reports and the README's endpoint table
show the short form (`seed 001, 002; 10 clients; 2 docs`; a lone client by name, as
"1 client" would leave the reader asking which); JSON keeps the full list.

A leaf, like spec_drafts.py: it imports nothing of tickspec, so the generator
(codegen/readme.py, the README's endpoint table) and the runtime (`tickspec check`'s
reports) share it without importing each other.
"""

from __future__ import annotations

from collections.abc import Sequence

INFERRED = "inferred"
NOT_STATED = "not stated"
"""The short form of an operation without `x-evidence` (a draft, or a spec of another origin)."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary(evidence: Sequence[str]) -> str:
    """The short form: seed captures by number, then how many clients and docs name it."""
    if not evidence:
        return NOT_STATED
    seeds = [item.removeprefix("seed ") for item in evidence if item.startswith("seed ")]
    docs = [item for item in evidence if item.startswith("docs:")]
    inferred = INFERRED in evidence
    clients = [
        item for item in evidence if not item.startswith(("seed ", "docs:")) and item != INFERRED
    ]
    parts = []
    if seeds:
        parts.append("seed " + ", ".join(sorted(seeds)))
    if len(clients) == 1:
        parts.append(clients[0])
    elif clients:
        parts.append(_plural(len(clients), "client"))
    if docs:
        parts.append(_plural(len(docs), "doc"))
    if inferred:
        parts.append(INFERRED)
    return "; ".join(parts)
