"""Dependencies point one way: the import graph, read statically from the sources.

Every `import` of tickspec, codegen and tickspec_generated is read with `ast` (no
module is executed), as one of two kinds: *module-level* (runs when the module is
imported: top level, class bodies, `try`/`if` blocks) and *function-level* (inside a
function: runs when it is called). `if TYPE_CHECKING:` blocks never run, so they are
not read. A node of the graph is one of PACKAGES, or else a module of tickspec's own
top level (`tickspec.cli`, `tickspec.spec`, ...; `tickspec` is its `__init__`).

The rules:
- no cycle between nodes, at module level nor counting function-level imports;
- `tickspec.contract` never imports `tickspec.drift` (`check` stands without it);
- tickspec never imports codegen at module level; the one function-level import
  is `tickspec generate` in tickspec/cli.py calling the repository's generator
  (codegen is not in the wheel, so the CLI looks for it when it builds its parser);
- codegen imports from tickspec only *leaves* (modules whose module-level imports,
  and those of the packages above them, `tickspec/__init__.py`, name nothing of
  tickspec or codegen), or modules that load nothing but leaves (tickspec.bundle:
  its errors are ToolErrors); so the generator loads no part of the runtime;
- tickspec_generated (the generated client) imports nothing of tickspec or codegen.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "tickspec": ROOT / "tickspec",
    "codegen": ROOT / "codegen",
    "tickspec_generated": ROOT / "generated" / "tickspec_generated",
}
PACKAGES = (
    "tickspec.contract",
    "tickspec.drift",
    "tickspec.server",
    "tickspec.probe",
    "tickspec.managers",
    "tickspec.open_api",
    "tickspec.workflows",
    "tickspec.doctor",
    "codegen",
    "tickspec_generated",
)
CODEGEN_FROM_TICKSPEC = {
    ("tickspec.cli", "codegen.cli"),
    ("tickspec.doctor", "codegen.paths"),
    ("tickspec.doctor", "codegen.spec"),
    ("tickspec.doctor.pieces", "codegen.endpoints"),
    ("tickspec.doctor.repo", "codegen.endpoints"),
    ("tickspec.doctor.repo", "codegen.spec"),
}
"""The function-level imports of codegen by tickspec that are allowed: `tickspec generate`,
and `tickspec doctor`, which reads a checkout (exit 3 without one) and names a stub as the
generator does."""
CODEGEN_CALLS_TICKSPEC = {
    ("codegen.captures", "tickspec.contract.builder"),
    ("codegen.captures", "tickspec.server.declared"),
    ("codegen.captures", "tickspec.spec"),
}
"""The function-level imports of the runtime by codegen that are allowed: `generate` writes
each example's capture with the contract's HAR builder, the server's reading of
`x-tickspec-serve` examples and the checker's validators, so a capture is what
`tickspec check` reads and the server answers."""


@dataclass(frozen=True)
class Import:
    """One imported module: who imports it, and whether at module or function level."""

    source: str
    target: str
    module_level: bool


def _module_name(top: str, path: Path) -> str:
    parts = [top, *path.relative_to(SOURCES[top]).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def modules() -> dict[str, Path]:
    """Every module of the three top-level packages, by dotted name."""
    return {
        _module_name(top, path): path
        for top, folder in SOURCES.items()
        for path in sorted(folder.rglob("*.py"))
    }


def _type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


def _statements(tree: ast.AST, module_level: bool = True) -> Iterator[tuple[ast.AST, bool]]:
    """Every import statement under `tree`, with whether it runs at import time."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node, module_level
        elif isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:  # the `else:` of TYPE_CHECKING is what runs
                yield from _statements(ast.Module(body=[child], type_ignores=[]), module_level)
        else:
            inner = module_level and not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            yield from _statements(node, inner)


