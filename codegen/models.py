"""Pydantic v2 models from the JSON Schemas, through datamodel-code-generator.

The options are chosen for a lossless client, not for brevity:
- `extra="allow"`: TickTick updates replace the whole object, so a field the spec
  does not know yet must survive load -> dump, or the client deletes user data.
- snake_case attributes with the wire names as aliases, `populate_by_name` so
  users may construct models with either.
- constrained strings stay `str` (timestamps keep their `.000+0000` text exactly),
  `$defs` become type aliases rather than RootModel wrappers.
"""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

from codegen.spec import Spec, SpecError, module_name
from codegen.templating import header, render

MARKER = "# @@tickspec-header@@"


def _run_datamodel_codegen(schema_dir: Path, out_dir: Path) -> None:
    from datamodel_code_generator import generate
    from datamodel_code_generator.enums import DataModelType, InputFileType
    from datamodel_code_generator.format import Formatter, PythonVersion
    from datamodel_code_generator.parser import LiteralType

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generate(
            schema_dir,
            input_file_type=InputFileType.JsonSchema,
            output=out_dir,
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


def render_models(spec: Spec) -> dict[str, str]:
    """Module file name -> text for generated/tickspec_generated/models/."""
    with tempfile.TemporaryDirectory(prefix="tickspec-codegen-") as tmp:
        src = Path(tmp) / "schemas"
        out = Path(tmp) / "models"
        src.mkdir()
        for name, schema in spec.schemas.items():
            (src / name).write_text(json.dumps(_keep_integers(schema)), encoding="utf-8")
        try:
            _run_datamodel_codegen(src, out)
        except Exception as exc:  # the generator raises many types; name the cause
            raise SpecError(f"datamodel-code-generator failed: {exc}") from exc
        raw = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.py"))}
    sources = {module_name(name): name for name in spec.schemas}
    modules: dict[str, str] = {}
    for filename, text in raw.items():
        if filename == "__init__.py":
            continue
        stem = filename.removesuffix(".py")
        source = "schemas/" + sources.get(stem, "*.json")
        modules[stem] = text.replace(MARKER + "\n", header(source, "the schema"), 1)
    exports = _exports(modules, spec)
    files = {f"{stem}.py": text for stem, text in modules.items()}
    titles = [
        (source, str(spec.schemas[source]["title"]))
        for source in spec.schemas
        if exports.get(str(spec.schemas[source].get("title"))) == module_name(source)
    ]
    files["__init__.py"] = render("models_init.py.jinja", exports=exports, titles=titles)
    return files
