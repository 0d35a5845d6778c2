"""Pydantic v2 models from the JSON Schemas, through datamodel-code-generator.

The options are chosen for a lossless client, not for brevity:
- `extra="allow"`: TickTick updates replace the whole object, so a field the spec
  does not know yet must survive load -> dump, or the client deletes user data.
- snake_case attributes with the wire names as aliases, `populate_by_name` so
  users may construct models with either.
- constrained strings stay `str` (timestamps keep their `.000+0000` text exactly),
  `$defs` become type aliases rather than RootModel wrappers.

The generator takes most of `tickspec generate`'s time, so its output is cached by
the hash of its inputs (codegen/modelcache.py): an unchanged spec skips it, and even
its import.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

from codegen import modelcache
from codegen.spec import Spec, SpecError, module_name
from codegen.templating import header, render

MARKER = "# @@tickspec-header@@"
CONFIG = "    model_config = ConfigDict(\n"
CACHE_KEYS_ONLY = '        cache_strings="keys",\n'
"""Added to every model's config: while parsing JSON, pydantic caches only object keys.
Caching every short string value as well (its default) costs more than it saves on
TickTick's bodies, whose values (ids, etags, timestamps) are nearly all unique: about
15% of the typed decode of a full sync (benchmarks/run.py, "decode" rows)."""


def run_datamodel_codegen(inputs: dict[str, str]) -> dict[str, str]:
    """Module file name -> text that datamodel-code-generator makes of these schema files.

    `inputs` maps a file name to its JSON text; every file a `$ref` names must be in it.
    """
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter, PythonVersion
    from datamodel_code_generator.parser import LiteralType

    with tempfile.TemporaryDirectory(prefix="tickspec-codegen-") as tmp:
        src = Path(tmp) / "schemas"
        src.mkdir()
        for name, text in inputs.items():
            (src / name).write_text(text, encoding="utf-8")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            modules = generate(
                src,
                input_file_type=InputFileType.JsonSchema,
                # In memory: no output folder to write and read back. The formatter
                # reads its settings (a pyproject.toml) from the folder the output
                # would go to; a temporary one has none, so they are the defaults.
                output=None,
                settings_path=src,
                output_model_type=DataModelType.PydanticV2BaseModel,
                target_python_version=PythonVersion.PY_311,
                snake_case_field=True,
                extra_fields="allow",
                allow_population_by_field_name=True,
                disable_timestamp=True,
                use_title_as_name=True,
                use_type_alias=True,
                field_constraints=True,
                use_annotated=True,
                use_schema_description=True,
                use_field_description=True,
                use_standard_collections=True,
                use_union_operator=True,
                use_double_quotes=True,
                enum_field_as_literal=LiteralType.All,
                custom_file_header=MARKER,
                formatters=[Formatter.BUILTIN],
            )
    if not isinstance(modules, dict):  # one module comes back as a plain string
        modules = {(f"{module_name(next(iter(inputs)))}.py",): modules or ""}
    # Top-level modules only (the package is flat), and each as it would be written:
    # a file ends in one more newline than the text generate() returns.
    return {path[0]: text + "\n" for path, text in sorted(modules.items()) if len(path) == 1}


def model_inputs(spec: Spec) -> dict[str, str]:
    """Schema file name -> the JSON text the model generator reads (integers kept)."""
    return {name: json.dumps(_keep_integers(schema)) for name, schema in spec.schemas.items()}


def _keep_integers(node: Any) -> Any:
    """Rewrite `type: number` as `integer | number` for the model generator only.

    A plain `number` becomes `float`, and pydantic turns the wire's `5` into `5.0`:
    a lossy round trip (TickTick sends integral goals and steps). `int | float`
    keeps whichever the wire had. The validators still see the schema as written.
    """
    if isinstance(node, list):
        return [_keep_integers(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _keep_integers(value) for key, value in node.items()}
    kind = out.get("type")
    if kind == "number" or (isinstance(kind, list) and "number" in kind and "integer" not in kind):
        kinds = kind if isinstance(kind, list) else [kind]
        out.pop("type")
        out["anyOf"] = [{"type": "integer"}, *({"type": k} for k in kinds)]
    return out


def _exports(modules: dict[str, str], spec: Spec) -> dict[str, str]:
    """Top-level class name (the schema's title) -> module, for the lazy package index."""
    exports: dict[str, str] = {}
    for source, schema in spec.schemas.items():
        title = schema.get("title")
        module = module_name(source)
        if isinstance(title, str) and module in modules and title.isidentifier():
            exports[title] = module
    return dict(sorted(exports.items()))


def finish_models(raw: dict[str, str], spec: Spec) -> dict[str, str]:
    """Module file name -> text for generated/tickspec_generated/models/, from the
    generator's modules: our header, the cache setting, our own `__init__.py`."""
    sources = {module_name(name): name for name in spec.schemas}
    modules: dict[str, str] = {}
    for filename, text in sorted(raw.items()):
        if filename == "__init__.py":
            continue
        stem = filename.removesuffix(".py")
        source = "schemas/" + sources.get(stem, "*.json")
        text = text.replace(MARKER + "\n", header(source, "the schema"), 1)
        modules[stem] = text.replace(CONFIG, CONFIG + CACHE_KEYS_ONLY)
    exports = _exports(modules, spec)
    files = {f"{stem}.py": text for stem, text in modules.items()}
    titles = [
        (source, str(spec.schemas[source]["title"]))
        for source in spec.schemas
        if exports.get(str(spec.schemas[source].get("title"))) == module_name(source)
    ]
    files["__init__.py"] = render("models_init.py.jinja", exports=exports, titles=titles)
    return files


def render_models(spec: Spec) -> dict[str, str]:
    """Module file name -> text for generated/tickspec_generated/models/."""
    inputs = model_inputs(spec)
    entry = modelcache.key(inputs)
    raw = modelcache.load(entry)
    if raw is None:
        try:
            raw = run_datamodel_codegen(inputs)
        except Exception as exc:  # the generator raises many types; name the cause
            raise SpecError(f"datamodel-code-generator failed: {exc}") from exc
        modelcache.store(entry, raw)
    return finish_models(raw, spec)
