"""The support matrix's release numbers are registry answers, not typed facts (``sidebyside.data.hardware``).

Every number in a row's cells is declared under the row's ``releases:``;
a declared package release must be one PyPI listed in the recorded answer
``data/facts/hardware-releases.json`` (``make facts``), and ``last: true``
must be the newest it listed. Each lie is planted in a scratch copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.data.facts import HARDWARE_RELEASES, load_release_lists
from sidebyside.data.hardware import HARDWARE, declared_packages, load_hardware
from sidebyside.errors import SiteError
from tests.planting import line_of, planted_copy


def planted(tmp_path: Path, old: str, new: str) -> Path:
    return planted_copy(HARDWARE, tmp_path, old, new)


def test_every_declared_package_is_in_the_recorded_registry_answer() -> None:
    rows = load_hardware()
    assert any(r.releases for r in rows)
    assert {key.split(":", 1)[1] for key in load_release_lists(HARDWARE_RELEASES).packages} == set(declared_packages())


def test_lie_a_release_number_in_the_intel_row_changed(tmp_path: Path) -> None:
    path = planted(tmp_path, "after its 2.8 release", "after its 2.9 release")
    with pytest.raises(SiteError) as caught:
        load_hardware(path)
    assert caught.value.message == (
        f"{path}:{line_of(path, '- id: intel-gpu')}: row 'intel-gpu': 2.9 in the PyTorch cell is not a release the row "
        "declares (declared: intel-extension-for-tensorflow 2.15.0.3, intel-extension-for-pytorch 2.8.0); "
        "write the number the declared release has, or declare the release under 'releases:' and check it with 'make facts'")


def test_lie_the_number_and_its_declared_release_changed_together(tmp_path: Path) -> None:
    path = planted(tmp_path, "after its 2.8 release", "after its 2.9 release")
    path.write_text(path.read_text(encoding="utf-8").replace('version: "2.8.0"', 'version: "2.9.0"'), encoding="utf-8")
    lists = load_release_lists(HARDWARE_RELEASES)
    with pytest.raises(SiteError) as caught:
        load_hardware(path)
    assert caught.value.message == (
        f"{path}:{line_of(path, 'package: intel-extension-for-pytorch')}: row 'intel-gpu': intel-extension-for-pytorch 2.9.0 "
        f"is not a release the registry listed (data/facts/hardware-releases.json, checked {lists.checked}); "
        "correct the version, or run 'make facts' if it is newer")


def test_lie_an_older_release_called_the_last(tmp_path: Path) -> None:
    path = planted(tmp_path, "after its 2.8 release", "after its 2.7 release")
    path.write_text(path.read_text(encoding="utf-8").replace('version: "2.8.0"', 'version: "2.7.0"'), encoding="utf-8")
    with pytest.raises(SiteError, match=r"row 'intel-gpu': intel-extension-for-pytorch 2\.7\.0 is declared the last release, "
                                        r"but the registry listed 2\.8\.0 on "):
        load_hardware(path)
