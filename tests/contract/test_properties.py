"""Property-based tests of `tickspec check` (hypothesis); each test names its property.

Example budgets (hypothesis `max_examples`), chosen to keep this file well under a
minute on a 2-core box:
  MUTATIONS = 200   mutation power
  UNKNOWN = 100     unknown fields survive the models and are reported as additive
  BYTES = 150       arbitrary bytes never crash `check`
  DOCUMENTS = 150   arbitrary JSON / HAR-shaped documents never crash `check`
The fixture property is exhaustive instead (every entry of every capture).
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tickspec_generated.models as models
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter

from tests.paths import FIXTURES
from tickspec.cli import main
from tickspec.contract import builder, har
from tickspec.contract.checker import Checker, check_paths
from tickspec.contract.classify import join
from tickspec.contract.findings import Kind, Severity

MUTATIONS, UNKNOWN, BYTES, DOCUMENTS = 200, 100, 150, 150

CAPTURES = sorted(FIXTURES.glob("*.har"))
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$")
SAMPLES: dict[str, Any] = {
    "null": None, "boolean": True, "integer": 7, "number": 0.5, "string": "x", "array": [],
    "object": {},
}  # fmt: skip
WORKDIR = Path(tempfile.mkdtemp(prefix="tickspec-props-"))
CHECKER = Checker()
FAST = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Body:
    """One JSON body of a fixture, with the schema the spec gives it."""

    file: Path
    index: int
    side: str  # "request" | "response"
    schema: dict[str, Any]
    value: Any
    status: int

    @property
    def base(self) -> str:
        return f"{self.side}.body"


def bodies() -> list[Body]:
    out = []
    for path in CAPTURES:
        for entry in har.entries(path):
            op, _ = CHECKER.router.match(entry.method, entry.path)
            assert op is not None, f"{path.name}#{entry.index} matches no operation"
            sides = [
                ("request", op.request_schema, entry.request_body),
                ("response", op.response_schema(entry.status)[1], entry.response_body),
            ]
            for side, schema, raw in sides:  # fmt: skip
                value, error = raw.parse()
                if schema is not None and error is None:
                    out.append(Body(path, entry.index, side, schema, value, entry.status))
    return out


BODIES = bodies()


def model_of(schema: dict[str, Any]) -> Any:
    """The generated model (or array alias) named by the schema's title."""
    return getattr(models, CHECKER.spec.resolve(schema)["title"])


def round_trip(schema: dict[str, Any], value: Any) -> Any:
    if "title" not in CHECKER.spec.resolve(schema):
        return value  # an answer schema inline in openapi.yaml: its stub returns plain JSON
    model = model_of(schema)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return model.model_validate(value).model_dump(by_alias=True, exclude_unset=True,
                                                      mode="json")  # fmt: skip
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    return adapter.dump_python(adapter.validate_python(value), by_alias=True, exclude_unset=True,
                               mode="json")  # fmt: skip


def canonical(value: Any) -> str:
    """JSON text with sorted keys: objects are unordered, but 1 != 1.0 != true."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def with_body(body: Body, value: Any) -> Path:
    """A one-entry capture: the fixture's entry with `value` as the body."""
    doc = json.loads(body.file.read_text(encoding="utf-8"))
    entry = copy.deepcopy(doc["log"]["entries"][body.index])
    if body.side == "request":
        entry["request"]["postData"]["text"] = json.dumps(value)
    else:
        entry["response"]["content"].pop("encoding", None)
        entry["response"]["content"]["text"] = json.dumps(value)
    path = WORKDIR / "mutated.har"
    path.write_text(json.dumps(builder.har([entry])), encoding="utf-8")
    return path


def findings(path: Path) -> set[tuple[Kind, Severity, str]]:
    return {(f.kind, f.severity, f.path) for f in check_paths([path]).findings}


# -- every capture --------------------------------------------------------------------------


