"""The venv installer reads the machine's pip configuration and hands the same choices to uv."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sidebyside.tools.install import pip_settings, uv_arguments

LISTING = """:env:.cert='/etc/ssl/certs/ca-certificates.crt'
:env:.disable-pip-version-check='1'
:env:.find-links='/opt/wheels'
global.constraint='/etc/xdg/pip/constraints.txt'
global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'
global.find-links='/srv/old'
install.pre='true'
user.index-url='https://user.example/simple'
"""


def test_settings_come_from_the_install_scopes_and_the_last_line_wins() -> None:
    settings = pip_settings(LISTING)
    assert settings["find-links"] == "/srv/old"  # global after :env: in the listing
    assert "index-url" not in settings  # a user-scope setting pip shows but is not an install section here
    assert settings["pre"] == "true"


def test_every_source_pip_would_use_reaches_uv() -> None:
    flags, environment = uv_arguments(pip_settings(LISTING))
    pairs = list(zip(flags[::2], flags[1::2], strict=False))
    assert ("--extra-index-url", "file:///opt/a/simple") in pairs and ("--extra-index-url", "file:///opt/b/simple") in pairs
    assert ("--find-links", "/srv/old") in pairs and ("--constraint", "/etc/xdg/pip/constraints.txt") in pairs
    assert ("--index-strategy", "unsafe-best-match") in pairs  # pip's rule: best version across indexes
    assert "--prerelease=allow" in flags
    assert environment == {"SSL_CERT_FILE": "/etc/ssl/certs/ca-certificates.crt"}


@pytest.mark.parametrize("line", ["global.no-binary=':all:'", "install.use-pep517='false'", "global.proxy='http://p:3128'"])
def test_a_setting_uv_would_read_otherwise_is_named(line: str) -> None:
    with pytest.raises(ValueError, match=line.split("=")[0].split(".")[-1]):
        uv_arguments(pip_settings(line))


def test_this_machines_configuration_translates() -> None:
    """Else every venv here is installed by pip, four times slower, and only a log line says so."""
    listing = subprocess.run([sys.executable, "-m", "pip", "config", "list"], check=True, capture_output=True, text=True).stdout
    uv_arguments(pip_settings(listing))
