"""Tooling behind the TensorFlow vs PyTorch site.

Data flows one way through four subpackages: ``pairs`` (find, run, record and
expand snippet pairs), ``data`` (load and validate ``data/*.yml``), ``site``
(MkDocs hooks and renderers that turn pairs and data into pages) and
``tools`` (audits, benchmarks, canary and measurements of the result).
``cli`` is the contributor's entry point and ``errors`` holds the one error
type every layer raises.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""Repository root: every project path is resolved against it."""
