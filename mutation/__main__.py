"""`uv run --frozen python -m mutation [MODULE ...]`: mutation score per module, and survivors.

Runs mutmut (see README, "Mutation testing") on each module of mutation/targets.py in turn,
never two at once: the machine it runs on is usually shared. Each module starts from a clean
`mutants/` so a result never comes from a cache of older code. Prints a Markdown table (the
one in the README) and then every surviving mutant, marked `equivalent` when
mutation/EQUIVALENT.md names it with a reason. Exits 1 when a survivor is not named there:
that is a test gap to close or a mutant to explain.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

from mutation.targets import TARGETS

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = Path(__file__).resolve().parent / "EQUIVALENT.md"
KILLED = {"killed", "timeout", "caught by type check", "segfault"}


def equivalent_names() -> set[str]:
    """Mutant names in the first column of EQUIVALENT.md's tables."""
    return set(re.findall(r"^\| `([^`]+)` \|", EQUIVALENT.read_text(), re.MULTILINE))


def run_module(module: str) -> dict[str, dict[str, object]]:
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    (ROOT / "mutants").mkdir()
    out = ROOT / "mutants" / "result.json"
    log = ROOT / "mutants" / "run.log"
    with log.open("w") as sink:
        done = subprocess.run(
            [sys.executable, "-m", "mutation._one", module, str(out)],
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if done.returncode != 0 or not out.exists():
        kept = ROOT / f"mutation-{Path(module).stem}.log"
        shutil.copy(log, kept)
        sys.exit(f"mutation: mutmut failed on {module} (exit {done.returncode}); log in {kept}")
    result: dict[str, dict[str, object]] = json.loads(out.read_text())
    return result


def main(argv: list[str]) -> int:
    modules = argv or list(TARGETS)
    unknown = [m for m in modules if m not in TARGETS]
    if unknown:
        print(f"mutation: not a target: {', '.join(unknown)}", file=sys.stderr)
        return 2
    missing = [t for m in modules for t in TARGETS[m] if not (ROOT / t).exists()]
    if missing:
        print(f"mutation: test file missing: {', '.join(missing)}", file=sys.stderr)
        return 2
    known = equivalent_names()
    rows = ["| module | mutants | killed | survived (equivalent) | no test | score | time |"]
    rows.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    survivors: list[str] = []
    for module in modules:
        start = time.monotonic()
        print(f"mutation: {module} ...", file=sys.stderr, flush=True)
        result = run_module(module)
        seconds = time.monotonic() - start
        killed = sum(1 for r in result.values() if r["status"] in KILLED)
        survived = [n for n, r in result.items() if r["status"] == "survived"]
        untested = sum(1 for r in result.values() if r["status"] == "no tests")
        equivalent = [n for n in survived if n in known]
        scored = len(result) - len(equivalent)
        score = f"{100 * killed / scored:.1f}%" if scored else "-"
        rows.append(
            f"| `{module}` | {len(result)} | {killed} | {len(survived)} ({len(equivalent)}) "
            f"| {untested} | {score} | {seconds:.0f} s |"
        )
        print(rows[-1], file=sys.stderr, flush=True)
        for name in sorted(survived):
            tag = "equivalent" if name in known else "SURVIVED"
            diff = result[name]["diff"]
            lines = diff if isinstance(diff, list) else []
            survivors.append(f"{tag:10} {name}\n" + "".join(f"    {x}\n" for x in lines))
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    print("\n".join(rows))
    print()
    print("".join(survivors) or "no surviving mutant")
    gaps = sum(1 for s in survivors if s.startswith("SURVIVED"))
    print(f"\n{gaps} survivor(s) neither killed nor named in mutation/EQUIVALENT.md")
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
