"""Captures of the spec's own examples: `fixtures_har/<operationId>-example.har`.

An operation whose 2xx answer carries a captured example in schemas/openapi.yaml
(an Example Object with its `x-evidence`, tickspec/server/declared.py) gets a
capture written from it by `tickspec generate`, so the example is checked by
`tickspec check fixtures_har/` like every hand-made scenario. The capture is the
example verbatim, in the request the operation describes: path and required
query parameters from their own `example`, the web app's headers (builder.py),
or a script's bearer token for the Open API. The HAR's `log.comment` names the
example and its evidence, which is the capture's provenance.

Operations without an example get nothing here: their captures are the hand
scenarios of fixtures_har/scenarios/ (`fixtures_har/build.py`), left alone.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from codegen.spec import Spec, SpecError

if TYPE_CHECKING:
    from tickspec import spec as runtime
    from tickspec.server import declared

SUFFIX = "-example"
"""Stem suffix of a generated capture: no hand scenario ends with it."""
MARK = "written by `tickspec generate` from"
"""In the `log.comment` of every generated capture: how a stale one is recognised."""
METHODS = ("get", "put", "post", "delete", "patch")
SCRIPT_AGENT = "python-httpx/0.28.1"
PLACEHOLDER = "REDACTED"
"""What a capture holds in place of a secret (tickspec.contract.builder.PLACEHOLDER; a
test checks they agree: the generator does not load the runtime when imported)."""


def is_generated(text: str) -> bool:
    """Whether a .har file's text is a capture this module wrote."""
    try:
        comment = json.loads(text).get("log", {}).get("comment", "")
    except (ValueError, AttributeError):
        return False
    return isinstance(comment, str) and MARK in comment


def _parameter_value(openapi: dict[str, Any], param: dict[str, Any]) -> Any:
    """A parameter's own `example`, else its schema's first example, else nothing."""
    from tickspec.server import declared

    if "example" in param:
        return param["example"]
    schema = declared.local(openapi, param.get("schema") or {})
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "example" in schema:
        return schema["example"]
    return None


def _text(value: Any) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _request_line(
    openapi: dict[str, Any], path: str, params: list[dict[str, Any]], where: str
) -> tuple[str, list[tuple[str, str]]]:
    """The concrete path and query of the capture."""
    from tickspec.server import declared

    concrete, query = path, []
    for raw in params:
        param = declared.local(openapi, raw)
        where_in, name = param.get("in"), str(param.get("name"))
        if where_in not in ("path", "query"):
            continue
        required = bool(param.get("required", where_in == "path"))
        value = _parameter_value(openapi, param)
        if value is None:
            if required:
                raise SpecError(
                    f"openapi.yaml {where}: the operation has an example, so its {where_in} "
                    f"parameter {name!r} needs an `example` for the capture"
                )
            continue
        if where_in == "path":
            concrete = concrete.replace("{" + name + "}", quote(_text(value), safe=""))
        else:
            query.append((name, _text(value)))
    return concrete, query


def _security(openapi: dict[str, Any], node: dict[str, Any]) -> list[str]:
    security = node.get("security", openapi.get("security")) or []
    return [name for requirement in security for name in requirement]


def _host(openapi: dict[str, Any], path: str, node: dict[str, Any]) -> str:
    from tickspec.contract import builder

    servers = node.get("servers") or openapi["paths"][path].get("servers") or []
    return str(servers[0]["url"]).rstrip("/") if servers else builder.API


def _entry(
    openapi: dict[str, Any], path: str, method: str, node: dict[str, Any], found: declared.Example
) -> dict[str, Any]:
    from tickspec.contract import builder

    where = f"{method.upper()} {path}"
    params = [*openapi["paths"][path].get("parameters", []), *node.get("parameters", [])]
    concrete, query = _request_line(openapi, path, params, where)
    host = _host(openapi, path, node)
    schemes = _security(openapi, node)
    kw: dict[str, Any] = {}
    if "oauth2" in schemes or "oauthClient" in schemes:  # a script, not the browser
        auth = "Bearer" if "oauth2" in schemes else "Basic"
        kw["authenticated"] = False
        kw["headers"] = [
            ("Host", host.split("://", 1)[-1]),
            ("Accept", "*/*"),
            ("Accept-Encoding", "gzip, deflate"),
            ("Connection", "keep-alive"),
            ("User-Agent", SCRIPT_AGENT),
            ("Authorization", f"{auth} {PLACEHOLDER}"),
            *([("Content-Type", "application/json")] if found.request_body is not None else []),
        ]
    elif not schemes:
        kw["authenticated"] = False
    return builder.entry(
        method.upper(),
        host + concrete,
        status=found.status,
        request_body=found.request_body,
        response_body=found.value,
        query=query,
        **kw,
    )


def _check_example(
    checker: runtime.Spec, op: runtime.Operation, found: declared.Example, where: str
) -> None:
    documented, schema = op.response_schema(found.status)
    if not documented or schema is None:
        raise SpecError(f"openapi.yaml {where}: example {found.name!r} of a bodiless answer")
    errors = checker.validator(schema).errors(found.value)
    if errors:
        first = errors[0]
        at = "$" + "".join(f"[{p!r}]" for p in first.absolute_path)
        raise SpecError(
            f"openapi.yaml {where}: example {found.name!r} does not fit its response schema: "
            f"{at}: {first.message[:160]}"
        )
    if not found.evidence:
        raise SpecError(f"openapi.yaml {where}: example {found.name!r} needs an `x-evidence`")


def render_captures(spec: Spec) -> dict[str, str]:
    """File name (`<operationId>-example.har`) to text, one per operation with an example."""
    from tickspec import spec as runtime
    from tickspec.contract import builder
    from tickspec.server import declared

    openapi = spec.openapi
    checker: runtime.Spec | None = None
    files: dict[str, str] = {}
    for path, item in openapi.get("paths", {}).items():
        for method, node in item.items():
            if method not in METHODS:
                continue
            found = declared.example(openapi, node)
            if found is None:
                continue
            where = f"{method.upper()} {path}"
            if checker is None:  # built once, only when some operation has an example
                checker = runtime.Spec({"openapi": openapi, "schemas": spec.schemas})
            op_id = str(node["operationId"])
            _check_example(checker, checker.operation(op_id), found, where)
            stem = op_id + SUFFIX
            comment = (
                f"tickspec fixture {stem}: {MARK} the example {found.name!r} of {where} "
                f"in schemas/openapi.yaml; x-evidence: {'; '.join(found.evidence)}"
            )
            doc = builder.har([_entry(openapi, path, method, node, found)], comment=comment)
            files[f"{stem}.har"] = builder.dumps(doc)
    return dict(sorted(files.items()))
