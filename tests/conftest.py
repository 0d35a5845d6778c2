"""Hypothesis profiles: CI replays a fixed example sequence, a developer explores.

`CI=true` (set by the CI runner) selects `ci`: derandomized, so a red CI run is
the code's fault and reproduces exactly, never the luck of a draw. Locally the
`dev` profile draws new examples each run, which is how new failures are found.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
