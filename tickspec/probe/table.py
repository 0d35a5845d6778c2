"""The whole step table, in run order: reads, the web sandbox, the Open API sandbox."""

from __future__ import annotations

from tickspec.probe.plan import Step
from tickspec.probe.steps_kinds import END_STEPS, TAG_STEPS
from tickspec.probe.steps_open import OPEN_END, OPEN_TASK_STEPS
from tickspec.probe.steps_open_kinds import OPEN_KIND_STEPS, OPEN_READS
from tickspec.probe.steps_read import READS
from tickspec.probe.steps_write import PROJECT_STEPS, TASK_STEPS

STEPS: tuple[Step, ...] = (
    *READS,
    *PROJECT_STEPS,
    *TASK_STEPS,
    *TAG_STEPS,
    *END_STEPS,
    *OPEN_READS,
    *OPEN_TASK_STEPS,
    *OPEN_KIND_STEPS,
    *OPEN_END,
)
