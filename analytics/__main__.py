"""`python -m analytics …`: the command line (see analytics/cli.py)."""

import sys

from analytics.cli import main

sys.exit(main())
