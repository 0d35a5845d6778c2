"""Issue 2 and 13, property-based: hypothesis-jsonschema draws instances of every schema.

Only properties that can fail are checked (an instance drawn from a schema validates
against that same schema by construction, so that is not one of them). Over drawn
instances of each schema file:
- P1 lossless through every operation: for each OpenAPI operation whose request body is
  the schema, the generated endpoint method, given the instance parsed into the method's
  own body type, sends a body equal to the instance (unknown keys included:
  hypothesis-jsonschema adds arbitrary extra keys to these open objects) that validates
  against that operation's request schema; for each operation whose response is the
  schema, the generated method reads the instance as the body of a 200 and dumps back to
  the same JSON. This fails when codegen ties an operation to the wrong model, or when a
  model drops, renames, reorders into another type or coerces a field.
- P2 lossless through the model of the file: `wire.roundtrip` gives the instance back,
  for the schemas that are no operation's request or 2xx body (parts of other bodies,
  error bodies, the X-Device header).

hypothesis-jsonschema cannot follow references across files, so each schema is
first bundled into one document whose `$defs` hold everything it references.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any, Literal, get_args, get_origin, get_type_hints
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis_jsonschema import from_schema
from pydantic import BaseModel
from tickspec_generated.endpoints import Api
from tickspec_generated.endpoints._base import ApiRequest, ApiResponse, adapter

from tickspec import spec, wire

SPEC = spec.load()
SKIP = {"common.json"}  # only `$defs`, no instance of its own
FILES = sorted(name for name in SPEC.schemas if name not in SKIP)


def bundle(file: str) -> dict[str, Any]:
    """`file`'s schema with every reference rewritten to a local `#/$defs/...`."""
    defs: dict[str, Any] = {}

    def target(ref: str, current: str) -> tuple[str, str]:
        name, _, pointer = ref.partition("#")
        return (name or current), pointer

    def key(name: str, pointer: str) -> str:
        return re.sub(r"[^A-Za-z0-9]+", "_", name.removesuffix(".json") + pointer).strip("_")

    def rewrite(node: Any, current: str) -> Any:
        if isinstance(node, list):
            return [rewrite(item, current) for item in node]
        if not isinstance(node, dict):
            return node
        out = {
            k: rewrite(v, current)
            for k, v in node.items()
            if k not in ("$ref", "$defs", "$schema", "examples")
        }
        if "$ref" in node:
            name, pointer = target(node["$ref"], current)
            k = key(name, pointer)
            if k not in defs:
                defs[k] = {}
                found: Any = SPEC.schemas[name]
                for part in filter(None, pointer.split("/")):
                    found = found[part]
                defs[k] = rewrite(found, name)
            out["$ref"] = f"#/$defs/{k}"
        return out

    root = rewrite(SPEC.schemas[file], file)
    assert isinstance(root, dict), f"{file}: a schema file is an object"
    root["$defs"] = defs
    return root


def _pointer(parts: list[str]) -> str:
    """A JSON pointer as a URI fragment (`{projectId}` must be percent-encoded)."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(quote(p, safe="~") for p in escaped)


def usages(file: str) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(operationId, slot, schema) for each place in openapi.yaml whose body schema is
    `file`, the schema as a reference INTO the OpenAPI document (following local `$ref`s)."""
    doc = SPEC.openapi

    def follow(node: dict[str, Any], parts: list[str]) -> tuple[dict[str, Any], list[str]]:
        while isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/"):
            parts = node["$ref"][2:].split("/")
            node = doc
            for part in parts:
                node = node[part]
        return node, parts

    for path, item in doc["paths"].items():
        for method, op in item.items():
            if not isinstance(op, dict) or "operationId" not in op:
                continue
            slots = [("requestBody", op.get("requestBody"))]
            slots += [(f"responses/{code}", r) for code, r in op.get("responses", {}).items()]
            for label, raw in slots:
                if raw is None:
                    continue
                node, parts = follow(raw, ["paths", path, method, *label.split("/")])
                media = (node.get("content") or {}).get("application/json")
                if media and media.get("schema", {}).get("$ref") == file:
                    ptr = _pointer([*parts, "content", "application/json", "schema"])
                    yield op["operationId"], label, {"$ref": spec.OPENAPI_URI + ptr}


class Sent(Exception):
    """Stops a generated method once its request is built (its response is not the point)."""

    def __init__(self, request: ApiRequest) -> None:
        self.request = request


class Recorder:
    """A sender that answers 200 with `answer`, or stops the call with `Sent` if None."""

    def __init__(self, answer: bytes | None = None) -> None:
        self.answer = answer

    def send(self, request: ApiRequest) -> ApiResponse:
        if self.answer is None:
            raise Sent(request)
        return ApiResponse(200, self.answer)

    def decode_error(
        self, request: ApiRequest, response: ApiResponse, error: ValueError
    ) -> Exception:
        return AssertionError(f"{request.operation_id} could not read its response: {error}")


def snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def groups(api: Api) -> list[Any]:
    """The endpoint groups: properties built on first access (the modules load lazily)."""
    return [getattr(api, name) for name in dir(Api) if isinstance(getattr(Api, name), property)]


def methods() -> dict[str, Callable[..., Any]]:
    """operationId -> the generated synchronous method, over a fresh Recorder each call."""
    found: dict[str, Callable[..., Any]] = {}
    for group in groups(Api(Recorder())):
        for name in dir(group):
            if not name.startswith("_"):
                found[name] = getattr(type(group), name)
    return found


METHODS = methods()


def call(operation_id: str, body: Any, answer: bytes | None) -> Any:
    """Call the operation's generated method: path arguments are placeholders, `body`
    (wire JSON) is parsed into the method's own body type, or a blank one if None."""
    method = METHODS[snake(operation_id)]
    hints = get_type_hints(method)
    args: dict[str, Any] = {}
    for name, hint in hints.items():
        if name == "body":
            if body is None:
                if isinstance(hint, type):
                    assert issubclass(hint, BaseModel), f"{operation_id}: a class body is a model"
                    args[name] = hint.model_construct()
                else:
                    args[name] = []
            elif isinstance(hint, type) and issubclass(hint, BaseModel):
                args[name] = wire.parse(hint, body)
            else:
                args[name] = adapter(hint).validate_python(body, by_alias=True, by_name=False)
        elif name != "return" and hint in (str, int):
            args[name] = hint("1")
        elif name != "return" and get_origin(hint) is Literal:  # an enum query parameter
            args[name] = get_args(hint)[0]
    group = next(g for g in groups(Api(Recorder(answer))) if hasattr(g, method.__name__))
    return getattr(group, method.__name__)(**args)


def sent_body(operation_id: str, body: Any) -> Any:
    """The JSON body the generated method sends for `body`."""
    with pytest.raises(Sent) as stopped:
        call(operation_id, body, None)
    content = stopped.value.request.content
    assert content is not None, operation_id
    return json.loads(content)


PROFILE = settings(
    # 52 schemas x 10 draws, each through every operation using it: the draws, not the
    # checks, cost the time (hypothesis-jsonschema on the large bodies); the dev profile
    # draws new ones each run, CI replays a fixed set
    max_examples=10,
    deadline=None,
    # hypothesis-jsonschema filters internally (required keys, uniqueness, patterns)
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


@pytest.mark.parametrize("file", FILES)
def test_drawn_instances_survive_every_operation_and_the_model(file: str) -> None:
    # error bodies (4xx/5xx) never reach a generated method: the client maps them to errors
    uses = [
        (op, slot, SPEC.validator(schema))
        for op, slot, schema in usages(file)
        if slot == "requestBody" or slot.startswith("responses/2")
    ]

    @PROFILE
    @given(from_schema(bundle(file)))
    def check(instance: Any) -> None:
        text = wire.canonical(instance)
        for op, slot, validator in uses:  # P1
            if slot == "requestBody":
                sent = sent_body(op, instance)
                assert wire.canonical(sent) == text, op
                assert validator.is_valid(sent), op
            else:
                result = call(op, None, json.dumps(instance).encode())
                assert wire.canonical(wire.dump(result)) == text, f"{op} {slot}"
        if not uses:  # P2
            assert wire.canonical(wire.roundtrip(file, instance)) == text

    check()


def test_every_operation_body_has_a_generated_method() -> None:
    """P1 is not vacuous: it reaches a method for each operation that has a JSON body."""
    operations = {op for file in FILES for op, _, _ in usages(file)}
    assert len(operations) >= 40
    assert {op for op in operations if snake(op) not in METHODS} == set()


def _referenced_files() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                found.add(ref.split("#", 1)[0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(SPEC.schemas)
    return found


def _form_files() -> set[str]:
    """Schemas of form request bodies (the OAuth2 calls), which `usages` (JSON) skips."""
    return {
        media["schema"]["$ref"]
        for item in SPEC.openapi["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for name, media in ((op.get("requestBody") or {}).get("content") or {}).items()
        if name != "application/json"
    }


def test_every_schema_is_a_body_a_header_or_a_part_of_one() -> None:
    """No orphan schemas: each is an operation's body (JSON or form), the X-Device
    header, or referenced by another schema."""
    unused = {f for f in FILES if not list(usages(f))}
    assert unused - _referenced_files() - _form_files() - {"x-device.json"} == set()


def test_bundle_is_self_contained() -> None:
    text = repr(bundle("sync-response.json"))
    assert ".json" not in re.sub(r"'\$ref': '#/\$defs/[^']*'", "", text.split("'$defs'")[0])
