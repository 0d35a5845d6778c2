"""Child process of `python -m mutation`: mutmut on one module, its result as JSON.

mutmut reads one configuration per process (pyproject's [tool.mutmut]); running each module in
its own process lets the parent give every module its own tests and keeps mutmut's global
state from leaking from one module to the next.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

from mutmut import configuration
from mutmut.__main__ import _run
from mutmut.mutation.diff_apply import get_diff_for_mutant
from mutmut.stats import status_by_exit_code

from mutation.targets import TARGETS


def changed_lines(mutant: str, path: Path) -> list[str]:
    """The diff's changed lines only: enough to recognise a mutant in a list."""
    diff = get_diff_for_mutant(mutant, path=path).splitlines()
    return [line for line in diff[2:] if line[:1] in "+-" and line[1:].strip()]


def main(module: str, out: Path) -> None:
    configuration._config = dataclasses.replace(
        configuration._load_config(),
        only_mutate=[module],
        pytest_add_cli_args_test_selection=list(TARGETS[module]),
    )
    _run([], max_children=2)
    meta = Path("mutants") / f"{module}.meta"
    codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
    result = {
        name: {
            "status": status_by_exit_code[code],
            "diff": changed_lines(name, Path(module)) if code == 0 else [],
        }
        for name, code in codes.items()
    }
    out.write_text(json.dumps(result, indent=1, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
