"""The compiled spec at run time: schemas, operations, and validators.

Reads the `spec.json` that codegen bundles into the generated package, so the
runtime, `tickspec check` and `tickspec serve` all validate against exactly the
spec the models were generated from.

Validation has two speeds. `Validator.is_valid` answers yes/no with the compiled
jsonschema-rs validator (when installed); only a body that fails it is walked by
the pure-Python `jsonschema` validator, whose errors carry the exact keyword and
JSON path that drift reports need. Most captured bodies are valid, so most pay
only the fast path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import jsonschema
import referencing
import referencing.jsonschema
from referencing import Registry, Resource
from referencing.exceptions import Unresolvable

from tickspec.segments import SegmentCheck, segment_check

if TYPE_CHECKING:
    from referencing._core import Resolver

try:  # the compiled validator is an optimisation, never a requirement
    import jsonschema_rs
except ImportError:  # pragma: no cover - exercised only without the wheel
    jsonschema_rs = None  # type: ignore[assignment]

BASE_URI = "https://tickspec.local/schemas/"
OPENAPI_URI = BASE_URI + "openapi.yaml"
INLINE_URI = BASE_URI + "inline.json"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")
DRAFT = referencing.jsonschema.DRAFT202012


def path_segments(path: str) -> list[str]:
    """The non-empty segments of a URL path or path template."""
    return [s for s in path.strip("/").split("/") if s]


def precedence(template: str) -> tuple[bool, ...]:
    """Sort key of path templates, most specific first (OpenAPI 3.1, "Path Templating
    Matching"): segment by segment from the left, a literal beats a `{parameter}`."""
    return tuple(s.startswith("{") for s in path_segments(template))


def template_values(template: str, path: str) -> dict[str, str]:
    """Path parameters as they appear in `path`: `/task/{taskId}` + `/task/abc` -> {taskId: abc}."""
    return {
        name[1:-1]: value
        for name, value in zip(path_segments(template), path_segments(path), strict=False)
        if name.startswith("{") and name.endswith("}")
    }


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    json_content: bool = False
    """The header's value is itself JSON (X-Device): validate the parsed value."""


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    tag: str
    idempotent: bool
    parameters: tuple[Parameter, ...]
    request_schema: dict[str, Any] | None
    request_required: bool
    responses: Mapping[str, dict[str, Any] | None]
    """Status code ('200', '500', 'default') to body schema; None for an empty body."""
    pattern: re.Pattern[str] = field(compare=False, repr=False)
    """The template as a regex; a `{name}` segment with a check is a group."""
    segment_checks: tuple[tuple[int, str, SegmentCheck], ...] = field(
        default=(), compare=False, repr=False
    )
    """(regex group, parameter name, test) for each path parameter whose schema can
    rule a segment out: `/task/move` is not `/task/{taskId}` when taskId is an ObjectId."""
    evidence: tuple[str, ...] = ()
    """`x-evidence`: where the operation is known from (`seed 002`, a public client with
    its version, `docs: owner/repo`, or `inferred`), so reports can say how far to trust it."""
    form_schema: dict[str, Any] | None = None
    """The schema of a form request body (urlencoded or multipart; the OAuth2 calls)."""

    def headers(self) -> tuple[Parameter, ...]:
        """The header parameters."""
        return tuple(p for p in self.parameters if p.location == "header")

    def misfit(self, found: re.Match[str], *, decoded: bool = False) -> str | None:
        """The first path parameter whose segment in a `pattern` match does not fit its
        schema, or None when all fit. Segments are percent-decoded unless `decoded`
        says the path already is (the ASGI server's)."""
        for group, name, check in self.segment_checks:
            value = found.group(group)
            if not decoded and "%" in value:
                value = unquote(value)
            if not check(value):
                return name
        return None

    def fits(self, path: str, *, decoded: bool = False) -> bool:
        """The request path is this template's, every parameter's segment fitting its schema."""
        found = self.pattern.match(path)
        return found is not None and self.misfit(found, decoded=decoded) is None

    def response_schema(self, status: int) -> tuple[bool, dict[str, Any] | None]:
        """(documented, schema) for a status code; the '2XX'/'default' forms count too."""
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in self.responses:
                return True, self.responses[key]
        return False, None


class Validator:
    """Validates one schema: fast yes/no, exact errors on demand."""

    def __init__(self, schema: dict[str, Any], registry: Registry[Any], rs: Any | None) -> None:
        self._schema = schema
        self._registry = registry
        self._rs = rs

    @cached_property
    def _py(self) -> jsonschema.Draft202012Validator:
        # An inline schema (an operation's answer written in openapi.yaml) refers to the
        # files beside it (`common.json#/...`): give it the base jsonschema-rs is given.
        schema = self._schema if "$id" in self._schema else {"$id": INLINE_URI, **self._schema}
        return jsonschema.Draft202012Validator(schema, registry=self._registry)

    def is_valid(self, instance: Any) -> bool:
        if self._rs is not None:
            return bool(self._rs.is_valid(instance))
        return bool(self._py.is_valid(instance))

    def errors(self, instance: Any) -> list[jsonschema.ValidationError]:
        if self.is_valid(instance):
            return []
        return sorted(self._py.iter_errors(instance), key=lambda e: list(map(str, e.path)))


def _ref_to_uri(schema: dict[str, Any]) -> dict[str, Any]:
    """Rewrite an OpenAPI `$ref: task.json` into an absolute reference."""
    ref = schema.get("$ref")
    if isinstance(ref, str) and not ref.startswith(("#", "http")):
        return {**schema, "$ref": BASE_URI + ref}
    return schema


class Spec:
    """Schemas, operations and validators of one bundled spec."""

    def __init__(self, bundle: Mapping[str, Any]) -> None:
        self.openapi: dict[str, Any] = bundle["openapi"]
        self.schemas: dict[str, dict[str, Any]] = bundle["schemas"]
        resources_ = [
            (BASE_URI + name, Resource.from_contents(schema, default_specification=DRAFT))
            for name, schema in self.schemas.items()
        ]
        resources_.append((OPENAPI_URI, DRAFT.create_resource(self.openapi)))
        self.registry: Registry[Any] = Registry().with_resources(resources_)
        self.operations: tuple[Operation, ...] = tuple(self._operations())
        self._by_id = {op.operation_id: op for op in self.operations}
        self._routes: dict[tuple[str, int], list[Operation]] = {}
        for op in sorted(self.operations, key=lambda o: precedence(o.path)):
            self._routes.setdefault((op.method, len(path_segments(op.path))), []).append(op)
        self._validators: dict[str, Validator] = {}
        self._by_identity: dict[int, tuple[dict[str, Any], Validator]] = {}

    @property
    def version(self) -> str:
        return str(self.openapi.get("info", {}).get("version", ""))

    def _local(self, node: dict[str, Any]) -> dict[str, Any]:
        while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            target: Any = self.openapi
            for part in node["$ref"][2:].split("/"):
                target = target[part]
            node = target
        return node

    def _body_schema(self, node: dict[str, Any]) -> dict[str, Any] | None:
        content = self._local(node).get("content") or {}
        media = content.get("application/json")
        if not isinstance(media, dict) or "schema" not in media:
            return None
        return _ref_to_uri(media["schema"])

    def _form_schema(self, node: dict[str, Any]) -> dict[str, Any] | None:
        content = self._local(node).get("content") or {}
        for media in ("application/x-www-form-urlencoded", "multipart/form-data"):
            found = content.get(media)
            if isinstance(found, dict) and "schema" in found:
                return _ref_to_uri(found["schema"])
        return None

    def _operations(self) -> Iterator[Operation]:
        for path, item in self.openapi.get("paths", {}).items():
            for method, node in item.items():
                if method not in HTTP_METHODS:
                    continue
                params = []
                for raw in [*item.get("parameters", []), *node.get("parameters", [])]:
                    p = self._local(raw)
                    content = p.get("content", {}).get("application/json")
                    schema = content.get("schema", {}) if content else p.get("schema", {})
                    params.append(
                        Parameter(
                            name=str(p["name"]),
                            location=str(p["in"]),
                            required=bool(p.get("required", p["in"] == "path")),
                            schema=_ref_to_uri(schema),
                            json_content=content is not None,
                        )
                    )
                body = node.get("requestBody")
                pattern, checks = self._route(path_segments(path), params, path.endswith("/"))
                yield Operation(
                    operation_id=str(node["operationId"]),
                    method=method.upper(),
                    path=path,
                    tag=str((node.get("tags") or ["untagged"])[0]),
                    idempotent=bool(node.get("x-idempotent", method == "get")),
                    parameters=tuple(params),
                    request_schema=self._body_schema(body) if body else None,
                    request_required=bool(body and self._local(body).get("required")),
                    responses={
                        str(code): self._body_schema(resp)
                        for code, resp in node.get("responses", {}).items()
                    },
                    pattern=pattern,
                    segment_checks=checks,
                    evidence=tuple(str(item) for item in node.get("x-evidence") or ()),
                    form_schema=self._form_schema(body) if body else None,
                )

    def _route(
        self, segments: list[str], params: list[Parameter], trailing: bool
    ) -> tuple[re.Pattern[str], tuple[tuple[int, str, SegmentCheck], ...]]:
        """The template's regex and its segment checks. Only a segment with a check is a
        capturing group: groups cost time on every candidate `check` tries."""
        by_name = {p.name: p for p in params if p.location == "path"}
        regex = ""
        checks: list[tuple[int, str, SegmentCheck]] = []
        for segment in segments:
            if not segment.startswith("{"):
                regex += "/" + re.escape(segment)
                continue
            name = segment[1:-1]
            param, check = by_name.get(name), None
            if param is not None:
                try:
                    check = segment_check(self.resolve(param.schema))
                except Unresolvable:  # a broken $ref fails validation later, loudly
                    check = None
            if check is None:
                regex += "/[^/]+"
            else:
                regex += "/([^/]+)"
                checks.append((len(checks) + 1, name, check))
        pattern = re.compile("^" + regex + ("/?" if trailing else "") + "$")
        return pattern, tuple(checks)

    def operation(self, operation_id: str) -> Operation:
        """The operation with this operationId (KeyError when the spec has none)."""
        return self._by_id[operation_id]

    def match(self, method: str, path: str, *, decoded: bool = False) -> Operation | None:
        """The operation for a request, or None.

        OpenAPI's rule picks among templates: compared segment by segment from the left,
        a literal segment beats a parameter, so `/task/move` is never `/task/{taskId}`
        when both exist. A template whose parameter segment does not fit the parameter's
        schema is passed over. Candidates are indexed by (method, number of segments) and
        kept in that order, so the first that fits wins: `check` calls this for every
        entry of captures with tens of thousands of them. `decoded`: the path is already
        percent-decoded (the ASGI server's).
        """
        key = (method.upper(), len(path_segments(path)))
        for op in self._routes.get(key, ()):
            found = op.pattern.match(path)  # inlined `op.fits`: this loop is check's hot path
            if found is not None and (
                not op.segment_checks or op.misfit(found, decoded=decoded) is None
            ):
                return op
        return None

    def path_operations(self, path: str, *, decoded: bool = False) -> list[Operation]:
        """The operations of every method whose template `path` fits, in routing order."""
        found = [op for op in self.operations if op.fits(path, decoded=decoded)]
        return sorted(found, key=lambda op: precedence(op.path))

    def path_allows(self, path: str, *, decoded: bool = False) -> list[str]:
        """Methods the spec has for a path (to tell 'unknown path' from 'wrong method')."""
        return sorted({op.method for op in self.path_operations(path, decoded=decoded)})

    def path_misfits(self, path: str) -> list[tuple[Operation, str]]:
        """(operation, parameter) for each template `path` matches but for a parameter
        whose segment does not fit its schema: what an unknown_operation message names."""
        out = []
        for op in self.operations:
            found = op.pattern.match(path)
            name = None if found is None else op.misfit(found)
            if name is not None:
                out.append((op, name))
        return out

    def validator(self, schema: dict[str, Any]) -> Validator:
        """The (cached) validator of a schema.

        Looked up by the schema object's identity first: the spec's own schemas are
        long-lived objects, and serializing one to find its cache key would cost
        more than validating a small body. The entry keeps the object alive, so
        its id cannot be reused by another dict.
        """
        hit = self._by_identity.get(id(schema))
        if hit is not None and hit[0] is schema:
            return hit[1]
        key = json.dumps(schema, sort_keys=True)
        found = self._validators.get(key)
        if found is None:
            rs = None
            if jsonschema_rs is not None:
                rs = jsonschema_rs.validator_for(
                    schema,
                    registry=self._rs_registry,
                    # its own document, so a '#/...' inside it means the schema
                    # itself while 'openapi.yaml#/...' still reaches the catalog
                    base_uri=INLINE_URI,
                )
            found = self._validators[key] = Validator(schema, self.registry, rs)
        self._by_identity[id(schema)] = (schema, found)
        return found

    def schema_validator(self, file: str) -> Validator:
        return self.validator(self._file_ref(file))

    @cache  # noqa: B019 - one Spec per process (see load()); the cache lives with it
    def _file_ref(self, file: str) -> dict[str, Any]:
        return {"$ref": BASE_URI + file}

    @cached_property
    def _rs_registry(self) -> Any:
        """Every document up front: jsonschema-rs resolves all references when it
        builds a validator, and cannot fetch documents it was not given."""
        documents = [(BASE_URI + name, schema) for name, schema in self.schemas.items()]
        return jsonschema_rs.Registry([*documents, (OPENAPI_URI, self.openapi)])

    def resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Follow `$ref`s until a schema with content (for walking `properties`)."""
        resolver = self.registry.resolver(base_uri=OPENAPI_URI)
        while isinstance(schema.get("$ref"), str):
            resolved = resolver.lookup(schema["$ref"])
            schema, resolver = resolved.contents, resolved.resolver
        return schema

    def resolver(self) -> Resolver[Any]:
        return self.registry.resolver(base_uri=OPENAPI_URI)


@cache
def load() -> Spec:
    """The spec bundled with the installed generated package."""
    text = resources.files("tickspec_generated").joinpath("spec.json").read_text("utf-8")
    return Spec(json.loads(text))
