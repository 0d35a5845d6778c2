"""`tickspec probe`: exercise the live API with an account, record it, check it.

plan.py      the step table's shape, the ordered plan, `--plan` output
steps_*.py   the steps: one entry per operation (web reads, web writes, Open API)
sandbox.py   what the run created (the ledger), cleanup, `--cleanup` by prefix
pacing.py    the request rate and the stop after an auth failure
record.py    the exchange as HAR entries in memory, redacted like `tickspec import`
runner.py    runs the plan through the typed clients, always cleaning up
coverage.py  operations exercised vs the spec's, each skipped one with why
cli.py       the subcommand
loop.py      the scheduled job: probe, propose, generate, diff, pull request
"""
