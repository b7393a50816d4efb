"""Snippet pairs: the reader's promise that every script runs.

``catalog`` finds and validates ``snippets/<topic>/<pair>.<framework>.py``,
``runner`` executes one half in a fresh process, ``normalise`` makes its
output comparable across runs, ``verified`` compares a run with its
recording, ``expand`` turns an ``@pair`` line into Markdown tabs, and
``notebooks`` executes the tutorial notebooks. Nothing here imports MkDocs.
"""
