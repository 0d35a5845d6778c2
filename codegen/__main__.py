"""`python -m codegen`: the same as `tickspec generate`."""

import sys

from codegen.cli import main

sys.exit(main())
