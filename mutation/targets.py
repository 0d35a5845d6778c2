"""Which modules are mutated, and which tests may kill their mutants.

The modules are the ones where a silent bug costs users most: the drift checker's verdicts,
the redaction of secrets, retries, the request core's retry and outcome flow, error mapping,
the local state, the wire round trip and the workflows that compute dates. Each gets the
fast tests that exercise it; the long hypothesis runs (tests/client/test_stateful.py,
tests/contract/test_properties.py) are left out, because mutmut reruns every covering test
for each surviving mutant.
"""

from __future__ import annotations

CONTRACT = (
    "tests/contract/test_checker.py",
    "tests/contract/test_cli.py",
    "tests/contract/test_import.py",
    "tests/contract/test_plugin.py",
    "tests/contract/test_perf.py",
    "tests/contract/test_classify_units.py",
    "tests/contract/test_classify_const.py",
    "tests/contract/test_walker_units.py",
)
REDACT = (
    "tests/contract/test_redact.py",
    "tests/contract/test_import.py",
    "tests/contract/test_redact_units.py",
)
"""Redaction's fast tests; its hypothesis properties (test_redact_properties.py) are left out."""
CLIENT_CORE = (
    "tests/client/test_core.py",
    "tests/client/test_core_retry.py",
    "tests/client/test_core_async.py",
    "tests/client/test_core_server.py",
    "tests/client/test_error_mapping.py",
    "tests/client/test_state_units.py",
    "tests/client/test_request_flow.py",
    "tests/client/test_request_control.py",
    "tests/client/test_core_units.py",
)
"""The request core's fast tests; test_write_outcome.py (9 s of live-server runs) is left out,
its outcome rules are pinned one by one in test_core_units.py and test_error_mapping.py."""

TARGETS: dict[str, tuple[str, ...]] = {
    "tickspec/contract/classify.py": CONTRACT,
    "tickspec/contract/redact.py": REDACT,
    "tickspec/contract/redact_rules.py": REDACT,
    "tickspec/contract/redact_values.py": REDACT,
    "tickspec/contract/redact_vault.py": REDACT,
    "tickspec/contract/walker.py": CONTRACT,
    "tickspec/_retry.py": CLIENT_CORE,
    "tickspec/errors.py": CLIENT_CORE,
    "tickspec/_client_errors.py": CLIENT_CORE,
    "tickspec/_base_client.py": CLIENT_CORE,
    "tickspec/state.py": (
        "tests/client/test_state.py",
        "tests/client/test_state_units.py",
        "tests/client/test_state_checkins.py",
        "tests/client/test_core.py",
        "tests/client/test_workflows.py",
    ),
    "tickspec/wire.py": (
        "tests/client/test_wire_units.py",
        "tests/client/test_state.py",
        "tests/client/test_core.py",
        "tests/spec/test_seed_bodies.py",
        "tests/codegen/test_endpoints.py",
    ),
    "tickspec/workflows/recurrence.py": (
        "tests/client/test_workflows.py",
        "tests/client/test_recurrence_count.py",
        "tests/client/test_recurrence_rules.py",
    ),
    "tickspec/workflows/habits.py": (
        "tests/client/test_habit_checkin.py",
        "tests/client/test_workflows.py",
        "tests/client/test_managers.py",
    ),
}
