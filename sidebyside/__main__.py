"""Entry point for ``python -m sidebyside``."""

import sys

from sidebyside.cli import main

sys.exit(main())
