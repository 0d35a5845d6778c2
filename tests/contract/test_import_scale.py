"""`tickspec import` at scale (issue 21): work linear in the capture, numbers of any size,
nothing partial left behind when a signal ends it.

Linear time is tested by counting work (patterns compiled, candidate places checked),
never by wall time: speed targets live in benchmarks/importing.py.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from tickspec.cli import main
from tickspec.contract import builder, harfile, redact_match
from tickspec.contract.importer import import_capture

ROOT = Path(__file__).resolve().parents[2]


def cookie_capture(entries: int, *, seed: int = 0) -> dict[str, Any]:
    """`entries` calls whose responses each set a new AWSALB cookie, sent back next time,
    under one session token: a new secret per entry, as AWS's load balancer does."""
    token = f"{seed:04d}" + "a3f9c2" * 26
    alb = f"seed{seed}ALB0+first/cookie=="
    out = []
    for i in range(entries):
        new = f"Q{seed}x{i:06d}+LbCookie/{i * 7919 % 100003:06d}Zz"
        entry = builder.entry("GET", builder.API + "/api/v2/user/preferences/settings",
                              response_body={"id": f"{i:024x}", "timeZone": "UTC"})  # fmt: skip
        entry["request"]["headers"].append({"name": "Cookie", "value": f"t={token}; AWSALB={alb}"})
        entry["request"]["cookies"] = [
            {"name": "t", "value": token},
            {"name": "AWSALB", "value": alb},
        ]
        entry["response"]["headers"].append(
            {"name": "Set-Cookie", "value": f"AWSALB={new}; Path=/"}
        )
        entry["response"]["cookies"] = [{"name": "AWSALB", "value": new}]
        # free text the finder must scan: the cookie echoed by a debugging proxy
        entry["response"]["headers"].append({"name": "Via", "value": f"proxy lb={alb}, t={token}"})
        out.append(entry)
        alb = new
    return builder.har(out)


