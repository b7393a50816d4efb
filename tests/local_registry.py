"""A package registry on 127.0.0.1 serving recorded JSON answers, so no test reaches the network.

Tests edit the served documents through the dict they pass in (a planted
newer release, a changed file size); the tools under test are pointed at
the yielded base URL instead of PyPI or npm.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

from sidebyside.site.serve import loopback


@contextmanager
def serve_json(served: dict[str, dict]) -> Iterator[str]:
    """Serve ``served[path]`` as JSON (404 for any other path) until the block ends; yield the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = served.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(json.dumps(body or {"message": "not found"}).encode())

        def log_message(self, *args: object) -> None:
            pass

    with loopback(Handler) as origin:
        yield origin
