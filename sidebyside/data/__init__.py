"""Data files: one loader per ``data/*.yml`` file, each the single source of a page.

Every loader reads YAML through ``yamlsrc`` so that each node knows its file
and line, validates it, and returns plain objects. A bad value stops with one
``SiteError`` naming ``file:line``, what is wrong and how to fix it. The data
layer is what pages summarise; it has no knowledge of how pages are drawn.
"""
