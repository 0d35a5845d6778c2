"""Where the tests find the repository's files, whatever folder a test lives in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures_har"
SCHEMAS = ROOT / "schemas"
SEED_BODIES = Path(__file__).resolve().parent / "spec" / "seed_bodies"
