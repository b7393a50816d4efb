"""Entry point for ``python -m sidebyside``."""

from sidebyside.cli import main
from sidebyside.errors import tool_main

tool_main(main)
