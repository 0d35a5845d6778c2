"""`uv run python -m benchmarks`: print the benchmark table (see benchmarks/run.py)."""

import sys

from benchmarks.run import main

sys.exit(main())
