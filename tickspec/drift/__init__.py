"""From drift to a regenerated client: `propose`, `diff`, coverage and a baseline.

`tickspec check` finds drift; this package turns it into schema edits
(propose.py, written by patch.py without reformatting the files), says what an
edit changes for the generated client's users (diff.py), shows what the captures
never exercised (coverage.py) and keeps accepted drift out of CI (baseline.py).
"""
