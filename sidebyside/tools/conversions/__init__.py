"""The conversion matrix: every conversion path tried on every model family, each cell executed.

``families`` builds the models from code, ``paths/`` holds one module per
conversion path, ``cell`` runs one (path, family) pair in its own process,
``run`` drives the matrix and writes ``data/conversions/matrix.json``,
``schema`` loads and checks that record (no framework import: the site build
reads it), and ``port_weights`` is the weight-copy helper readers can copy.
"""