def _targets(name: str, node: ast.AST, is_package: bool) -> list[str]:
    """The modules `node` imports (a `from X import y` imports X.y when that is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    assert isinstance(node, ast.ImportFrom)
    base = node.module or ""
    if node.level:
        here = name.split(".") if is_package else name.split(".")[:-1]
        here = here[: len(here) - node.level + 1]
        base = ".".join([*here, *([node.module] if node.module else [])])
    known = modules()
    subs = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in known]
    return subs if len(subs) == len(node.names) else [base, *subs]


@cache
def imports() -> tuple[Import, ...]:
    """Every import of one of our modules by another, read from the sources."""
    out = []
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node, module_level in _statements(tree):
            for target in _targets(name, node, path.name == "__init__.py"):
                if target.partition(".")[0] in SOURCES and target != name:
                    out.append(Import(name, target, module_level))
    return tuple(out)


def node_of(module: str) -> str:
    """The node of `module` in the package graph."""
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    return module


def _edges(module_level_only: bool) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for imp in imports():
        if module_level_only and not imp.module_level:
            continue
        a, b = node_of(imp.source), node_of(imp.target)
        if a != b:
            edges.setdefault(a, set()).add(b)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as its nodes (first = last), or [] when it has none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return []

    for start in sorted(edges):
        if start not in state:
            found = visit(start)
            if found:
                return found
    return []


def _where(pairs: set[tuple[str, str]]) -> str:
    return "; ".join(f"{a} -> {b}" for a, b in sorted(pairs))


def test_the_reader_sees_the_known_imports() -> None:
    """The reader itself: a few imports the code is known to make are found, of the right
    kind (so that the rules below are not vacuously true of an empty graph)."""
    found = {(i.source, i.target, i.module_level) for i in imports()}
    assert ("tickspec.drift.propose", "tickspec.contract.checker", True) in found
    assert ("tickspec.cli", "codegen.cli", False) in found
    assert ("tickspec.client", "tickspec._base_client", True) in found
    assert len(modules()) > 200


def test_no_cycle_between_packages_at_import_time() -> None:
    """Module-level imports between the nodes form no cycle."""
    cycle = find_cycle(_edges(module_level_only=True))
    assert not cycle, " -> ".join(cycle)


def test_no_cycle_between_packages_counting_function_level_imports() -> None:
    """Function-level imports add no cycle either: a lazy import is about when, not which way."""
    cycle = find_cycle(_edges(module_level_only=False))
    assert not cycle, " -> ".join(cycle)


def test_contract_does_not_import_drift() -> None:
    """`tickspec check` (contract/) stands without the drift tools, not even lazily."""
    bad = {
        (i.source, i.target)
        for i in imports()
        if node_of(i.source) == "tickspec.contract" and node_of(i.target) == "tickspec.drift"
    }
    assert not bad, _where(bad)


def test_tickspec_imports_codegen_only_to_run_the_generator() -> None:
    """No tickspec module imports codegen when it is imported; only `tickspec generate`
    (tickspec/cli.py, at call time) reaches for the repository's generator."""
    to_codegen = [
        i
        for i in imports()
        if i.source.partition(".")[0] == "tickspec" and i.target.partition(".")[0] == "codegen"
    ]
    at_import = {(i.source, i.target) for i in to_codegen if i.module_level}
    assert not at_import, _where(at_import)
    assert {(i.source, i.target) for i in to_codegen} <= CODEGEN_FROM_TICKSPEC


@cache
def _loads(module: str) -> frozenset[str]:
    """What importing `module` loads of tickspec and codegen besides itself: the
    module-level imports of it and of the packages above it (their `__init__`)."""
    parts = module.split(".")
    chain = {".".join(parts[: n + 1]) for n in range(len(parts))}
    return frozenset(
        i.target
        for i in imports()
        if i.module_level and i.source in chain and i.target not in chain
        if i.target.partition(".")[0] in ("tickspec", "codegen")
    )


def is_leaf(module: str) -> bool:
    """Whether importing `module` loads nothing else of tickspec or codegen."""
    return not _loads(module)


def test_codegen_imports_only_leaves_of_tickspec() -> None:
    """When imported, the generator loads, from tickspec, only leaves, or modules that load
    nothing but leaves (the bundle and its ToolError): never a package of the runtime. At
    call time it reaches further only where CODEGEN_CALLS_TICKSPEC says why."""
    found = [i for i in imports() if node_of(i.source) == "codegen"]
    found = [i for i in found if i.target.partition(".")[0] == "tickspec"]
    used = {i.target for i in found if i.module_level}
    assert used, "codegen imports tickspec's leaves (the bundle, the drafts, ...)"
    heavy = {(t, m) for t in used for m in _loads(t) if not is_leaf(m)}
    assert not heavy, _where(heavy)
    assert is_leaf("tickspec.spec_evidence")
    assert is_leaf("tickspec._tool_errors")
    late = {(i.source, i.target) for i in found if not i.module_level}
    late -= {(s, t) for s, t in late if t in used or is_leaf(t)}
    assert late <= CODEGEN_CALLS_TICKSPEC, _where(late - CODEGEN_CALLS_TICKSPEC)


def test_codegen_captures_redact_as_the_runtime_does() -> None:
    """The generator's capture placeholder is the contract builder's, without importing it."""
    from codegen import captures
    from tickspec.contract import builder

    assert captures.PLACEHOLDER == builder.PLACEHOLDER == "REDACTED"


def test_the_generated_package_imports_only_itself() -> None:
    """tickspec_generated is the bottom of the graph: the runtime builds on it."""
    bad = {
        (i.source, i.target)
        for i in imports()
        if node_of(i.source) == "tickspec_generated" and node_of(i.target) != "tickspec_generated"
    }
    assert not bad, _where(bad)
