"""The models built in two processes, or from the cache, are the models of one plain run.

codegen/partition.py argues that a file's module depends only on the files its refs
reach; these tests hold the argument to the real spec, byte for byte.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codegen import modelbuild
from codegen.models import finish_models, model_inputs, run_datamodel_codegen
from codegen.partition import closure, file_refs, partition
from codegen.paths import DEFAULT_OUT, DEFAULT_SCHEMAS, PACKAGE
from codegen.spec import Spec, load_spec

pytestmark = pytest.mark.slow  # runs datamodel-code-generator on the whole spec, several times


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(DEFAULT_SCHEMAS)


@pytest.fixture(scope="module")
def one_run(spec: Spec) -> dict[str, str]:
    """What datamodel-code-generator makes of all the files at once."""
    raw = run_datamodel_codegen(model_inputs(spec))
    return {name: text for name, text in raw.items() if name != "__init__.py"}


def test_the_groups_make_what_one_run_makes(spec: Spec, one_run: dict[str, str]) -> None:
    inputs = model_inputs(spec)
    groups = partition(inputs, spec.schemas)
    assert groups is not None
    refs = {name: file_refs(schema) - {name} for name, schema in spec.schemas.items()}
    outputs = [
        (roots, run_datamodel_codegen({n: inputs[n] for n in closure(roots, refs)}))
        for roots in groups
    ]
    assert modelbuild._merge(outputs) == one_run


def test_forked_then_cached_builds_equal_the_committed_models(
    spec: Spec, one_run: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(modelbuild, "_fork_safe", lambda: True)
    with modelbuild.ModelBuild(spec) as cold:
        assert cold._pool is not None, "a miss forks the workers"
        built = cold.result()
    assert built == finish_models(one_run, spec)
    with modelbuild.ModelBuild(spec) as warm:
        assert warm._pool is None and warm._groups is None, "a hit starts nothing"
        assert warm.result() == built
    committed = DEFAULT_OUT / PACKAGE / "models"
    assert built == {p.name: p.read_text(encoding="utf-8") for p in committed.glob("*.py")}


def test_without_fork_the_groups_run_one_by_one(
    spec: Spec, one_run: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", "off")
    monkeypatch.setattr(modelbuild, "_fork_safe", lambda: False)
    with modelbuild.ModelBuild(spec) as build:
        assert build._pool is None and build._groups is not None
        assert build.result() == finish_models(one_run, spec)