def counted_import(
    tmp_path: Path, entries: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[int, int]:
    """(patterns compiled, candidate places checked) by one import of `entries` entries."""
    src = tmp_path / f"cookies-{entries}.har"
    src.write_text(json.dumps(cookie_capture(entries)), encoding="utf-8")
    compiled: list[str] = []
    real_compile = re.compile

    def compile_counted(pattern: Any, flags: Any = 0) -> Any:
        compiled.append(str(pattern))
        return real_compile(pattern, flags)

    finders: list[redact_match.Finder] = []
    real_init = redact_match.Finder.__init__

    def init_kept(self: redact_match.Finder, secrets: list[redact_match.Secret]) -> None:
        finders.append(self)
        real_init(self, secrets)

    with monkeypatch.context() as patch:
        patch.setattr(re, "compile", compile_counted)
        patch.setattr(redact_match.Finder, "__init__", init_kept)
        result = import_capture(src, tmp_path / f"out-{entries}.har", force=True)
    text = result.path.read_text(encoding="utf-8")
    assert "LbCookie" not in text and "a3f9c2" not in text
    return len(compiled), sum(f.checks for f in finders)


def test_work_grows_linearly_with_the_secrets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new secret per entry: doubling the entries doubles the places checked (each
    entry's own cookies, nothing more) and compiles no pattern at all. Before issue 21
    every entry compiled its own pattern and every string was tried against every
    secret: entries x secrets."""
    counted_import(tmp_path, 10, monkeypatch)  # the spec's and router's own patterns, once
    compiled_small, checks_small = counted_import(tmp_path, 60, monkeypatch)
    compiled_large, checks_large = counted_import(tmp_path, 120, monkeypatch)
    assert compiled_small == compiled_large == 0
    assert checks_small > 0
    assert checks_large <= 2.1 * checks_small


def test_one_finder_scan_per_string_whatever_the_number_of_secrets() -> None:
    """The finder's work on a text does not depend on how many secrets it holds."""
    few = redact_match.Finder([redact_match.Secret(f"secret-{i:05d}-value", "x" * 18, True)
                               for i in range(5)])  # fmt: skip
    many = redact_match.Finder([redact_match.Secret(f"secret-{i:05d}-value", "x" * 18, True)
                                for i in range(5000)])  # fmt: skip
    text = "cookie=secret-00003-value; other=secret-00004-value; nothing else here"
    assert (
        few.replace(text)
        == many.replace(text)
        == f"cookie={'x' * 18}; other={'x' * 18}; nothing else here"
    )
    assert few.checks == many.checks == 2


BIG = "7" * 5000


def test_a_5000_digit_number_imports_as_written(tmp_path: Path) -> None:
    """Python's int() refuses more than 4300 digits; the capture's number is kept as is,
    in the HAR structure and in a JSON body, and so is a float past 1e308."""
    entry = builder.entry("POST", builder.API + "/api/v2/batch/task",
                          request_body={"add": [{"title": "t"}]},
                          response_body={"id2etag": {}, "id2error": {}})  # fmt: skip
    entry["response"]["content"]["text"] = (
        f'{{"id2etag":{{}},"n":{BIG},"f":1e999,"password":"hunter22"}}'
    )
    src = tmp_path / "big.har"
    src.write_text(
        json.dumps(builder.har([entry])).replace('"headersSize": -1', f'"headersSize": -{BIG}', 1)
    )
    assert BIG in src.read_text()
    assert main(["import", str(src), "--out", str(tmp_path / "out.har")]) == 0
    text = (tmp_path / "out.har").read_text(encoding="utf-8")
    doc = harfile.numbers().decode(text)
    assert isinstance(doc["log"]["entries"][0]["request"]["headersSize"], harfile.BigNumber)
    assert f'"headersSize": -{BIG}' in text
    body = harfile.numbers().decode(doc["log"]["entries"][0]["response"]["content"]["text"])
    assert body["n"].text == BIG and body["f"].text == "1e999"
    assert body["password"] == "xxxxxxxx"


def test_check_names_a_number_too_long_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entry = builder.entry("GET", builder.API + "/api/v2/user/status", response_body={"a": 1})
    src = tmp_path / "big.har"
    src.write_text(
        json.dumps(builder.har([entry])).replace('"headersSize": -1', f'"headersSize": {BIG}', 1)
    )
    assert main(["check", str(src)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "longer than Python reads (4300 digits)" in err


def test_dumps_writes_big_numbers_and_refuses_other_objects() -> None:
    assert harfile.dumps([harfile.BigNumber("1" * 5000), 2]) == f"[{'1' * 5000}, 2]"
    with pytest.raises(TypeError):
        harfile.dumps(object())
    assert harfile.numbers().decode("[12, 1.5]") == [12, 1.5]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_during_import_leaves_nothing_in_out(tmp_path: Path, signum: int) -> None:
    """SIGTERM (or SIGHUP) while the redacted capture is being written: the process ends
    by that signal and `--out`, which it created, is gone with its temporary file."""
    src = tmp_path / "cookies.har"
    src.write_text(json.dumps(cookie_capture(1500)), encoding="utf-8")
    out = tmp_path / "out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tickspec.cli", "import", str(src), "--out", f"{out}/"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not (out.is_dir() and any(out.iterdir())):  # pass 2 has begun writing
        assert proc.poll() is None, "import ended before it was signalled"
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.02)
    os.kill(proc.pid, signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signum, err
    assert not out.exists()
    assert b"Traceback" not in err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_signal_whose_exception_a_finalizer_swallowed_still_stops_the_import(
    tmp_path: Path,
) -> None:
    """A signal handler runs between any two bytecodes; inside a finalizer its exception is
    unraisable and swallowed. The import still publishes nothing and ends by the signal."""
    src = tmp_path / "small.har"
    src.write_text(json.dumps(cookie_capture(3)), encoding="utf-8")
    out = tmp_path / "out"
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        from tickspec.contract import importer

        class Finalized:
            def __del__(self):
                os.kill(os.getpid(), signal.SIGTERM)
                for _ in range(10_000):  # the handler runs here, in the finalizer
                    pass

        real = importer._write
        def write(*args, **kwargs):
            Finalized()
            return real(*args, **kwargs)

        importer._write = write
        importer.import_capture(Path({str(src)!r}), Path({str(out)!r}))
        sys.exit(0)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert "Exception ignored" in done.stderr  # the handler's exception was swallowed
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert not out.exists()
