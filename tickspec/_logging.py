"""The `tickspec` logger: one debug line per HTTP attempt, and `TICKSPEC_LOG`.

    TICKSPEC_LOG=debug python my_script.py
    # tickspec: POST /api/v2/batch/task -> 200 (attempt 1, batchTask)

A line names the method, the path, the status (or the transport error) and the
attempt; never a header, query, body or cookie, so a token or password cannot
reach a log. The logger is silent unless the application configures logging
(`logging.getLogger("tickspec")`) or `TICKSPEC_LOG` names a level, in which
case the client adds one stderr handler at that level when it is made.
"""

from __future__ import annotations

import logging
import os
import sys

from tickspec_generated.endpoints._base import ApiRequest

__all__ = ["LOG_ENV", "configure_from_env", "log_exchange", "logger"]

logger = logging.getLogger("tickspec")
LOG_ENV = "TICKSPEC_LOG"
_HANDLER_NAME = "tickspec-env"


def log_exchange(request: ApiRequest, outcome: int | str, attempt: int) -> None:
    """Log one attempt of `request` at debug: its status code or its transport error."""
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s -> %s (attempt %d, %s)",
            request.method,
            request.path,
            outcome,
            attempt + 1,
            request.operation_id,
        )


def configure_from_env() -> None:
    """Honour `TICKSPEC_LOG=debug|info|warning|error`: a stderr handler at that level.

    Done once per process; an unknown level is ignored (logging stays as the
    application set it up).
    """
    value = os.environ.get(LOG_ENV, "").strip().upper()
    level = logging.getLevelName(value) if value else None
    if not isinstance(level, int):
        return
    logger.setLevel(level)
    if not any(h.get_name() == _HANDLER_NAME for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.set_name(_HANDLER_NAME)
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
        logger.addHandler(handler)
