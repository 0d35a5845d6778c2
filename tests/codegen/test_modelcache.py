"""The models cache: keyed by what the output is a function of, never an error.

The generator itself is replaced by a stand-in here (it takes seconds); that a cached
run gives the same models as a fresh one is checked on the real spec in
test_models_cached.py.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from codegen import modelcache, models
from codegen.spec import Spec


def _spec(**extra: Any) -> Spec:
    tag = {"title": "Tag", "type": "object", "properties": {"name": {"type": "string"}, **extra}}
    return Spec(root=Path("."), schemas={"tag.json": tag}, openapi={"paths": {}})


@pytest.fixture
def generator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[dict[str, str]]:
    """The stand-in generator's calls; the cache in a fresh folder."""
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))
    calls: list[dict[str, str]] = []

    def fake(inputs: dict[str, str]) -> dict[str, str]:
        calls.append(inputs)
        fields = json.loads(inputs["tag.json"])["properties"]
        return {"tag.py": "class Tag:\n" + "".join(f"    {f}: str\n" for f in fields)}

    monkeypatch.setattr(models, "run_datamodel_codegen", fake)
    return calls


def _models(spec: Spec) -> dict[str, str]:
    return models.render_models(spec)


def test_a_second_run_is_served_from_the_cache(generator: list[dict[str, str]]) -> None:
    first = _models(_spec())
    assert _models(_spec()) == first
    assert len(generator) == 1
    assert "    name: str\n" in first["tag.py"]


def test_a_changed_schema_misses_the_cache(generator: list[dict[str, str]]) -> None:
    _models(_spec())
    changed = _models(_spec(color={"type": "string"}))
    assert len(generator) == 2
    assert "    color: str\n" in changed["tag.py"]
    assert "color" not in _models(_spec())["tag.py"], "the old entry still answers the old spec"
    assert len(generator) == 2


def test_the_key_covers_inputs_and_generator() -> None:
    base = modelcache.key({"a.json": "{}"})
    assert modelcache.key({"a.json": "{}"}) == base
    assert modelcache.key({"a.json": '{"type": "string"}'}) != base
    assert modelcache.key({"b.json": "{}"}) != base
    assert all((Path(modelcache.__file__).parent / name).is_file() for name in modelcache.CODE)


def test_off_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", modelcache.OFF)
    assert modelcache.cache_dir() is None
    modelcache.store("k", {"a.py": "x"})
    assert modelcache.load("k") is None


def test_the_default_folder_is_the_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TICKSPEC_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert modelcache.cache_dir() == Path("/somewhere/tickspec/codegen")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/someone")
    assert modelcache.cache_dir() == Path("/home/someone/.cache/tickspec/codegen")


def test_no_home_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TICKSPEC_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def nowhere() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(nowhere))
    assert modelcache.cache_dir() is None


@pytest.mark.parametrize(
    "text", ["{not json", "[]", '{"key": "other", "files": {}}', '{"key": "k", "files": {"a": 1}}']
)
def test_a_damaged_entry_is_a_miss(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, text: str
) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))
    (tmp_path / "codegen").mkdir()
    (tmp_path / "codegen" / "k.json").write_text(text, encoding="utf-8")
    assert modelcache.load("k") is None


def test_an_unwritable_cache_is_no_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path / "file"))
    modelcache.store("k", {"a.py": "x"})
    assert modelcache.load("k") is None


def test_a_failed_write_leaves_no_half_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(json, "dump", full_disk)
    modelcache.store("k", {"a.py": "x"})
    assert list((tmp_path / "codegen").iterdir()) == []


def test_only_the_recent_entries_are_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TICKSPEC_CACHE_DIR", str(tmp_path))
    for n in range(modelcache.KEEP + 2):
        modelcache.store(f"k{n}", {"a.py": str(n)})
        # File times are coarse (a clock tick): age each entry by its number instead.
        os.utime(tmp_path / "codegen" / f"k{n}.json", (n, n))
    kept = sorted(p.stem for p in (tmp_path / "codegen").glob("*.json"))
    assert len(kept) == modelcache.KEEP
    assert modelcache.load(f"k{modelcache.KEEP + 1}") == {"a.py": str(modelcache.KEEP + 1)}
