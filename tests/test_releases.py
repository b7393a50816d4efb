"""data/releases/*.yml: the release ledger's loader.

Every real file loads; each kind of bad entry fails with one file:line
message that says what is wrong and how to fix it (asserted in full).
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from sidebyside.data import loaders
from sidebyside.data.releases import RELEASES_DIR, load_ledger, load_package
from sidebyside.errors import SiteError
from tests.planting import KERAS_LEDGER_HEAD

TODAY = datetime.date(2026, 12, 6)

GOOD = KERAS_LEDGER_HEAD + """\
  - version: "3.9.0"
    date: 2025-03-04
    source: https://github.com/keras-team/keras/releases/tag/v3.9.0
    as_of: 2026-12-06
    changes:
      - kind: security
        text: Lambda layers could run code despite safe_mode.
        page: topics/saving-and-security.md#untrusted-files
        advisory: GHSA-48g7-3x6r-xfhp
        affected: "< 3.9.0"
        fixed: "3.9.0"
  - version: "3.8.0"
    date: 2025-01-07
    source: https://github.com/keras-team/keras/releases/tag/v3.8.0
    as_of: 2026-12-06
    nothing: Bug fixes only.
"""


def error_of(tmp_path: Path, text: str, name: str = "keras.yml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SiteError) as info:
        load_package(path, TODAY)
    return info.value.message.replace(str(tmp_path) + "/", "")


def test_every_ledger_file_loads_and_is_registered_for_check() -> None:
    packages = load_ledger()
    assert packages, "data/releases/ has no ledger file"
    assert {f"releases/{p.path.name}" for p in packages} <= set(loaders())
    assert all(RELEASES_DIR / p.path.name == p.path for p in packages)


def test_good_fixture_loads(tmp_path: Path) -> None:
    (tmp_path / "keras.yml").write_text(GOOD, encoding="utf-8")
    (package,) = load_ledger(tmp_path, TODAY)
    assert [r.version for r in package.releases] == ["3.9.0", "3.8.0"]
    change = package.releases[0].changes[0]
    assert (change.advisory_id, change.affects("3.8.0"), change.affects("3.9.0")) == ("GHSA-48g7-3x6r-xfhp", True, False)


BAD = [
    ('    nothing: Bug fixes only.\n', '    nothing: Bug fixes only.\n    changes: []\n',
     "keras.yml:18: release 3.8.0 needs exactly one of 'nothing' and 'changes'; list its changes, or say in 'nothing:' why none matters to readers"),
    ('    nothing: Bug fixes only.\n', '',
     "keras.yml:18: release 3.8.0 needs exactly one of 'nothing' and 'changes'; list its changes, or say in 'nothing:' why none matters to readers"),
    ("kind: security", "kind: fixed",
     "keras.yml:12: a change of release 3.9.0 has unknown kind 'fixed'; use one of: removed, deprecated, default-changed, new, security, packaging"),
    ("page: topics/saving-and-security.md#untrusted-files", "page: saving.html",
     "keras.yml:14: security change of release 3.9.0 page 'saving.html' is not a docs-relative page link; write it like 'topics/deployment.md#litert'"),
    ("page: topics/saving-and-security.md#untrusted-files", "impact: fine",
     "keras.yml:14: security change of release 3.9.0 impact must start with 'no reader impact'; "
     "write 'impact: no reader impact: <why>', or link the section with 'page:'"),
    ("        fixed: \"3.9.0\"\n", "        fixed: \"3.9.0\"\n        impact: \"no reader impact: none\"\n",
     "keras.yml:12: security change of release 3.9.0 needs exactly one of 'page' and 'impact'; "
     "link the section that covers it (page:) or write 'impact: no reader impact: why'"),
    ('affected: "< 3.9.0"', 'affected: "< 3.10.0"',
     "keras.yml:17: security change of release 3.9.0 fixed version 3.9.0 lies inside its own affected range '< 3.10.0'; "
     "re-read the advisory: one of the two is wrong"),
    ('affected: "< 3.9.0"', 'affected: "before 3.9"',
     "keras.yml:16: security change of release 3.9.0 affected range 'before 3.9' is not a version range; "
     "write it as the advisory does, e.g. \"< 3.9.0\" or \">= 2.0, < 2.6.0\""),
    ("advisory: GHSA-48g7-3x6r-xfhp", "advisory: GHSA-1234",
     "keras.yml:15: security change of release 3.9.0 advisory 'GHSA-1234' is malformed; write it like GHSA-48g7-3x6r-xfhp"),
    ("        advisory: GHSA-48g7-3x6r-xfhp\n", "",
     "keras.yml:12: security change of release 3.9.0 names no advisory; add 'advisory: GHSA-...' and/or 'cve: CVE-...'"),
    ("kind: security", "kind: removed",
     "keras.yml:15: removed change of release 3.9.0 has 'advisory', which only a security change may have; use 'kind: security' or remove the key"),
    ('version: "3.8.0"', "version: 3.8",
     "keras.yml:18: release version 3.8 is not text; quote it, e.g. version: \"2.10.0\""),
    ('version: "3.8.0"', 'version: "3.8.0rc1"',
     "keras.yml:18: release version '3.8.0rc1' is a pre-release; the ledger lists final releases only; remove it"),
    ('version: "3.8.0"', 'version: "3.9.0"',
     "keras.yml:18: release 3.9.0 is listed twice (first on line 7); keep one entry per version"),
    ('version: "3.8.0"', 'version: "3.10.0"',
     "keras.yml:18: release 3.10.0 comes after the older 3.9.0; list releases newest first"),
    ("date: 2025-01-07", "date: 2023-12-31",
     "keras.yml:19: release '3.8.0' date 2023-12-31 is outside 2024-01-01 .. today; write the registry's upload day of this version"),
    ("date: 2025-01-07", 'date: "Jan 2025"',
     "keras.yml:19: release '3.8.0' date must be a date YYYY-MM-DD, got 'Jan 2025'; write the registry's upload day, unquoted"),
    ("    as_of: 2026-12-06\n    nothing", "    as_of: 2026-12-07\n    nothing",
     "keras.yml:21: release 3.8.0 as_of 2026-12-07 is in the future; use the day you read the source"),
    ("source: https://github.com/keras-team/keras/releases/tag/v3.8.0", "source: release notes",
     "keras.yml:20: release 3.8.0 source 'release notes' is not an https URL; link the https address of the page you read"),
    ("framework: Keras", "framework: Google",
     "keras.yml:4: the package has unknown framework 'Google'; use one of: TensorFlow, PyTorch, JAX, Keras, Converters, Ecosystem"),
]


@pytest.mark.parametrize(("old", "new", "message"), BAD, ids=[m.split(": ", 1)[1][:50] for _, _, m in BAD])
def test_bad_entry_names_file_line_and_fix(tmp_path: Path, old: str, new: str, message: str) -> None:
    assert old in GOOD
    assert error_of(tmp_path, GOOD.replace(old, new, 1)) == message


def test_older_needs_a_page(tmp_path: Path) -> None:
    text = GOOD.replace("page: topics/saving-and-security.md#untrusted-files", "impact: \"no reader impact: x\"\n        older: y")
    assert error_of(tmp_path, text) == ("keras.yml:15: security change of release 3.9.0 has 'older' but no 'page'; "
                                       "'older' feeds a page's what-changed section: add 'page:'")


def test_file_must_be_named_after_the_package(tmp_path: Path) -> None:
    assert error_of(tmp_path, GOOD, "tf-keras.yml") == "tf-keras.yml:3: package 'keras' is in tf-keras.yml; name the file keras.yml"


def test_a_package_in_two_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "keras.yml").write_text(GOOD, encoding="utf-8")
    tfjs = GOOD.replace("name: keras", "name: \"@tensorflow/tfjs\"").replace("registry: pypi", "registry: npm")
    (tmp_path / "tensorflow-tfjs.yml").write_text(tfjs, encoding="utf-8")
    assert len(load_ledger(tmp_path, TODAY)) == 2
    (tmp_path / "keras.yml").rename(tmp_path / "x.yml")
    with pytest.raises(SiteError, match=r"package 'keras' is in x\.yml; name the file keras\.yml"):
        load_ledger(tmp_path, TODAY)
