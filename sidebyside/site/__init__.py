"""The MkDocs side: hooks, renderers and the builds readers open.

``hook`` expands ``@pair`` and ``@render`` lines before Markdown runs,
``renderers`` turn loaded data into page content, ``flowchart`` draws the
decision graph, ``notebook_pages`` and ``pagemeta`` tidy generated pages,
``offline`` makes the ``file://`` build, and ``sitebuild``/``serve`` build and
serve the site for the tools and the tests.
"""
