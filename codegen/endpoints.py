"""Typed endpoint stubs from schemas/openapi.yaml, rendered with Jinja2.

One module per OpenAPI tag holds a sync class and an async class whose methods
build an `ApiRequest` and parse the 2xx body into its model. Sending, auth,
retries and error mapping belong to the sender passed in (the runtime), which
keeps the stubs free of policy and identical between sync and async.
Header parameters are not method arguments: the transport sets them on every
request, since the web app sends the same headers everywhere.
"""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from codegen.spec import Spec, SpecError, module_name
from codegen.templating import plain, render

METHODS = ("get", "put", "post", "delete", "patch")
PY_TYPES = {"integer": "int", "number": "float", "boolean": "bool", "string": "str"}


@dataclass(frozen=True)
class TypeRef:
    """A generated model or type alias, and how to (de)serialize it."""

    module: str
    name: str
    is_model: bool

    @property
    def annotation(self) -> str:
        return f"{self.module}.{self.name}"


@dataclass(frozen=True)
class Param:
    name: str
    wire: str
    location: str
    annotation: str
    required: bool
    style: str = "scalar"


@dataclass
class Operation:
    operation_id: str
    function: str
    method: str
    path: str
    tag: str
    summary: str
    idempotent: bool
    params: list[Param] = field(default_factory=list)
    body: TypeRef | None = None
    body_required: bool = True
    response: TypeRef | None = None
    response_any: bool = False
    servers: list[tuple[str, str]] = field(default_factory=list)
    """(spec server, operation server) pairs when the operation has its own `servers`."""

    @property
    def path_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "path"]

    @property
    def query_params(self) -> list[Param]:
        return [p for p in self.params if p.location == "query"]

    @property
    def parameters(self) -> list[str]:
        """The builder's parameters, one per line of the generated signature."""
        parts = [f"{p.name}: {p.annotation}" for p in self.path_params]
        if self.body is not None:
            parts.append(f"body: {self.body.annotation}")
        optional = [p for p in self.query_params if not p.required]
        required = [p for p in self.query_params if p.required]
        if required or optional:
            parts.append("*")
        parts += [f"{p.name}: {p.annotation}" for p in required]
        parts += [f"{p.name}: {p.annotation} | None = None" for p in optional]
        return parts

    @property
    def decoder(self) -> str:
        """The expression decoding the 2xx body into `return_annotation`."""
        if self.response is None:
            return "json_decoder" if self.response_any else "no_content"
        if self.response.is_model:
            return f"model_decoder({self.response.annotation})"
        return f"alias_decoder({self.response.annotation})"

    @property
    def call_args(self) -> str:
        args = [p.name for p in self.path_params]
        if self.body is not None:
            args.append("body")
        args += [f"{p.name}={p.name}" for p in self.query_params]
        return ", ".join(args)

    @property
    def path_expr(self) -> str:
        """The path as a Python expression, path parameters percent-encoded."""
        if not self.path_params:
            return '"' + self.path + '"'
        by_wire = {p.wire: p.name for p in self.path_params}
        text = re.sub(
            r"\{([^}]+)\}", lambda m: "{path_arg(" + by_wire[m.group(1)] + ")}", self.path
        )
        return 'f"' + text + '"'

    @property
    def return_annotation(self) -> str:
        if self.response is not None:
            return self.response.annotation
        return "Any" if self.response_any else "None"


def snake(name: str) -> str:
    text = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()
    text = re.sub(r"[^a-z0-9_]", "_", text)
    return text + "_" if keyword.iskeyword(text) or text in {"self", "body"} else text


def _local(spec: Spec, node: dict[str, Any]) -> dict[str, Any]:
    """Follow a '#/components/...' reference inside openapi.yaml."""
    while "$ref" in node and str(node["$ref"]).startswith("#/"):
        target: Any = spec.openapi
        for part in str(node["$ref"])[2:].split("/"):
            target = target[part]
        node = target
    return node


def _type_ref(spec: Spec, schema: dict[str, Any], where: str) -> TypeRef | None:
    ref = schema.get("$ref")
    if not isinstance(ref, str) or ref.startswith("#"):
        return None
    file = ref.split("#", 1)[0]
    if file not in spec.schemas:
        raise SpecError(f"openapi.yaml {where}: $ref {ref!r} names no schema file")
    target = spec.schemas[file]
    name = target.get("title")
    if not isinstance(name, str) or not name.isidentifier():
        raise SpecError(f"schemas/{file}: needs an identifier title to be referenced")
    return TypeRef(module_name(file), name, target.get("type") == "object")


def _annotation(schema: dict[str, Any]) -> tuple[str, str]:
    if "enum" in schema:
        return "Literal[" + ", ".join(json.dumps(v) for v in schema["enum"]) + "]", "scalar"
    kind = schema.get("type", "string")
    if kind == "array":
        inner, _ = _annotation(schema.get("items", {}))
        return f"list[{inner}]", "list"
    return PY_TYPES.get(kind, "str"), "bool" if kind == "boolean" else "scalar"


def _json_schema(content: dict[str, Any] | None) -> dict[str, Any] | None:
    if not content:
        return None
    media = content.get("application/json")
    return media.get("schema", {}) if isinstance(media, dict) else None


