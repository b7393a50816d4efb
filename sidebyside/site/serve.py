"""Serve a built site on 127.0.0.1 the way GitHub Pages does, for audits and tests.

Why not plain ``python -m http.server``: GitHub Pages serves the site under
a path prefix (``/tf-vs-pytorch/``, taken from ``site_url``), gzips text and
answers unknown paths with the site's 404.html. Lighthouse and the
page-weight budget judge what readers get, so the local server does the
same. Loopback only; stops when the ``with`` block ends.
"""

from __future__ import annotations

import gzip
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler

from sidebyside.site.sitebuild import site_prefix

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


class _Handler(SimpleHTTPRequestHandler):
    """Static files under ``prefix`` with gzip and a custom 404 page."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: test output should show failures, not access logs."""

    def translate_path(self, path: str) -> str:
        """Map ``/prefix/x`` to ``site/x``; anything outside the prefix is not found."""
        plain = path.split("?", 1)[0].split("#", 1)[0]
        if not plain.startswith(self.prefix):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + plain[len(self.prefix):])

    def send_head(self):  # type: ignore[no-untyped-def] - stdlib signature
        """Like the parent, but gzip text when the client accepts it, and serve 404.html."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the parent redirects to the slash URL
            path = path / "index.html"
        status = HTTPStatus.OK
        if not path.is_file():
            path, status = Path(self.directory) / "404.html", HTTPStatus.NOT_FOUND
            if not path.is_file():
                self.send_error(HTTPStatus.NOT_FOUND)
                return None
        data = path.read_bytes()
        encoding = None
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            data, encoding = gzip.compress(data, compresslevel=6, mtime=0), "gzip"
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        if encoding:
            self.send_header("Content-Encoding", encoding)
            self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return _Body(data)


class _Body:
    """File-like wrapper the parent's do_GET copies from."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        self.data = b""


class _Server(ThreadingHTTPServer):
    """A threading server that lets a client hang up mid-answer without printing a traceback.

    A browser closing its tab (a test's page, a Lighthouse run) drops a
    transfer still under way; a static host shrugs that off, so does this
    one. Any other error in a handler is still reported.
    """

    def handle_error(self, request, client_address) -> None:  # type: ignore[no-untyped-def] - stdlib signature
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def loopback(handler: Callable[..., BaseRequestHandler]) -> Iterator[str]:
    """Run ``handler`` on a free 127.0.0.1 port in a background thread; yield ``http://127.0.0.1:PORT``.

    The server is shut down, closed and its thread joined when the block ends, so a test leaves no port behind.
    """
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(site: Path, prefix: str | None = None) -> Iterator[str]:
    """Serve ``site`` on a free loopback port; yield the site's base URL."""
    handler = type("Handler", (_Handler,), {"prefix": prefix or site_prefix()})
    with loopback(partial(handler, directory=str(site))) as origin:
        yield origin + handler.prefix
