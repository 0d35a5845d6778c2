"""Where the generator reads and writes by default: the repository it lives in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SCHEMAS = ROOT / "schemas"
DEFAULT_OUT = ROOT / "generated"
PACKAGE = "tickspec_generated"
