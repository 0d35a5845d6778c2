"""The seven checks of `tickspec doctor`, one function per piece of an operation.

Each returns a `Piece`: present with what was found, or missing with what is wrong,
the file to edit and the command to run (doctor.py renders them).
"""

from __future__ import annotations

from typing import Any

from tickspec.doctor.repo import EXAMPLE_CAPTURE, EXAMPLES_TEST, SERVED_TEST, Repo
from tickspec.doctor.rows import BUILD, GENERATE, SPEC_FILE, Piece, missing_piece
from tickspec.server import declared
from tickspec.spec import Operation
from tickspec.spec_evidence import summary

HANDLERS_DIR = "tickspec/server/handlers/"


def _node(repo: Repo, op: Operation) -> dict[str, Any]:
    node: dict[str, Any] = repo.openapi["paths"][op.path][op.method.lower()]
    return node


def _file_refs(schema: Any) -> set[str]:
    """Schema files a (possibly inline) schema names."""
    found: set[str] = set()
    if isinstance(schema, dict):
        ref = schema.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            found.add(ref.split("#", 1)[0].removeprefix("./"))
        for value in schema.values():
            found |= _file_refs(value)
    elif isinstance(schema, list):
        for item in schema:
            found |= _file_refs(item)
    return found


def _media_schemas(repo: Repo, node: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(where, media type object) of the request body and each 2xx answer, JSON only."""
    found = []
    body = declared.local(repo.openapi, node.get("requestBody") or {})
    media = (body.get("content") or {}).get("application/json")
    if isinstance(media, dict):
        found.append(("requestBody", media))
    for code, response in (node.get("responses") or {}).items():
        if str(code).startswith("2"):
            content = declared.local(repo.openapi, response).get("content") or {}
            if isinstance(content.get("application/json"), dict):
                found.append((f"responses.{code}", content["application/json"]))
    return found


def schema(repo: Repo, op: Operation) -> Piece:
    """Every JSON body has a schema, and every file it names is in schemas/."""
    names = []
    for where, media in _media_schemas(repo, _node(repo, op)):
        if "schema" not in media:
            return missing_piece(
                "schema", f"{where} (application/json) has no schema", SPEC_FILE, GENERATE
            )
        refs = _file_refs(media["schema"])
        absent = sorted(refs - repo.schemas.keys())
        if absent:
            return missing_piece(
                "schema", f"{where}: no file schemas/{absent[0]}", f"schemas/{absent[0]}", GENERATE
            )
        names.append(", ".join(sorted(refs)) or "inline")
    return Piece("schema", True, "; ".join(names) or "no JSON body")


def evidence(repo: Repo, op: Operation) -> Piece:
    """The operation says where it is known from."""
    if not op.evidence:
        return missing_piece(
            "evidence",
            "no x-evidence (seed 00N, a client with its version, `docs: owner/repo ...`, "
            "or `inferred`)",
            SPEC_FILE,
            GENERATE,
        )
    return Piece("evidence", True, summary(op.evidence))


def example(repo: Repo, op: Operation) -> Piece:
    """A captured example that fits its schema, or a hand capture instead of one."""
    node = _node(repo, op)
    found = declared.example(repo.openapi, node)
    where = f"responses.{found.status}" if found else "responses.200"
    if found is None:
        if declared.serve_mode(node) == declared.EXAMPLE:
            return missing_piece(
                "example",
                f"x-tickspec-serve: example, but no example under {where}.content."
                "application/json.examples",
                SPEC_FILE,
                GENERATE,
            )
        if op.operation_id in repo.captures:
            return Piece("example", True, "none (a hand capture instead)")
        return missing_piece(
            "example",
            f"no captured example (add one with its x-evidence under {where}.content."
            "application/json.examples) and no hand capture",
            SPEC_FILE,
            GENERATE,
        )
    documented, body_schema = op.response_schema(found.status)
    if documented and body_schema is not None:
        errors = repo.spec.validator(body_schema).errors(found.value)
        if errors:
            return missing_piece(
                "example",
                f"example {found.name!r} does not fit its schema: {errors[0].message[:120]}",
                SPEC_FILE,
                GENERATE,
            )
    return Piece("example", True, f"{found.name} ({summary(found.evidence)})")


def fixture(repo: Repo, op: Operation) -> Piece:
    """A capture in fixtures_har/ has an entry of the operation."""
    files = repo.captures.get(op.operation_id)
    if files:
        more = f" (+{len(files) - 1})" if len(files) > 1 else ""
        return Piece("fixture", True, f"fixtures_har/{files[0]}{more}")
    if declared.example(repo.openapi, _node(repo, op)) is not None:
        return missing_piece(
            "fixture",
            f"no capture yet of its example (fixtures_har/{op.operation_id}-example.har)",
            "",  # the example is in place: the command writes the capture
            GENERATE,
        )
    return missing_piece(
        "fixture",
        "no capture: add a captured example to the spec, or a hand scenario",
        "fixtures_har/scenarios/",
        BUILD,
    )


def server(repo: Repo, op: Operation) -> Piece:
    """A handler, an `x-tickspec-serve` answer the server knows, or a moved operation."""
    from tickspec.server.dispatch import is_moved
    from tickspec.server.store import COLLECTIONS

    node = _node(repo, op)
    mode = declared.serve_mode(node)
    handler = repo.handlers.get(op.operation_id)
    if handler and mode:
        return missing_piece(
            "server",
            f"both a handler ({handler}) and x-tickspec-serve: {mode}; the handler wins: drop one",
            SPEC_FILE,
            GENERATE,
        )
    if handler:
        return Piece("server", True, f"handler ({handler})")
    if mode:
        problem = declared.mode_problem(mode, COLLECTIONS)
        if problem is None and mode == declared.EMPTY_LIST:
            ok_schema = op.response_schema(200)[1]
            if ok_schema is not None and not repo.spec.validator(ok_schema).is_valid([]):
                problem = "x-tickspec-serve: empty-list, but its schema rejects []"
        if problem:
            return missing_piece("server", problem, SPEC_FILE, GENERATE)
        return Piece("server", True, f"x-tickspec-serve: {mode}")
    if is_moved(op):
        return Piece("server", True, "405 (moved; dispatch answers it)")
    return missing_piece(
        "server",
        "only the generic minimal body: declare `x-tickspec-serve: example | empty-list | "
        f"store:<collection>` on a read, or write a handler ({HANDLERS_DIR}, "
        f'@handles("{op.operation_id}")) for a write with behaviour',
        SPEC_FILE,
        GENERATE,
    )


def client(repo: Repo, op: Operation) -> Piece:
    """The generated stub exists (a manager method only where there is a workflow)."""
    from codegen.endpoints import snake

    module, stub = snake(op.tag), snake(op.operation_id)
    if stub in repo.stubs.get(module, set()):
        return Piece("client", True, f"api.{module}.{stub}")
    return missing_piece(
        "client",
        f"no stub api.{module}.{stub} in generated/ (stale)",
        "",  # generated/ is never edited by hand
        GENERATE,
    )


def test(repo: Repo, op: Operation) -> Piece:
    """The served test covers it (x-tickspec-serve), the replay test covers it (an example
    capture of it exists), or a test names the operation, its stub, or a manager method
    calling the stub."""
    from codegen.endpoints import snake

    if declared.serve_mode(_node(repo, op)) and SERVED_TEST in repo.tests:
        return Piece("test", True, f"{SERVED_TEST} (every x-tickspec-serve operation)")
    captured = repo.captures.get(op.operation_id, [])
    if EXAMPLES_TEST in repo.tests and EXAMPLE_CAPTURE.format(op.operation_id) in captured:
        return Piece("test", True, f"{EXAMPLES_TEST} (replays its example capture)")
    stub = snake(op.operation_id)
    needles = [f'"{op.operation_id}"', f"{stub}("]
    needles += [f".{module}.{method}(" for module, method in repo.wrappers.get(stub, ())]
    for path, text in repo.tests.items():
        if any(needle in text for needle in needles):
            return Piece("test", True, path)
    return missing_piece(
        "test",
        f"no test names it: give it a captured example (then {EXAMPLES_TEST} replays its "
        f"capture), serve it from the spec (x-tickspec-serve), or call "
        f"client.api.{snake(op.tag)}.{stub}(...) (or its manager method) in a test",
        "tests/",
        "uv run --frozen pytest -m 'not slow'",
    )


CHECKS = (schema, example, evidence, fixture, server, client, test)


def pieces_of(repo: Repo, op: Operation) -> tuple[Piece, ...]:
    """Every piece of one operation, in the order of doctor.PIECES."""
    return tuple(check(repo, op) for check in CHECKS)
