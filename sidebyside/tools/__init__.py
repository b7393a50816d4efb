"""Maintenance tools that measure or check the built site and the frameworks.

``audit`` (Lighthouse), ``pageweight``, ``linkcheck``, ``screenshots`` and
``measure`` read the built site; ``bench`` times both frameworks on this
machine; ``canary`` runs every pair on the newest releases; ``rosetta_eval``
executes the API dictionary's rows. Each is a ``python -m`` entry point
called from the Makefile.
"""
