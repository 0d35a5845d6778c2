"""Which client methods call an operation, read from the client's own source.

The managers call the generated builders (`tasks_api.get_task(...)`) from
helpers, base classes and batch-endpoint constants, so no table lists which
public method sends which operation. Keeping one by hand would go stale with
the next manager edit; instead this module parses the source of `Client`,
`OpenClient` and every module they reach, and follows references from each
public method (`self._helper`, module functions, imported names, constants
such as `BATCH = BatchEndpoint(..., tasks_api.batch_task, ...)`, the client's
manager attributes) to the generated endpoint functions, whose `operation_id`
names the operation. The result over-approximates on purpose: a method that
*may* call an operation (a sync when the local state is empty) is listed.
"""

from __future__ import annotations

import ast
import importlib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ENDPOINTS = "tickspec_generated.endpoints"
ROOTS = (
    ("client", "tickspec.client", "Client"),
    ("open_client", "tickspec.open_api.client", "OpenClient"),
)
"""The clients a user holds: (the name the README gives it, module, class)."""
MANAGER_PACKAGES = ("tickspec.managers", "tickspec.open_api.managers")
Func = ast.FunctionDef | ast.AsyncFunctionDef
ClassKey = tuple[str, str]


@dataclass
class Module:
    """One parsed module: its imports (every scope's), functions, classes and constants."""

    name: str
    is_package: bool
    imports: dict[str, str] = field(default_factory=dict)
    functions: dict[str, Func] = field(default_factory=dict)
    classes: dict[str, ast.ClassDef] = field(default_factory=dict)
    values: dict[str, ast.expr] = field(default_factory=dict)


def _source(name: str) -> tuple[str, bool] | None:
    """(source text, is a package) of module `name`, found by path: `find_spec` would
    import every parent package, and a parent such as `tickspec.managers._base` is a
    module whose import loads generated models."""
    top, *rest = name.split(".")
    try:
        root = Path(str(importlib.import_module(top).__file__)).parent
    except ImportError:
        return None
    for path, is_package in ((root.joinpath(*rest, "__init__.py"), True),
                             (root.joinpath(*rest).with_suffix(".py"), False)):  # fmt: skip
        if rest and path.is_file():
            return path.read_text(encoding="utf-8"), is_package
    if not rest:
        return (root / "__init__.py").read_text(encoding="utf-8"), True
    return None


def _absolute(module: Module, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    parts = module.name.split(".")
    base = parts[: len(parts) - node.level + (1 if module.is_package else 0)]
    return ".".join([*base, *([node.module] if node.module else [])])


@cache
def load(name: str) -> Module | None:
    """The parsed module `name` of the tickspec package, or None (not ours, or no source)."""
    if not (name == "tickspec" or name.startswith("tickspec.")):
        return None
    found = _source(name)
    if found is None:
        return None
    text, is_package = found
    module = Module(name, is_package)
    tree = ast.parse(text)
    # imports anywhere (TYPE_CHECKING blocks, inside functions that import lazily) share one
    # scope: tickspec's modules do not bind one name to two different things
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            origin = _absolute(module, node)
            for alias in node.names:
                module.imports[alias.asname or alias.name] = f"{origin}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                module.imports[alias.asname or alias.name.split(".")[0]] = alias.name
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            module.functions[node.name] = node
        elif isinstance(node, ast.ClassDef):
            module.classes[node.name] = node
        elif isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            module.values[node.targets[0].id] = node.value
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value:
            module.values[node.target.id] = node.value
    return module


@cache
def stubs() -> dict[tuple[str, str], str]:
    """(endpoint module, function) -> operationId, from the generated builders' source."""
    out = {}
    init = _source(ENDPOINTS)
    if init is None:
        return {}
    groups = ast.parse(init[0])
    names = {
        value.value
        for node in ast.walk(groups)
        if isinstance(node, ast.Dict)
        for value in node.values
        if isinstance(value, ast.Constant) and isinstance(value.value, str)
    }
    for tag in sorted(names):
        found = _source(f"{ENDPOINTS}.{tag}")
        if found is None:
            continue
        for node in ast.parse(found[0]).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.keyword)
                    and inner.arg == "operation_id"
                    and isinstance(inner.value, ast.Constant)
                ):
                    out[(tag, node.name)] = str(inner.value.value)
                    break
    return out


