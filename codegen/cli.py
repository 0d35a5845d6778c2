"""Command line of the generator, shared by `python -m codegen` and `tickspec generate`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from codegen.paths import DEFAULT_OUT, DEFAULT_SCHEMAS

EXIT_STALE = 1
EXIT_BAD_SPEC = 2
EXIT_MISSING_DEPENDENCY = 3


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--check",
        action="store_true",
        help="do not write; exit 1 naming the files when generated/ is stale",
    )
    parser.add_argument("--schemas", type=Path, default=DEFAULT_SCHEMAS, help="schema folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="generated/ folder")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        from codegen.generate import SpecError, check, render, write
    except ImportError:
        print(
            "tickspec generate: needs the 'codegen' extra: pip install 'tickspec[codegen]'",
            file=sys.stderr,
        )
        return EXIT_MISSING_DEPENDENCY
    from codegen import beside
    from codegen.spec import load_spec

    try:
        tree = render(args.schemas)
        # README table and example captures: beside generated/, from the same schemas
        outside = beside.render(load_spec(args.schemas))
    except SpecError as exc:
        print(f"tickspec generate: {exc}", file=sys.stderr)
        return EXIT_BAD_SPEC
    if args.check:
        stale = check(tree, args.out) + beside.check(outside)
        if stale:
            print(
                f"tickspec generate: generated/ is stale ({len(stale)} files): "
                + ", ".join(stale)
                + "; run `tickspec generate`",
                file=sys.stderr,
            )
            return EXIT_STALE
        print(f"generated/ is up to date ({len(tree) + len(outside.files)} files)")
        return 0
    changed = write(tree, args.out) + beside.write(outside)
    elapsed = time.perf_counter() - started
    count = len(tree) + len(outside.files)
    print(f"wrote {count} files ({len(changed)} changed) in {elapsed:.1f} s")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))
