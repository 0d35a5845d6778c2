"""`tickspec bundle`: the spec as one OpenAPI 3.1 document that other generators read.

schemas/ is many files: `openapi.yaml` points into `task.json`, `task.json` into
`common.json#/$defs/Timestamp`. Most generators follow no reference to another
file (openapi-python-client builds 10 of 104 operations from schemas/openapi.yaml),
so the bundle makes every reference internal:

- each schema file becomes `#/components/schemas/<PascalCase of its name>`
  (`task-batch-request.json` -> `TaskBatchRequest`), with `$id`, `$schema` and the
  draft declarations (already expanded) left out: an `$id` would move the base that
  an internal reference resolves against;
- each entry of a file's `$defs` becomes a component of its own, named as in the
  file (`Timestamp`) unless two files use the name, then prefixed with the file's
  component name (`HabitCheckinData`);
- a reference to anything else inside a file (`habit.json#/properties/name`) is
  replaced by a copy of what it points to, since a pointer into a component's
  properties is where generators give up;
- a parameter declared with `content` (X-Device: JSON in a header) gets a `schema`,
  which generators accept: a string whose `contentMediaType` is the media type and
  whose `contentSchema` is the JSON's schema (JSON Schema 2020-12's keywords for
  encoded content), so the header stays machine-readable.

It is built from the spec the client was generated from (the generated package's
`spec.json`, drafts expanded), or from a schemas folder or git ref with `--schemas`.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from tickspec._tool_errors import ToolError

SCHEMAS = "#/components/schemas/"
DROPPED = ("$id", "$schema", "$defs", "x-tickspec-draft-of", "x-tickspec-overrides")
"""Keys of a schema file that do not carry over into its component."""
EXIT_UNUSABLE = 2
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


class BundleError(ToolError, ValueError):
    """The spec cannot be bundled (a reference to nothing); the message is one line."""


def component_name(file: str) -> str:
    """`task-batch-request.json` -> `TaskBatchRequest`."""
    stem = file.removesuffix(".json")
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", stem))


def _def_names(schemas: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """(file, $defs key) -> component name: the key itself unless it is not unique."""
    files = {component_name(f) for f in schemas}
    keys = [(f, k) for f, s in schemas.items() for k in (s.get("$defs") or {})]
    count: dict[str, int] = {}
    for _, k in keys:
        count[k] = count.get(k, 0) + 1
    return {
        (f, k): k if count[k] == 1 and k not in files else component_name(f) + k for f, k in keys
    }


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


class _Bundler:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.files = {f: component_name(f) for f in schemas}
        if len(set(self.files.values())) != len(self.files):
            raise BundleError("two schema files make the same component name")
        self.defs = _def_names(schemas)

    def target(self, ref: str, here: str | None) -> tuple[str, list[str]]:
        """The file and pointer tokens a reference names, from the file `here`."""
        file, _, fragment = ref.partition("#")
        file = file.removeprefix("./") or (here or "")
        if file not in self.schemas:
            raise BundleError(f"{here or 'openapi.yaml'}: $ref {ref!r} points to no schema file")
        tokens = [_unescape(t) for t in fragment.split("/")[1:]] if fragment else []
        return file, tokens

    def ref(self, ref: str, here: str | None, depth: int) -> dict[str, Any]:
        """The internal form of one `$ref`: a reference, or a copy of what it names."""
        if here is None and ref.startswith("#"):
            return {"$ref": ref}  # the OpenAPI document's own components
        file, tokens = self.target(ref, here)
        if not tokens:
            return {"$ref": SCHEMAS + self.files[file]}
        if tokens[0] == "$defs" and len(tokens) == 2 and (file, tokens[1]) in self.defs:
            return {"$ref": SCHEMAS + self.defs[(file, tokens[1])]}
        node: Any = self.schemas[file]
        for token in tokens:
            if not isinstance(node, dict) or token not in node:
                raise BundleError(f"{here or 'openapi.yaml'}: $ref {ref!r} points to nothing")
            node = node[token]
        if depth > 32:
            raise BundleError(f"{file}: $ref {ref!r} refers to itself")
        out: dict[str, Any] = self.rewrite(node, file, depth + 1)
        return out

    def rewrite(self, node: Any, here: str | None, depth: int = 0) -> Any:
        """`node` with every `$ref` made internal (`here`: the file it is in)."""
        if isinstance(node, list):
            return [self.rewrite(item, here, depth) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out.update(self.ref(value, here, depth))
            else:
                out[key] = self.rewrite(value, here, depth)
        return out

    def components(self) -> dict[str, Any]:
        """Every schema file and every `$defs` entry as a component, sorted by name."""
        out: dict[str, Any] = {}
        for file, schema in self.schemas.items():
            body = {k: v for k, v in schema.items() if k not in DROPPED}
            out[self.files[file]] = self.rewrite(body, file)
            for key, sub in (schema.get("$defs") or {}).items():
                out[self.defs[(file, key)]] = self.rewrite(sub, file)
        return dict(sorted(out.items()))


def _header_schema(parameter: dict[str, Any]) -> dict[str, Any]:
    """A `content` parameter as a `schema` one: a string carrying the content's schema."""
    content = parameter.get("content")
    if not isinstance(content, dict) or len(content) != 1:
        return parameter
    [(media_type, media)] = content.items()
    out = {k: v for k, v in parameter.items() if k != "content"}
    out["schema"] = {"type": "string", "contentMediaType": media_type}
    if isinstance(media, dict) and "schema" in media:
        out["schema"]["contentSchema"] = media["schema"]
    return out


