"""Hypothesis profiles, and every local server answer checked in the test that caused it.

Hypothesis: CI replays a fixed example sequence, a developer explores.
`CI=true` (set by the CI runner) selects `ci`: derandomized, so a red CI run is
the code's fault and reproduces exactly, never the luck of a draw. Locally the
`dev` profile draws new examples each run, which is how new failures are found.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tickspec.server import testing

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


@pytest.fixture(autouse=True)
def _server_answers_conform() -> Iterator[None]:
    """Fails the test during which a local server answered something the spec rejects
    (or a handler crashed), even if the test never looked at that answer."""
    yield
    found = testing.take_violations()
    if found:
        pytest.fail("the local server broke the spec:\n" + "\n".join(found), pytrace=False)