@pytest.mark.parametrize("path", CAPTURES, ids=[p.stem for p in CAPTURES])
def test_capture_checks_clean_and_round_trips(path: Path) -> None:
    """Property: every capture in fixtures_har/ passes `check` with no finding at all, and each
    of its bodies round-trips losslessly (load into the generated model, dump by alias without
    unset fields: the same JSON text). Exhaustive over the captures rather than sampled."""
    report = check_paths([path])
    assert (report.matched, report.skipped) == (report.entries, 0)
    assert report.findings == []
    for body in (b for b in BODIES if b.file == path):
        assert canonical(round_trip(body.schema, body.value)) == canonical(body.value)


# -- mutation power ---------------------------------------------------------------------------


def walk(value: Any, parts: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) in a JSON value, the root included."""
    out = [(parts, value)]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(
        value, list) else ()  # fmt: skip
    for key, child in items:
        out += walk(child, (*parts, key))
    return out


def schemas(body: Body, parts: tuple[Any, ...]) -> list[dict[str, Any]]:
    return CHECKER.walker.schemas_at(body.schema, parts)


def allowed_types(nodes: list[dict[str, Any]]) -> set[str]:
    types: set[str] = set()
    for node in nodes:
        kind = node.get("type")
        types |= set(kind) if isinstance(kind, list) else {kind} if kind else set()
    return types | ({"integer"} if "number" in types else set())


@dataclass(frozen=True)
class Site:
    body: Body
    parts: tuple[Any, ...]
    detail: Any = None


def at(value: Any, parts: tuple[Any, ...]) -> Any:
    for part in parts:
        value = value[part]
    return value


def breaks_without(body: Body, parts: tuple[Any, ...], key: str) -> bool:
    """Whether dropping `key` makes the body invalid: `required` of one anyOf branch (Task)
    is not required when another branch (the liberal TaskDraft) takes the object."""
    value = copy.deepcopy(body.value)
    del at(value, parts)[key]
    return not CHECKER.spec.validator(body.schema).is_valid(value)


def sites() -> dict[str, list[Site]]:
    """Where each kind of mutation is possible, found from the schemas (not from `check`)."""
    out: dict[str, list[Site]] = {k: [] for k in ("drop", "type", "enum", "time", "object")}
    for body in BODIES:
        for parts, value in walk(body.value):
            nodes = schemas(body, parts)
            if isinstance(value, dict):
                required = {r for n in nodes for r in n.get("required", [])}
                needed = sorted(
                    k for k in value if k in required and breaks_without(body, parts, k)
                )
                out["drop"] += [Site(body, parts, key) for key in needed]
                if any("properties" in n for n in nodes):
                    out["object"].append(Site(body, parts, needed))
            types = allowed_types(nodes)
            if parts and types and set(SAMPLES) - types:
                out["type"].append(Site(body, parts, sorted(set(SAMPLES) - types)))
            enums = [n["enum"] for n in nodes if "enum" in n]
            if enums and isinstance(value, int | str) and not isinstance(value, bool):
                out["enum"].append(Site(body, parts, enums[0]))
            # Requests may write any ISO 8601 form (TimestampIn); only what TickTick sends
            # is held to `...000+0000`, and only where the schema is the web API's Timestamp
            # (the Open API's OpenTimestamp takes the milliseconds and `Z` as they come).
            timestamp = any(n.get("title") == "Timestamp" for n in nodes)
            if (
                body.side == "response"
                and isinstance(value, str)
                and TIMESTAMP.match(value)
                and timestamp
            ):
                out["time"].append(Site(body, parts))
    return out


SITES = sites()
REFORMATS = [
    lambda t: t[:19] + "Z",  # no milliseconds, Z
    lambda t: t[:23] + t[23:26] + ":" + t[26:],  # +00:00 offset
    lambda t: t[:10] + " " + t[11:],  # space separator
    lambda t: t[:19] + t[23:],  # no milliseconds
    lambda t: t[:10],  # date only
]


def outside(enum: list[Any], current: Any) -> st.SearchStrategy[Any]:
    """Values of the current value's JSON type that the enum does not list."""
    if isinstance(current, int):
        top = max((v for v in enum if isinstance(v, int)), default=0)
        return st.integers(min_value=top + 1, max_value=top + 10**6)
    return st.text(min_size=1, max_size=8).map(lambda s: "zz-" + s).filter(lambda v: v not in enum)