def _parameters(doc: dict[str, Any]) -> None:
    """Every parameter declared with `content`, in components or paths, given a schema."""
    components = doc.get("components", {})
    for name, parameter in list(components.get("parameters", {}).items()):
        components["parameters"][name] = _header_schema(parameter)
    for item in doc.get("paths", {}).values():
        for owner in [item, *(op for op in item.values() if isinstance(op, dict))]:
            if isinstance(owner.get("parameters"), list):
                owner["parameters"] = [
                    _header_schema(p) if isinstance(p, dict) else p for p in owner["parameters"]
                ]


def _enum_names(node: Any) -> None:
    """`x-enum-varnames` on a string enum whose members differ only in case (`TASK`,
    `task`): generators name members by upper-casing them, and two equal names stop
    openapi-python-client altogether. The later spelling gets a suffix (`TASK_2`)."""
    if isinstance(node, list):
        for item in node:
            _enum_names(item)
        return
    if not isinstance(node, dict):
        return
    members = node.get("enum")
    if isinstance(members, list) and all(isinstance(m, str) for m in members):
        names: list[str] = []
        collided = False
        for member in members:
            base = re.sub(r"[^A-Za-z0-9]+", "_", member).strip("_").upper() or "VALUE"
            name, n = base, 1
            while name in names:
                collided, n = True, n + 1
                name = f"{base}_{n}"
            names.append(name)
        if collided:
            node["x-enum-varnames"] = names
    for value in node.values():
        _enum_names(value)


def bundle(spec: dict[str, Any]) -> dict[str, Any]:
    """One OpenAPI 3.1 document from `{"openapi": ..., "schemas": {file: schema}}` (the
    shape of the generated package's spec.json), every reference internal."""
    bundler = _Bundler(spec["schemas"])
    doc: dict[str, Any] = bundler.rewrite(copy.deepcopy(spec["openapi"]), None)
    doc.setdefault("components", {})["schemas"] = bundler.components()
    _parameters(doc)
    _enum_names(doc["components"]["schemas"])
    return doc


TOP = ("openapi", "info", "jsonSchemaDialect", "servers", "security", "tags", "paths")


def _sorted(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _sorted(node[k]) for k in sorted(node)}
    if isinstance(node, list):
        return [_sorted(item) for item in node]
    return node


def canonical(doc: dict[str, Any]) -> dict[str, Any]:
    """Keys sorted at every level but the top, which reads as OpenAPI documents do
    (`openapi`, `info`, ... `paths`, `components`): the same text whether the spec came
    from schemas/ or from the generated package's spec.json, whose keys are sorted."""
    out = _sorted(doc)
    return {k: out[k] for k in [*(k for k in TOP if k in out), *(k for k in out if k not in TOP)]}


def dumps(doc: dict[str, Any], fmt: str) -> str:
    """The document as JSON or YAML text (YAML needs PyYAML: the `codegen` extra)."""
    doc = canonical(doc)
    if fmt == "yaml":
        import yaml

        text: str = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
        return text
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def installed_spec() -> dict[str, Any]:
    """The spec.json of the installed generated package."""
    text = resources.files("tickspec_generated").joinpath("spec.json").read_text("utf-8")
    spec: dict[str, Any] = json.loads(text)
    return spec


def _fail(message: str) -> int:
    print(f"tickspec bundle: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def run(args: argparse.Namespace) -> int:
    """The subcommand: bundle, write the file whole or not at all."""
    from tickspec.contract.cli import write_atomic, write_stdout

    out = Path(args.output) if args.output else None
    fmt = args.format or ("yaml" if out and out.suffix in (".yaml", ".yml") else "json")
    # unusable schemas raise a ToolError (SourceError, BundleError): tickspec.cli.main reports it
    if args.schemas:
        from tickspec.drift.source import load

        spec = load(args.schemas).bundle()
    else:
        spec = installed_spec()
    text = dumps(bundle(spec), fmt)
    if out is None:
        write_stdout(text)
        return 0
    try:
        write_atomic(out, text.encode("utf-8"))
        out.chmod(0o644)  # a file to publish, not a private temporary one
    except OSError as exc:
        return _fail(f"{out}: cannot write ({exc.strerror or exc})")
    operations = sum(1 for item in spec["openapi"]["paths"].values() for m in item if m in METHODS)
    print(f"wrote {out} ({fmt}, {operations} operations, every $ref internal)")
    return 0


def configure(sub: Any) -> None:
    """Add the `bundle` subcommand to the `tickspec` parser."""
    parser = sub.add_parser(
        "bundle",
        help="the spec as one OpenAPI 3.1 file, for other generators",
        description="Write the spec as one OpenAPI 3.1 document with every $ref internal "
        "(#/components/schemas/...) and a `schema` on every header parameter, which "
        "openapi-python-client, openapi-typescript and other generators read. Exit 0: "
        "written; 2: the schemas cannot be read or bundled, or FILE cannot be written; "
        "3: YAML output without PyYAML (the 'codegen' extra).",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (.json, or .yaml/.yml for YAML)"
    )
    parser.add_argument(
        "--format", choices=("json", "yaml"), help="json or yaml (default: from FILE's suffix)"
    )
    parser.add_argument(
        "--schemas",
        metavar="DIR|git:REF",
        help="bundle this schemas folder or git ref (default: the spec of the installed client)",
    )
    parser.set_defaults(handler=run)
