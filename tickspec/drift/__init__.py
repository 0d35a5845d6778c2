"""From drift to a regenerated client: `propose`, `diff` and `docs-diff`.

`tickspec check` finds drift (with its baseline and coverage, which live in
contract/ so that `check` stands alone); this package turns it into schema edits
(propose.py, written by patch.py without reformatting the files) and says what an
edit changes for the generated client's users (diff.py). It imports contract/;
contract/ never imports it.
"""
