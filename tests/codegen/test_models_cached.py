"""On the real spec: the models served from the cache are the ones a fresh run makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen import models
from codegen.paths import DEFAULT_OUT, DEFAULT_SCHEMAS, PACKAGE
from codegen.spec import load_spec

pytestmark = pytest.mark.slow  # runs datamodel-code-generator on the whole spec


def test_a_cold_then_a_warm_run_give_the_committed_models(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))
    spec = load_spec(DEFAULT_SCHEMAS)
    cold = models.render_models(spec)
    assert len(list((tmp_path / "codegen").glob("*.json"))) == 1

    def no_generator(inputs: dict[str, str]) -> dict[str, str]:
        raise AssertionError("a warm run must not run the generator")

    monkeypatch.setattr(models, "run_datamodel_codegen", no_generator)
    assert models.render_models(spec) == cold
    committed = DEFAULT_OUT / PACKAGE / "models"
    assert cold == {p.name: p.read_text(encoding="utf-8") for p in committed.glob("*.py")}
