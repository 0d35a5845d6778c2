"""The request drafts' expansion, re-exported for the generator (codegen/spec.py).

It lives in the runtime, `tickspec/spec_drafts.py`, because `tickspec propose` and
`tickspec diff` expand the drafts of a schemas folder too, and the wheel ships no
`codegen` package: the generator is a tool of the repository, not of the install.
"""

from tickspec.spec_drafts import DRAFT_OF, OVERRIDES, DraftError, _nullable, expand_drafts

__all__ = ["DRAFT_OF", "OVERRIDES", "DraftError", "_nullable", "expand_drafts"]