@dataclass(frozen=True)
class Symbol:
    """What a name stands for: an endpoint module, a tickspec module or one of its members."""

    kind: str
    """endpoints, module, function, class or value."""
    module: str
    name: str = ""


def resolve(module: Module, name: str) -> Symbol | None:
    """What `name` means in `module`: its own definition, else what it imports."""
    if name in module.functions:
        return Symbol("function", module.name, name)
    if name in module.classes:
        return Symbol("class", module.name, name)
    if name in module.values:
        return Symbol("value", module.name, name)
    target = module.imports.get(name)
    if target is None:
        return None
    return _dotted(target)


def _dotted(target: str) -> Symbol | None:
    if target.startswith(ENDPOINTS + "."):
        rest = target.removeprefix(ENDPOINTS + ".")
        return Symbol("endpoints", rest) if "." not in rest else None
    owner, _, attr = target.rpartition(".")
    parent = load(owner)
    member = resolve(parent, attr) if parent is not None else None
    if member is not None:
        return member
    return Symbol("module", target) if load(target) is not None else None


@cache
def mro(key: ClassKey) -> tuple[ClassKey, ...]:
    """The class and its tickspec base classes, depth first (close enough to Python's MRO
    for single-inheritance managers)."""
    out: list[ClassKey] = []
    stack = [key]
    while stack:
        current = stack.pop(0)
        module = load(current[0])
        if current in out or module is None or current[1] not in module.classes:
            continue
        out.append(current)
        for base in module.classes[current[1]].bases:
            while isinstance(base, ast.Subscript):
                base = base.value
            if isinstance(base, ast.Name):
                found = resolve(module, base.id)
                if found is not None and found.kind == "class":
                    stack.append((found.module, found.name))
    return tuple(out)


def _member(key: ClassKey, name: str) -> tuple[ClassKey, ast.AST] | None:
    """The method or class attribute `name` of a class, looked up along its bases."""
    for owner in mro(key):
        module = load(owner[0])
        assert module is not None
        for node in module.classes[owner[1]].body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
                return owner, node
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                    return owner, node
    return None


@cache
def managers(key: ClassKey) -> dict[str, ClassKey]:
    """A client's manager attributes: `tasks` -> (module, TasksManager).

    Read from properties annotated with a manager class (`Client`) and from
    `self.tasks = OpenTasksManager(...)` assignments (`OpenClient`).
    """
    out: dict[str, ClassKey] = {}
    for owner in mro(key):
        module = load(owner[0])
        assert module is not None
        for node in ast.walk(module.classes[owner[1]]):
            named: ast.expr | None = None
            if isinstance(node, ast.FunctionDef) and node.returns is not None:
                attr, named = node.name, node.returns
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                target = node.targets[0]
                if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                    attr, named = target.attr, node.value.func
            while isinstance(named, ast.Subscript):
                named = named.value
            if not isinstance(named, ast.Name):
                continue
            found = resolve(module, named.id)
            if (
                found is not None
                and found.kind == "class"
                and found.module.startswith(MANAGER_PACKAGES)
                and found.name.endswith("Manager")
            ):
                out.setdefault(attr, (found.module, found.name))
    return out