def new_key(draw: Callable[[st.SearchStrategy[str]], str], site: Site, obj: dict[str, Any]) -> str:
    name = draw(st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1,
                        max_size=10).map(lambda s: "future" + s))  # fmt: skip
    if name in obj or schemas(site.body, (*site.parts, name)):
        name = name + "Unnamed"
    return name


@st.composite
def mutation(draw: st.DrawFn) -> tuple[Body, Any, set[tuple[Kind, Severity, str]], str]:
    """(body, mutated value, expected findings, description)."""
    kind = draw(st.sampled_from(["drop", "type", "enum", "time", "rename", "add"]))
    pool = SITES["object" if kind in ("rename", "add") else kind]
    site = draw(st.sampled_from(pool))
    value = copy.deepcopy(site.body.value)
    base, parts = site.body.base, site.parts
    if kind == "drop":
        del at(value, parts)[site.detail]
        expected = {(Kind.MISSING_REQUIRED, Severity.BREAKING, join(base, (*parts, site.detail)))}
    elif kind in ("rename", "add"):
        obj = at(value, parts)
        name = new_key(draw, site, obj)
        obj[name] = draw(st.sampled_from(list(SAMPLES.values())))
        expected = {(Kind.UNKNOWN_FIELD, Severity.ADDITIVE, join(base, (*parts, name)))}
        if kind == "rename" and len(obj) > 1:
            old = draw(st.sampled_from(sorted(k for k in obj if k != name)))
            obj[name] = obj.pop(old)
            if old in site.detail:
                expected.add((Kind.MISSING_REQUIRED, Severity.BREAKING, join(base, (*parts, old))))
    else:
        parent, key = at(value, parts[:-1]), parts[-1]
        if kind == "type":
            parent[key] = SAMPLES[draw(st.sampled_from(site.detail))]
            found = Kind.TYPE_MISMATCH
        elif kind == "enum":
            parent[key] = draw(outside(site.detail, parent[key]))
            found = Kind.ENUM_VIOLATION
        else:
            parent[key] = draw(st.sampled_from(REFORMATS))(parent[key])
            found = Kind.FORMAT_VIOLATION
        expected = {(found, Severity.BREAKING, join(base, parts))}
    description = f"{kind} at {join(base, parts)} in {site.body.file.name}"
    return site.body, value, answered(site.body, expected), description


def answered(
    body: Body, expected: set[tuple[Kind, Severity, str]]
) -> set[tuple[Kind, Severity, str]]:
    """What the answer makes of request-side findings: a request that breaks the spec and
    was served is lenient, and refused (4xx) it is only counted."""
    if body.side != "request" or not any(s is Severity.BREAKING for _, s, _ in expected):
        return expected
    if 400 <= body.status < 500:
        return set()
    if 200 <= body.status < 300:
        return {(k, Severity.LENIENT if s is Severity.BREAKING else s, p) for k, s, p in expected}
    return expected


def test_mutation_sites_cover_every_kind() -> None:
    """The mutation pools are not empty (else hypothesis would silently test less)."""
    assert {k: len(v) > 10 for k, v in SITES.items()} == dict.fromkeys(SITES, True)


@settings(FAST, max_examples=MUTATIONS)
@given(mutation())
def test_mutation_is_reported_with_its_kind_and_severity(
    case: tuple[Body, Any, set[tuple[Kind, Severity, str]], str],
) -> None:
    """Property (mutation power): one mutation of a capture body, drawn by hypothesis (drop a
    required field, change a value's JSON type, put a value outside its enum, reformat a
    timestamp, rename a key, add a field), is reported by `check` as exactly the finding(s)
    it causes: the right kind, severity and JSON path, nothing else."""
    body, value, expected, description = case
    event(description.split()[0])
    assert findings(with_body(body, value)) == expected, description


