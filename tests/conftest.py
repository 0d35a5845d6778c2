"""Hypothesis profiles, the fast lane's list of slow tests, and every local server
answer checked in the test that caused it.

Hypothesis: CI replays a fixed example sequence, a developer explores.
`CI=true` (set by the CI runner) selects `ci`: derandomized, so a red CI run is
the code's fault and reproduces exactly, never the luck of a draw. Locally the
`dev` profile draws new examples each run, which is how new failures are found.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

import pytest
from hypothesis import settings

from tickspec.server import testing

# This project's machines set PYTHONDONTWRITEBYTECODE. Without cached bytecode every run
# rewrites the asserts of every test module again and compiles every module it imports:
# 6 s of the fast lane's 13 s of collection. The cache lands in __pycache__/ (ignored).
sys.dont_write_bytecode = False

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


# The fast lane, `pytest -m "not slow"`, runs in under a minute on a 2-core machine;
# `.ci/run` runs everything. These take long for a reason that is not a bug: a
# subprocess per case (a venv, a wheel, ruff, mypy, the generator, a server), or
# hypothesis runs of hundreds of examples. Listed here, a module or one test (all its
# parameters) per entry, with the reason, rather than marked in each file; a module
# that marks itself (`pytestmark = pytest.mark.slow`) needs no entry. The list was
# drawn from `pytest --durations=0`: every test over about half a second.
GENERATOR = "runs the generator (datamodel-code-generator) on the whole spec"
SUBPROCESS = "runs tickspec in subprocesses"
HYPOTHESIS = "a hypothesis run of many examples"
SERVER = "drives a local server end to end"
SLOW: dict[str, str] = {
    "tests/test_quality.py": "ruff, mypy --strict and the generate --check gate",
    "tests/client/test_packaging.py": "builds the wheel and installs it into a venv",
    "tests/client/test_stateful.py": "a hypothesis state machine against a server",
    "tests/codegen/test_codegen.py": GENERATOR,
    "tests/codegen/test_readme_table.py::test_main_checks_then_writes": GENERATOR,
    "tests/codegen/test_drafts.py::test_the_model_of_a_draft_gains_the_new_field": GENERATOR,
    "tests/codegen/test_drafts.py::test_diff_sees_a_full_schema_change_in_the_draft_too": GENERATOR,
    "tests/codegen/test_drafts.py::test_propose_checks_against_the_expanded_drafts": GENERATOR,
    "tests/codegen/test_drafts.py::test_refs_are_retargeted_for_the_drafts_file": GENERATOR,
    "tests/codegen/test_drafts.py::test_every_draft_is_derived": GENERATOR,
    "tests/codegen/test_endpoints.py::"
    "test_an_operation_with_its_own_servers_carries_them_by_region": GENERATOR,
    "tests/codegen/test_endpoints.py::"
    "test_servers_that_do_not_pair_with_the_specs_are_a_one_line_error": GENERATOR,
    "tests/contract/test_properties.py": HYPOTHESIS,
    "tests/contract/test_hostile_properties.py": HYPOTHESIS,
    "tests/contract/test_redact_properties.py": HYPOTHESIS,
    "tests/contract/test_checker.py::test_fixtures_take_only_the_fast_path": "every fixture",
    "tests/contract/test_cli.py::test_real_entry_point_never_prints_a_traceback": SUBPROCESS,
    "tests/contract/test_cli.py::test_fixture_folder_exits_0_and_reports_every_entry_matched": (
        "every fixture"
    ),
    "tests/contract/test_harfile.py::test_streaming_reads_what_json_loads_reads": HYPOTHESIS,
    "tests/contract/test_hostile.py::test_lone_surrogates_through_the_real_entry_point": SUBPROCESS,
    "tests/contract/test_hostile.py::test_a_closed_pipe_is_not_a_traceback": SUBPROCESS,
    "tests/contract/test_import.py::"
    "test_every_committed_fixture_imports_unchanged_and_checks_the_same": "every fixture",
    "tests/contract/test_parallel.py::test_cuts_hold_exactly_when_every_piece_parses": HYPOTHESIS,
    "tests/contract/test_parallel.py::test_parallel_report_equals_serial": "worker processes",
    "tests/contract/test_redact.py::test_import_streams_the_capture": "a large capture",
    "tests/contract/test_routing.py::"
    "test_match_is_the_first_fitting_template_in_precedence_order": HYPOTHESIS,
    "tests/drift/test_loop.py": GENERATOR,
    "tests/drift/test_loop_operations.py": GENERATOR,
    "tests/drift/test_propose.py": "applies proposals to a copy of schemas/ and re-checks",
    "tests/drift/test_propose_operations.py": "applies proposals to a copy of schemas/",
    "tests/drift/test_check_extras.py::test_any_baseline_file_loads_or_is_one_clear_error": (
        HYPOTHESIS
    ),
    "tests/drift/test_check_extras.py::test_unusable_baseline_is_one_line_exit_2": SUBPROCESS,
    "tests/drift/test_check_extras.py::test_coverage_cli_and_min_coverage": "coverage of a spec",
    "tests/drift/test_check_extras.py::test_hostile_finding_text_renders_safely": HYPOTHESIS,
    "tests/drift/test_diff.py::test_git_ref_reads_the_committed_schemas": "git and PyYAML",
    "tests/drift/test_docs_diff.py::test_any_text_never_crashes": HYPOTHESIS,
    "tests/drift/test_infer.py::test_the_inferred_schema_accepts_every_observed_value": (
        HYPOTHESIS
    ),
    "tests/drift/test_patch.py::test_yaml_add_is_the_json_patch_and_only_inserts": HYPOTHESIS,
    "tests/drift/test_patch.py::test_add_is_the_json_patch_and_only_inserts": HYPOTHESIS,
    "tests/probe/test_loop.py": "git, the generator and the probe end to end",
    "tests/probe/test_probe.py": SERVER,
    "tests/server/test_cli.py": SUBPROCESS,
    "tests/server/test_hostile.py::"
    "test_no_json_posted_to_a_write_endpoint_leaves_the_server_failing": HYPOTHESIS,
    "tests/server/test_oauth_cli.py::"
    "test_serve_registers_the_app_and_prints_the_personal_token": SUBPROCESS,
    "tests/server/test_open_api.py::"
    "test_token_endpoint_answers_hostile_input_with_an_error_body": HYPOTHESIS,
    "tests/server/test_spec.py::test_operation_answers_a_body_the_spec_accepts": HYPOTHESIS,
    "tests/spec/test_properties.py::"
    "test_drawn_instances_survive_every_operation_and_the_model": HYPOTHESIS,
    "tests/test_bundle.py::test_yaml_output_and_a_schemas_folder": "PyYAML on the whole spec",
    "tests/test_bundle.py::test_it_is_a_valid_openapi_3_1_document": "openapi-spec-validator",
    "tests/test_cli.py::test_python_dash_m_tickspec_is_the_command": SUBPROCESS,
    "tests/spec/test_static.py::test_openapi_document_is_valid": "openapi-spec-validator",
    "tests/spec/test_properties.py": HYPOTHESIS,
    "tests/contract/test_parallel.py": "worker processes, and hypothesis runs of cuts",
    "tests/contract/test_evidence.py::test_hostile_evidence_is_escaped_in_every_format": (
        HYPOTHESIS
    ),
    "tests/codegen/test_drafts.py::test_nullable_is_the_property_or_null": HYPOTHESIS,
    "tests/drift/test_patch.py::test_spans_cover_every_value": HYPOTHESIS,
    "tests/drift/test_check_extras.py::test_coverage_per_operation_status_and_property": (
        "coverage of a spec"
    ),
    "tests/probe/test_safety.py": SERVER,
    "tests/client/test_managers.py": SERVER,
    "tests/client/test_open_managers_server.py": SERVER,
    "tests/client/test_request_control.py::test_a_per_call_timeout_applies_to_that_call_only": (
        "waits for a timeout"
    ),
    "tests/client/test_core_server.py::test_read_timeout_is_retried_for_reads_only": (
        "waits for timeouts"
    ),
    "tests/server/test_faults.py::test_delay": "waits for the delay",
    "tests/server/test_hostile.py::test_every_path_gets_a_json_answer": SERVER,
    "tests/server/test_open_api.py::test_open_api_times_become_web_timestamps": HYPOTHESIS,
    "tests/contract/test_import_scale.py::test_work_grows_linearly_with_the_secrets": (
        "imports captures of growing size to count the redaction's work"
    ),
    "tests/client/test_write_outcome.py::test_faulty_writes_report_honest_outcomes[0.2]": (
        "200 writes through 20% injected faults (the 5% run stays in the fast lane)"
    ),
    "tests/client/test_write_outcome.py::test_faulty_writes_report_honest_outcomes[0.5]": (
        "200 writes through 50% injected faults, with the retries' waits"
    ),
    "tests/test_docs_site.py": "builds the API reference site (mkdocs, mkdocstrings)",
    "tests/test_doctor_new_endpoint.py": (
        "copies the repository (a new read, a new write), runs the generator, doctor and "
        "pytest in subprocesses"
    ),
}


def _slow(nodeid: str) -> bool:
    module, _, test = nodeid.partition("::")
    name = f"{module}::{test.partition('[')[0]}"
    return module in SLOW or name in SLOW or nodeid in SLOW


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests named in SLOW `slow`."""
    for item in items:
        if _slow(item.nodeid):
            item.add_marker(pytest.mark.slow)
