"""Render, write and check the generated package.

Output goes to generated/tickspec_generated/:
  models/      one module per schema file (datamodel-code-generator)
  endpoints/   one module per OpenAPI tag, sync and async classes (Jinja2 templates)
  fields.py    the TypedDicts of the client's `**fields` keywords (codegen/fields.py)
  spec.json    the schemas and the OpenAPI document bundled into one JSON file,
               which `tickspec check` and `tickspec serve` validate against, so an
               installed tickspec needs neither schemas/ nor PyYAML.

and to generated/openapi.json: the one-file OpenAPI 3.1 document of `tickspec bundle`
(every $ref internal) for other generators, committed so that `--check` keeps it fresh
and a release can attach it; it is not part of the package.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from codegen.bundle import render_bundle
from codegen.endpoints import render_endpoints
from codegen.fields import render_fields
from codegen.models import render_models
from codegen.paths import DEFAULT_OUT, DEFAULT_SCHEMAS, PACKAGE
from codegen.spec import SpecError, load_spec
from codegen.templating import render as render_template
from tickspec import bundle as openapi_bundle

OPENAPI_BUNDLE = "openapi.json"
"""The one-file OpenAPI document, beside the package under generated/."""
GeneratedTree = dict[str, str]
"""Relative path (under the output folder, '/'-separated) to file text."""

__all__ = [
    "DEFAULT_OUT",
    "DEFAULT_SCHEMAS",
    "GeneratedTree",
    "SpecError",
    "check",
    "render",
    "write",
]


def render(schemas_dir: Path = DEFAULT_SCHEMAS) -> GeneratedTree:
    """Return every generated file, keyed by its path under generated/."""
    spec = load_spec(schemas_dir)
    bundle = render_bundle(spec)
    tree: GeneratedTree = {
        f"{PACKAGE}/__init__.py": render_template(
            "package_init.py.jinja",
            version=str(spec.openapi["info"]["version"]),
            sha256=hashlib.sha256(bundle.encode()).hexdigest(),
        ),
        f"{PACKAGE}/py.typed": "",
    }
    models = render_models(spec)
    for path, text in models.items():
        tree[f"{PACKAGE}/models/{path}"] = text
    tree[f"{PACKAGE}/fields.py"] = render_fields(
        {path.removesuffix(".py"): text for path, text in models.items()}
    )
    for path, text in render_endpoints(spec).items():
        tree[f"{PACKAGE}/endpoints/{path}"] = text
    tree[f"{PACKAGE}/spec.json"] = bundle
    document = openapi_bundle.bundle({"openapi": spec.openapi, "schemas": spec.schemas})
    tree[OPENAPI_BUNDLE] = openapi_bundle.dumps(document, "json")
    return dict(sorted(tree.items()))


def _existing(out_dir: Path) -> set[str]:
    root = out_dir / PACKAGE
    if not root.exists():
        return set()
    return {
        p.relative_to(out_dir).as_posix()
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def check(tree: GeneratedTree, out_dir: Path = DEFAULT_OUT) -> list[str]:
    """Paths under out_dir that differ from what `render` makes, are missing, or are extra."""
    stale = [
        path
        for path, text in tree.items()
        if not (out_dir / path).is_file() or (out_dir / path).read_bytes() != text.encode()
    ]
    stale.extend(sorted(_existing(out_dir) - tree.keys()))
    return sorted(stale)


def write(tree: GeneratedTree, out_dir: Path = DEFAULT_OUT) -> list[str]:
    """Write the tree, remove files it no longer has; return the paths that changed."""
    changed = check(tree, out_dir)
    for path in sorted(_existing(out_dir) - tree.keys()):
        (out_dir / path).unlink()
    for path in changed:
        if path in tree:
            target = out_dir / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(tree[path].encode())
    return changed
