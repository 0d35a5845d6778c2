"""Issue 12: the wheel is typed, and `pip install tickspec` is the client alone.
Issue 20: the wheel carries the license and no top-level `codegen` (the generator is a
tool of the repository); `python -m tickspec` is the command.

Both tests build the real wheel with `uv build` (hatchling from the package
index or uv's cache) and the second installs it, without extras, into a fresh
virtual environment: slow-ish, but it is the only way to see what a user gets.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.paths import ROOT

UV = shutil.which("uv")
pytestmark = pytest.mark.skipif(UV is None, reason="needs uv to build the wheel")

EXTRAS_ONLY = ("starlette", "uvicorn", "jsonschema", "jsonschema_rs", "datamodel_code_generator")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [str(UV), "build", "--wheel", "--out-dir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("tickspec-*.whl")
    return built


def test_the_wheel_ships_both_py_typed_markers(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"tickspec/py.typed", "tickspec_generated/py.typed"} <= names


def test_the_wheel_has_no_top_level_package_but_its_own(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert tops == {"tickspec", "tickspec_generated"}
    licenses = [n for n in names if n.endswith("/licenses/LICENSE")]
    assert len(licenses) == 1
    assert zipfile.ZipFile(wheel).read(licenses[0]).startswith(b"MIT License")


def _run(python: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, check=False, cwd=cwd
    )


def test_a_lean_install_is_the_client_and_names_the_missing_extras(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([str(UV), "venv", "-q", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(UV), "pip", "install", "-q", "--python", str(python), str(wheel)],
        check=True,
        capture_output=True,
    )

    probe = "import importlib.util as u, sys; print([m for m in sys.argv[1:] if u.find_spec(m)])"
    assert _run(python, "-c", probe, *EXTRAS_ONLY).stdout.strip() == "[]"
    client = _run(python, "-c", "import tickspec; print(tickspec.Client.__name__)")
    assert client.stdout.strip() == "Client", client.stderr

    tickspec = venv / "bin" / "tickspec"
    for command, extra, args in (
        ("serve", "serve", ["--port", "0"]),
        ("check", "check", [str(tmp_path)]),
    ):
        result = _run(tickspec, command, *args)
        hint = f"tickspec {command}: needs the '{extra}' extra: pip install 'tickspec[{extra}]'"
        assert (result.returncode, result.stderr.strip()) == (3, hint), result.stderr

    # outside a checkout: `python -m` puts the working directory first on sys.path
    generate = _run(python, "-m", "tickspec", "generate", "--check", cwd=tmp_path)
    assert generate.returncode == 3
    assert generate.stderr.startswith("tickspec generate: the generator is a tool of")
    assert len(generate.stderr.strip().splitlines()) == 1
    version = _run(python, "-m", "tickspec", "--version", cwd=tmp_path)
    assert version.stdout.startswith("tickspec 0.1.0 (spec"), version.stderr
