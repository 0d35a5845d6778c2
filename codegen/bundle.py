"""spec.json: the schemas and the OpenAPI document as one JSON file for the runtime."""

from __future__ import annotations

import json

from codegen.spec import Spec


def render_bundle(spec: Spec) -> str:
    bundle = {"openapi": spec.openapi, "schemas": spec.schemas}
    return json.dumps(bundle, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
