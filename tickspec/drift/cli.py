"""`tickspec propose`, `diff` and `docs-diff`: from drift findings to schema edits and a changelog.

Exit codes follow `tickspec check`: 0 nothing to do (no breaking change), 1
edits proposed / something breaking, 2 unusable input (one line on stderr),
3 PyYAML missing (the schemas' OpenAPI document is YAML; `tickspec[codegen]`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tickspec import _tool_errors as tool_errors

EXIT_OK = tool_errors.EXIT_OK
EXIT_FOUND = tool_errors.EXIT_FOUND
EXIT_UNUSABLE = tool_errors.EXIT_UNUSABLE
DEFAULT_SCHEMAS = Path("schemas")


def _fail(command: str, message: str) -> int:
    print(f"tickspec {command}: {message}", file=sys.stderr)
    return EXIT_UNUSABLE


def _need_yaml() -> None:
    """MissingDependencyError (exit 3) unless PyYAML is there to read openapi.yaml."""
    try:
        import yaml  # noqa: F401
    except ImportError:
        raise tool_errors.MissingDependencyError(
            "needs PyYAML: pip install 'tickspec[codegen]'"
        ) from None


def run_propose(args: argparse.Namespace) -> int:
    from tickspec.contract import har
    from tickspec.drift import propose, render
    from tickspec.drift.source import load_folder

    # unusable input raises a ToolError (SourceError, HarError): tickspec.cli.main reports it
    _need_yaml()
    source = load_folder(Path(args.schemas))
    proposal = propose.propose(source, args.paths, [*har.API_HOSTS, *args.host])
    text = (
        render.proposal_json(proposal) if args.format == "json" else render.proposal_text(proposal)
    )
    if args.apply:
        try:
            written = propose.apply(source, proposal, Path(args.schemas))
        except (OSError, ValueError) as exc:
            return _fail("propose", f"cannot apply ({exc}); no file was changed")
        text += f"applied: {len(written)} file(s) written; now run `tickspec generate`\n"
    if args.out is not None:
        try:
            Path(args.out).write_text(text, encoding="utf-8")
        except OSError as exc:
            return _fail("propose", f"{args.out}: cannot write ({exc.strerror or exc})")
    else:
        sys.stdout.write(text)
    return EXIT_FOUND if proposal.edits and not args.apply else EXIT_OK


def run_diff(args: argparse.Namespace) -> int:
    from tickspec.drift import diff, render
    from tickspec.drift.source import load

    _need_yaml()
    try:
        changes = diff.diff(load(args.base), load(args.head))
    except (KeyError, TypeError, AttributeError, IndexError, ValueError) as exc:
        # ValueError: a `$ref` pointer that indexes a list with a name
        return _fail("diff", f"the schemas do not have the expected shape ({exc!r})")
    if args.format == "json":
        sys.stdout.write(json.dumps({"changes": [c.to_json() for c in changes]}, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(render.changes_markdown(changes, args.base, args.head))
    else:
        sys.stdout.write(render.changes_text(changes))
    return EXIT_FOUND if any(c.severity == "breaking" for c in changes) else EXIT_OK


def run_docs_diff(args: argparse.Namespace) -> int:
    from tickspec.drift.docs_report import run
    from tickspec.spec import Spec, load

    if args.schemas is None:
        spec = load()
    else:
        _need_yaml()
        from tickspec.drift.source import load_folder

        spec = Spec(load_folder(Path(args.schemas)).bundle())
    code, report = run(Path(args.doc), spec, args.format)
    sys.stdout.write(report)
    return code


def configure(sub: Any) -> None:
    """Add `propose`, `diff` and `docs-diff` to the `tickspec` parser."""
    prop = sub.add_parser(
        "propose",
        help="propose the schema edits that make captures check clean",
        description="Check HAR captures and turn each finding into an edit of the schema file "
        "that defines it (new field typed from the observed values, new enum member, "
        "nullability, new operation or method, new query parameter). Exit 0: nothing to change "
        "or applied; 1: edits proposed; 2: unusable input.",
    )
    prop.add_argument("paths", nargs="+", metavar="PATH", help=".har files or folders of them")
    prop.add_argument("--apply", action="store_true", help="write the edits into the schemas")
    prop.add_argument("--out", metavar="FILE", help="write the proposal to FILE")
    prop.add_argument("--format", choices=("text", "json"), default="text")
    prop.add_argument("--schemas", default=str(DEFAULT_SCHEMAS), help="schemas folder to edit")
    prop.add_argument("--host", action="append", default=[], metavar="HOST")
    prop.set_defaults(handler=run_propose)

    dif = sub.add_parser(
        "diff",
        help="changes between two specs, classified for users of the generated client",
        description="Compare two schema folders (or git:REF for a commit's schemas/). Each "
        "change lists every operation it affects and what it changes in Python: the model "
        "attribute, the generated stubs and the client methods that send those operations. "
        "Exit 0: no breaking change; 1: a breaking change; 2: unusable input.",
    )
    dif.add_argument("base", metavar="BASE", help="schemas folder or git:REF")
    dif.add_argument("head", metavar="HEAD", nargs="?", default=str(DEFAULT_SCHEMAS))
    dif.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    dif.set_defaults(handler=run_diff)

    docs = sub.add_parser(
        "docs-diff",
        help="what the Open API documentation (markdown) has that the spec lacks",
        description="Read the Open API doc in its published markdown form and list the "
        "endpoints, parameters, body and response fields and statuses the spec lacks or "
        "contradicts. Exit 0: the spec lacks nothing; 1: it lacks something; 2: unusable input.",
    )
    docs.add_argument("doc", metavar="DOC.md", help="the documentation, as markdown")
    docs.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    docs.add_argument(
        "--schemas", metavar="DIR", help="a schemas folder (default: the bundled spec)"
    )
    docs.set_defaults(handler=run_docs_diff)
