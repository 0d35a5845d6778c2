"""`tickspec check` and `tickspec import` (owned by the contract suite).

Exit codes are the interface CI relies on: 0 no failing finding, 1 drift that
fails the run (breaking, plus lenient/additive when `--fail-on` names them), 2
unusable input (the message is one line on stderr naming the file and the place,
never a traceback, and no report file is left behind: `-o` is written to a
temporary file and renamed).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from tickspec import _tool_errors as tool_errors
from tickspec.contract import har, outputs
from tickspec.contract.check_extras import add_arguments as extras_arguments
from tickspec.contract.findings import FAIL_ON_ALL, Report, Severity, parse_fail_on
from tickspec.contract.safe_text import escape

EXIT_OK = tool_errors.EXIT_OK
EXIT_DRIFT = tool_errors.EXIT_FOUND
EXIT_UNUSABLE = tool_errors.EXIT_UNUSABLE


def _fail(command: str, message: str) -> int:
    print(f"tickspec {command}: {escape(message)}", file=sys.stderr)
    return EXIT_UNUSABLE


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` whole or not at all: a temporary file beside it, renamed over it."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_stdout(text: str) -> None:
    """UTF-8 bytes whatever the locale says (reports are escaped to be valid UTF-8)."""
    buffer = getattr(sys.stdout, "buffer", None)
    try:
        if buffer is None:
            sys.stdout.write(text)
            return
        sys.stdout.flush()
        buffer.write(text.encode("utf-8"))
        buffer.flush()
    except BrokenPipeError:  # `tickspec check ... | head`: the reader left, not an error
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so that the flush at exit cannot fail


def _base(report: Report, fmt: str, fail_on: frozenset[Severity]) -> str:
    from tickspec.contract.report import render

    return render(report, fmt, fail_on)


def run_check(args: argparse.Namespace) -> int:
    """The `check` subcommand: check, filter through the baseline, write every report."""
    from tickspec.contract import check_extras
    from tickspec.contract.checker import Checker
    from tickspec.contract.report import summary

    try:
        fail_on = parse_fail_on(args.fail_on)
        targets = outputs.parse(args.format, args.output)
        check_extras.check_minimum(getattr(args, "min_coverage", None))
    except ValueError as exc:
        return _fail("check", str(exc))
    if args.jobs < 1:
        return _fail("check", f"-j/--jobs: {args.jobs} is not a number of processes (>= 1)")
    try:
        checker = Checker(hosts=[*har.API_HOSTS, *args.host])
    except (ImportError, FileNotFoundError, ValueError, KeyError) as exc:
        return _fail("check", f"cannot load the compiled spec ({exc}); run `tickspec generate`")
    # an unusable capture or baseline raises a ToolError: tickspec.cli.main reports it
    report = checker.check_paths(args.paths, jobs=args.jobs)
    drift = check_extras.run(args, report, checker.spec, fail_on)
    written = []
    for target in targets:
        text = check_extras.render(
            drift, target.format, partial(_base, fmt=target.format, fail_on=fail_on)
        )
        if target.file is None:
            write_stdout(text)
            continue
        try:
            write_atomic(Path(target.file), text.encode("utf-8"))
        except OSError as exc:
            return _fail("check", f"{target.file}: cannot write ({exc.strerror or exc})")
        written.append(target.file)
    if written and all(t.file is not None for t in targets):
        verdict = "; fails: " + "; ".join(drift.reasons()) if drift.fails() else ""
        message = f"tickspec check: {summary(drift.report)}{verdict}; "
        message += f"report{'s' if len(written) > 1 else ''} written to {', '.join(written)}"
        write_stdout(escape(message) + "\n")
    return EXIT_DRIFT if drift.fails() else EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    from tickspec.contract.importer import import_capture

    result = import_capture(
        Path(args.capture), Path(args.out), force=args.force, hosts=[*har.API_HOSTS, *args.host]
    )
    print(
        f"wrote {result.path}: kept {result.kept} API entries, dropped {result.dropped}, "
        f"redacted {result.replaced} values; review it, then `tickspec check {result.path}`"
    )
    return EXIT_OK


def configure(sub: Any) -> None:
    """Add the `check` and `import` subcommands to the `tickspec` parser."""
    check = sub.add_parser(
        "check",
        help="check HAR captures against the spec (API drift)",
        description="Validate every TickTick API exchange in HAR captures against the spec. "
        "Exit 0: no failing finding; 1: drift that fails the run (or coverage below "
        "--min-coverage); 2: unusable input or arguments; 3: the 'check' extra is not "
        "installed (pip install 'tickspec[check]').",
    )
    check.add_argument("paths", nargs="+", metavar="PATH", help=".har files or folders of them")
    check.add_argument(
        "--format",
        action="append",
        metavar="FMT[:FILE]",
        help=f"report format ({', '.join(outputs.FORMATS)}; default text), to stdout or, "
        "after a colon, to FILE; repeat it for several reports from one run, e.g. "
        "--format github --format junit:report.xml --format markdown:summary.md",
    )
    check.add_argument(
        "--fail-on",
        default=Severity.BREAKING.value,
        metavar="SEVERITIES",
        help="severities that fail the run besides breaking: "
        f"{', '.join(s.value for s in Severity)}, a comma list, or {FAIL_ON_ALL} "
        "(default: breaking)",
    )
    check.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="check the entries in N processes (big captures; same report as -j 1)",
    )
    check.add_argument(
        "-o", "--output", metavar="FILE", help="write the --format without a FILE to FILE"
    )
    check.add_argument(
        "--host",
        action="append",
        default=[],
        metavar="HOST",
        help="also check this API host (api.ticktick.com and api.dida365.com always are)",
    )
    extras_arguments(check)
    check.set_defaults(handler=run_check)

    imp = sub.add_parser(
        "import",
        help="add a browser HAR as a redacted fixture",
        description="Keep the TickTick API entries of a browser HAR export, redact secrets and "
        "personal data with stable same-shape placeholders, and write it as a fixture.",
    )
    imp.add_argument("capture", metavar="CAPTURE.har")
    imp.add_argument("--out", default="fixtures_har/", help="folder or .har file to write")
    imp.add_argument("--force", action="store_true", help="overwrite an existing capture")
    imp.add_argument(
        "--host", action="append", default=[], metavar="HOST", help="also keep entries of this host"
    )
    imp.set_defaults(handler=run_import)
