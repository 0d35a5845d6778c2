"""The scheduled drift loop: probe the live API; on findings, a reviewed spec change.

    python -m tickspec.probe.loop [--dry-run] [--base BRANCH] [--host HOST]

run from the repository root, with the account in `TICKTICK_*` variables:

1. `tickspec probe --out probe.har` (JSON report beside it); no finding: done.
2. the findings as markdown (`tickspec check probe.har --format markdown`),
   while the spec still is the one that produced them;
3. a branch `drift/probe-<date>-<run>`, the capture (already redacted, in
   memory, by the probe) copied to `fixtures_har/`;
4. `tickspec propose probe.har --apply`, `tickspec generate`,
   `tickspec diff git:HEAD --format markdown` (the changelog);
5. a commit of schemas/, generated/ and the capture; then `git push` and
   `gh pr create` whose body is the changelog and the findings. `--dry-run`
   stops after the commit and prints the body instead.

Exit codes: 0 no drift or a pull request opened (or prepared with --dry-run),
2 the probe or a step could not run (its message is printed), the probe's own
code when it was interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from tickspec._tool_errors import ToolError

CAPTURE = "probe.har"
REPORT = "probe-report.json"
BODY = "probe-pr.md"


class LoopError(ToolError, RuntimeError):
    """A step failed; the message names it."""


def tickspec(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a tickspec command in the current directory (this interpreter's install)."""
    done = subprocess.run(
        [sys.executable, "-m", "tickspec.cli", *args], capture_output=True, text=True
    )
    if check and done.returncode not in (0, 1):
        raise LoopError(f"tickspec {args[0]} failed ({done.returncode}): {done.stderr.strip()}")
    return done


def git(*args: str) -> str:
    """Run git in the current directory; its output."""
    done = subprocess.run(["git", *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise LoopError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


def body(changelog: str, findings: str, manual: str, capture: str) -> str:
    """The pull request's text: what changes for client users, then what was seen."""
    parts = [
        "Drift seen by `tickspec probe` on the live API.",
        "",
        "## Changelog",
        "",
        changelog.strip() or "(no schema change)",
        "",
        "## Findings",
        "",
        findings.strip(),
        "",
        f'The redacted capture is `{capture}`. Replace each "(inferred from captures)" '
        "description with what the field means before merging.",
    ]
    if manual.strip():
        parts += ["", "## To edit by hand", "", "```", manual.strip(), "```"]
    return "\n".join(parts) + "\n"


def run(args: argparse.Namespace) -> int:
    """The loop; see the module docstring."""
    hosts = [f"--host={h}" for h in args.host]
    base_url = args.base_url or os.environ.get("TICKTICK_BASE_URL")
    if base_url and urlsplit(base_url).hostname:
        hosts.append(f"--host={urlsplit(base_url).hostname}")
    probed = tickspec("probe", "--out", CAPTURE, "--format", "json", "-o", REPORT,
                      *(["--base-url", base_url] if base_url else []), check=False)  # fmt: skip
    print(probed.stderr, end="", file=sys.stderr)
    if probed.returncode not in (0, 1):
        print(f"tickspec probe failed ({probed.returncode}); nothing to propose", file=sys.stderr)
        return probed.returncode
    report = json.loads(Path(REPORT).read_text(encoding="utf-8"))
    if not report.get("findings"):
        print("no drift: the live API matches the spec")
        return 0
    findings = tickspec("check", CAPTURE, "--format", "markdown", *hosts).stdout
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    branch = f"drift/probe-{stamp}-{datetime.now(UTC).strftime('%H%M%S')}"
    git("checkout", "-b", branch)
    fixture = Path("fixtures_har") / f"probe-{stamp}.har"
    fixture.parent.mkdir(exist_ok=True)
    shutil.copyfile(CAPTURE, fixture)
    proposal = tickspec("propose", CAPTURE, "--apply", "--schemas", "schemas", *hosts).stdout
    manual = proposal.split("to edit by hand", 1)[1] if "to edit by hand" in proposal else ""
    tickspec("generate", "--schemas", "schemas", "--out", "generated")
    changelog = tickspec("diff", "git:HEAD", "--format", "markdown").stdout
    text = body(changelog, findings, manual, str(fixture))
    Path(BODY).write_text(text, encoding="utf-8")
    git("add", "schemas", "generated", str(fixture))
    git("commit", "-q", "-m", f"Spec: drift seen by tickspec probe on {stamp}")
    if args.dry_run:
        print(text)
        print(f"dry run: branch {branch} committed; not pushed, no pull request", file=sys.stderr)
        return 0
    git("push", "-q", "-u", "origin", branch)
    title = f"API drift seen by tickspec probe on {stamp}"
    command = ["gh", "pr", "create", "--title", title, "--body-file", BODY,
               "--base", args.base, "--head", branch]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        raise LoopError(f"gh pr create failed: {done.stderr.strip()}")
    print(done.stdout.strip())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tickspec.probe.loop`."""
    parser = argparse.ArgumentParser(prog="python -m tickspec.probe.loop", description=__doc__)
    parser.add_argument("--dry-run", action="store_true", help="commit, but no push and no PR")
    parser.add_argument("--base", default="main", help="branch the pull request goes into")
    parser.add_argument("--base-url", default=None, help="as for tickspec probe")
    parser.add_argument("--host", action="append", default=[], help="also check this host")
    args = parser.parse_args(argv)
    try:
        return run(args)
    except LoopError as exc:
        print(f"tickspec probe loop: {exc}", file=sys.stderr)
        return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