@settings(FAST, max_examples=UNKNOWN)
@given(data=st.data())
def test_unknown_fields_survive_the_models_and_are_additive(data: st.DataObject) -> None:
    """Property: a new field anywhere a schema names its properties survives load -> dump of
    the generated model unchanged (`extra="allow"`: a client must not delete what it does not
    know), and `check` reports it as one additive unknown_field."""
    site = data.draw(st.sampled_from(SITES["object"]))
    value = copy.deepcopy(site.body.value)
    obj = at(value, site.parts)
    name = new_key(data.draw, site, obj)
    obj[name] = data.draw(st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                    max_size=3),
        max_leaves=6))  # fmt: skip
    assert canonical(round_trip(site.body.schema, value)) == canonical(value)
    path = join(site.body.base, (*site.parts, name))
    assert findings(with_body(site.body, value)) == {(Kind.UNKNOWN_FIELD, Severity.ADDITIVE, path)}


# -- robustness -----------------------------------------------------------------------------


def run_check(content: bytes) -> tuple[int, str, str]:
    path = WORKDIR / "input.har"
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", str(path)])
    return code, out.getvalue(), err.getvalue()


def assert_well_behaved(code: int, out: str, err: str) -> None:
    event(f"exit {code}")
    assert code in (0, 1, 2)
    if code == 2:
        assert out == ""
        assert err.startswith("tickspec check: ") and err.count("\n") == 1
    else:
        assert err == ""
        assert out.startswith("tickspec check: 1 file(s), ")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip
URLS = st.sampled_from([
    builder.API + "/api/v2/batch/task", builder.API + "/api/v3/batch/check/0",
    builder.API + "/api/v2/task/696b8abc2c6f3277d1cc431a?projectId=x", builder.API + "/nope",
    "https://ticktick.com/", "not a url", "http://[::1", "",
]) | st.text(max_size=20)  # fmt: skip


@st.composite
def har_like(draw: st.DrawFn) -> Any:
    """HAR-shaped documents whose parts are sometimes right, sometimes arbitrary JSON."""

    def part(good: st.SearchStrategy[Any]) -> Any:  # right 19 times out of 20
        return draw(good if draw(st.integers(min_value=0, max_value=19)) < 19 else JSON)

    def pairs() -> Any:
        names = st.sampled_from(["X-Device", "Cookie", "x-tz", "limit"]) | st.text(max_size=8)
        pair = st.fixed_dictionaries({"name": names, "value": st.text(max_size=30) | JSON})
        return part(st.lists(pair, max_size=3))

    def text() -> Any:
        return part(st.sampled_from(['{"id2etag":{},"id2error":{}}', "", "<html>", "e30="]))

    def entry() -> Any:
        request = {
            "method": part(st.sampled_from(["GET", "POST", "PUT", "DELETE", "OPTIONS"])),
            "url": part(URLS),
            "headers": pairs(),
            "queryString": pairs(),
            "cookies": pairs(),
            "postData": part(st.builds(lambda: {"mimeType": "application/json", "text": text()})),
        }
        content = {"text": text(), "encoding": part(st.just("base64")), "mimeType": part(JSON)}
        response = {
            "status": part(st.sampled_from([0, 200, 405, 500, 999])),
            "headers": pairs(),
            "content": part(st.just(content)),
        }
        return {"request": part(st.just(request)), "response": part(st.just(response))}

    count = draw(st.integers(min_value=0, max_value=3))
    entries = part(st.just([entry() for _ in range(count)]))
    return {"log": part(st.just({"version": "1.2", "entries": entries}))}


@settings(FAST, max_examples=BYTES)
@given(st.binary(max_size=512))
def test_check_never_crashes_on_arbitrary_bytes(content: bytes) -> None:
    """Property: any bytes given as a capture give exit 0, 1 or 2, with a report or a
    one-line error; never a traceback."""
    assert_well_behaved(*run_check(content))


@settings(FAST, max_examples=DOCUMENTS)
@given(st.one_of(JSON, har_like(), har_like(), har_like()))
def test_check_never_crashes_on_arbitrary_json(document: Any) -> None:
    """Property: any JSON document, HAR-shaped or not, gives exit 0, 1 or 2 with a report or
    a one-line error; never a traceback."""
    assert_well_behaved(*run_check(json.dumps(document).encode()))