def _urls(servers: Any, where: str) -> list[str]:
    if not isinstance(servers, list) or not all(
        isinstance(s, dict) and isinstance(s.get("url"), str) for s in servers
    ):
        raise SpecError(f"openapi.yaml {where}: servers must be a list of {{url: ...}}")
    return [str(s["url"]).rstrip("/") for s in servers]


def _servers(spec: Spec, where: str, own: Any) -> list[tuple[str, str]]:
    """An operation's `servers`, paired by position with the spec's (TickTick's with
    TickTick's, Dida365's with Dida365's), so a client finds its region's host."""
    if own is None:
        return []
    root = _urls(spec.openapi.get("servers"), "servers")
    urls = _urls(own, where)
    if len(urls) != len(root):
        raise SpecError(
            f"openapi.yaml {where}: servers lists {len(urls)} server(s), the spec {len(root)};"
            " pair them by position"
        )
    return [(base, url) for base, url in zip(root, urls, strict=True) if base != url]


def _operation(spec: Spec, path: str, method: str, node: dict[str, Any]) -> Operation:
    where = f"{method.upper()} {path}"
    op_id = node.get("operationId")
    tags = node.get("tags") or []
    if not isinstance(op_id, str) or len(tags) != 1:
        raise SpecError(f"openapi.yaml {where}: needs an operationId and exactly one tag")
    operation = Operation(
        operation_id=op_id,
        function=snake(op_id),
        method=method.upper(),
        path=path,
        tag=str(tags[0]),
        summary=str(node.get("summary") or op_id).strip().replace('"""', "'''"),
        idempotent=bool(node.get("x-idempotent", method == "get")),
        servers=_servers(
            spec, where, node.get("servers") or spec.openapi["paths"][path].get("servers")
        ),
    )
    for raw in [*spec.openapi["paths"][path].get("parameters", []), *node.get("parameters", [])]:
        param = _local(spec, raw)
        if param.get("in") not in ("path", "query"):
            continue
        annotation, style = _annotation(param.get("schema", {}))
        operation.params.append(
            Param(
                name=snake(str(param["name"])),
                wire=str(param["name"]),
                location=str(param["in"]),
                annotation=annotation,
                required=bool(param.get("required", param.get("in") == "path")),
                style=style,
            )
        )
    body = _local(spec, node["requestBody"]) if "requestBody" in node else {}
    schema = _json_schema(body.get("content"))
    # A form body only (the OAuth2 token and revoke calls) is sent by hand-written code
    # (tickspec.open_api.auth); the generated function sends the query form.
    if schema is not None:
        operation.body = _type_ref(spec, schema, where + " requestBody")
        if operation.body is None:
            raise SpecError(f"openapi.yaml {where}: requestBody must $ref a schema file")
        operation.body_required = bool(body.get("required", False))
    ok = sorted(code for code in node.get("responses", {}) if str(code).startswith("2"))
    if ok:
        response = _local(spec, node["responses"][ok[0]])
        schema = _json_schema(response.get("content"))
        if schema is not None:
            operation.response = _type_ref(spec, schema, where + f" response {ok[0]}")
            operation.response_any = operation.response is None
    return operation


def operations(spec: Spec) -> list[Operation]:
    ops = [
        _operation(spec, path, method, node)
        for path, item in spec.openapi["paths"].items()
        for method, node in item.items()
        if method in METHODS
    ]
    seen: set[str] = set()
    for op in ops:
        if op.function in seen:
            raise SpecError(f"openapi.yaml: operationId {op.operation_id!r} is not unique")
        seen.add(op.function)
    return sorted(ops, key=lambda op: (op.tag, op.function))


def class_name(tag: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", tag)) + "Api"


def render_endpoints(spec: Spec) -> dict[str, str]:
    by_tag: dict[str, list[Operation]] = {}
    for op in operations(spec):
        by_tag.setdefault(op.tag, []).append(op)
    files = {"_base.py": plain("_base.py", "codegen/templates/_base.py", "that template")}
    for tag, ops in by_tag.items():
        modules = sorted(
            {ref.module for op in ops for ref in (op.body, op.response) if ref is not None}
        )
        typing_names = sorted(
            {"Unpack"}
            | {"Literal" for op in ops for p in op.params if "Literal[" in p.annotation}
            | {"Any" for op in ops if op.response_any}
        )
        decoders = {op.decoder.split("(")[0] for op in ops}
        base_names = sorted(
            {"ApiCall", "ApiRequest", "AsyncSender", "RequestOptions", "SyncSender"}
            | {"send_async", "send_sync"}
            | decoders
            | {"path_arg" for op in ops if op.path_params}
            | {"query" for op in ops if op.query_params}
            | {"dump_alias" for op in ops if op.body and not op.body.is_model}
            | {"dump_model" for op in ops if op.body and op.body.is_model}
        )
        files[f"{snake(tag)}.py"] = render(
            "tag.py.jinja",
            tag=tag,
            class_name=class_name(tag),
            operations=ops,
            modules=modules,
            typing_names=typing_names,
            base_names=base_names,
        )
    tags = [(snake(tag), class_name(tag)) for tag in by_tag]
    exports = ["Api", "ApiCall", "ApiRequest", "ApiResponse", "AsyncApi", "AsyncSender"]
    exports += ["RequestOptions", "SyncSender"]
    exports += [name for _, cls in tags for name in (cls, "Async" + cls)]
    files["__init__.py"] = render("init.py.jinja", tags=tags, exports=sorted(exports))
    return files
