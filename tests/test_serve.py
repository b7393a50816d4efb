"""The loopback server: a client hanging up is not an error; a handler that breaks still is."""

from __future__ import annotations

import urllib.request
from http.server import BaseHTTPRequestHandler

import pytest

from sidebyside.site.serve import loopback


def handler_raising(error: Exception) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            raise error

    return Handler


@pytest.mark.parametrize(("error", "reported"), [(BrokenPipeError(32, "Broken pipe"), False), (ValueError("bug"), True)])
def test_only_a_broken_handler_prints_a_traceback(capfd: pytest.CaptureFixture[str], error: Exception, reported: bool) -> None:
    with loopback(handler_raising(error)) as origin:
        with pytest.raises(OSError):  # the handler answered nothing either way
            urllib.request.urlopen(origin + "/", timeout=30)
    assert ("Traceback" in capfd.readouterr().err) is reported