@dataclass
class _Walker:
    """Operations a function may send, following references; memoized per (class, function)."""

    done: dict[tuple[ClassKey | None, int], set[str]] = field(default_factory=dict)

    def function(self, module: Module, node: ast.AST, owner: ClassKey | None) -> set[str]:
        """What a function (or a constant's expression) of `module` may send, with `self`
        standing for an instance of `owner`."""
        key = (owner, id(node))
        if key in self.done:
            return self.done[key]
        self.done[key] = found = set()  # a recursive reference sees the empty set
        parts: list[ast.AST] = [node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            parts = [*node.body, node.args]  # not the decorators: they wrap, they do not send
        for part in parts:
            for inner in ast.walk(part):
                found |= self.reference(module, inner, owner)
        return found

    def reference(self, module: Module, node: ast.AST, owner: ClassKey | None) -> set[str]:
        """What one name or attribute in a function's body leads to."""
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            return self.symbol(resolve(module, node.id), None)
        if not isinstance(node, ast.Attribute):
            return set()
        value = node.value
        if isinstance(value, ast.Name) and value.id == "self" and owner is not None:
            return self.method(owner, node.attr)
        if isinstance(value, ast.Name):
            found = resolve(module, value.id)
            if found is None:
                return set()
            if found.kind == "endpoints":
                operation = stubs().get((found.module, node.attr))
                return {operation} if operation else set()
            if found.kind == "module":
                inner = load(found.module)
                return self.symbol(resolve(inner, node.attr), None) if inner else set()
            if found.kind == "class":
                return self.method((found.module, found.name), node.attr, owner)
        if (
            isinstance(value, ast.Attribute)
            and isinstance(value.value, ast.Name)
            and value.value.id == "self"
            and owner is not None
        ):
            manager = managers(owner).get(value.attr)
            if manager is not None:
                return self.method(manager, node.attr)
        return set()

    def method(self, key: ClassKey, name: str, owner: ClassKey | None = None) -> set[str]:
        """What method `name` of class `key` may send (`self` is an `owner`, default `key`)."""
        found = _member(key, name)
        if found is None:
            return set()
        module = load(found[0][0])
        assert module is not None
        return self.function(module, found[1], owner or key)

    def symbol(self, symbol: Symbol | None, owner: ClassKey | None) -> set[str]:
        """What a module-level function or constant may send."""
        if symbol is None or symbol.kind not in ("function", "value"):
            return set()
        module = load(symbol.module)
        assert module is not None
        node = module.functions.get(symbol.name) or module.values.get(symbol.name)
        return self.function(module, node, owner) if node is not None else set()


def _public(key: ClassKey) -> list[str]:
    names: list[str] = []
    for owner in mro(key):
        module = load(owner[0])
        assert module is not None
        for node in module.classes[owner[1]].body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Assign):
                name = node.name if not isinstance(node, ast.Assign) else ""
                if name and not name.startswith("_") and name not in names:
                    names.append(name)
    return names


@cache
def callers() -> dict[str, tuple[str, ...]]:
    """operationId -> the public client methods that may send it (`client.tasks.get`)."""
    walker = _Walker()
    out: dict[str, set[str]] = {}
    for label, module_name, class_name in ROOTS:
        root = (module_name, class_name)
        if load(module_name) is None:
            continue
        attached = managers(root)
        targets = [(f"{label}.{name}", root, name) for name in _public(root)]
        targets += [
            (f"{label}.{attr}.{name}", manager, name)
            for attr, manager in attached.items()
            for name in _public(manager)
        ]
        for dotted, key, name in targets:
            if name in attached and key == root:
                continue  # the manager attribute itself
            for operation in walker.method(key, name):
                out.setdefault(operation, set()).add(dotted)
    return {operation: tuple(sorted(names)) for operation, names in sorted(out.items())}


def stub_methods() -> dict[str, str]:
    """operationId -> the generated stub as a client reaches it (`client.api.tasks.get_task`).

    The Open API's and OAuth's stubs live on `OpenClient.api`, the rest on `Client.api`.
    """
    return {
        operation: f"{'open_client' if tag in ('open', 'oauth') else 'client'}.api.{tag}.{function}"
        for (tag, function), operation in stubs().items()
    }
