"""`python -m tickspec`: the same as the `tickspec` command."""

import sys

from tickspec.cli import main

sys.exit(main())
