"""Tooling behind the TensorFlow vs PyTorch site.

The package is split by job: ``catalog`` finds and validates snippet pairs,
``runner`` executes them, ``normalise`` makes their output comparable,
``expand`` turns a one-line pair reference into Markdown, ``hook`` wires it
all into MkDocs, ``cli`` is the contributor's entry point, and
``renderers`` turn ``data/*.yml`` into generated page content.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""Repository root: every project path is resolved against it."""
