"""data/claims.yml validation and the fact-check renderer's links.

Bad input must stop with one ``file:line: problem; fix`` message; in-site
evidence must be queued for the anchor check with the claim file's line.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sidebyside.data.claims import VERDICTS, load_claims
from sidebyside.errors import SiteError
from sidebyside.site.renderers import RenderContext, fact_check

HEAD = """\
# fixture
article:
  title: "An article"
  publisher: Somewhere
  url: https://example.org/article
  as_of: 2026-11-26
changes:
  - text: "Something changed."
    evidence:
      - page: topics/execution-model.md#what-changed
topics:
  - id: graphs
    title: Graphs
    claims:
"""

CLAIM = """\
      - id: tf-static-graphs
        claim: "TensorFlow only runs static graphs."
        verdict: outdated
        explanation: "Eager by default since 2.0."
        evidence:
          - page: topics/execution-model.md#eager-by-default
"""
# line numbers: HEAD has 14 lines, so the claim starts on line 15 and its evidence item is on line 20


def write(tmp_path: Path, claims: str, head: str = HEAD) -> Path:
    path = tmp_path / "claims.yml"
    path.write_text(head + claims, encoding="utf-8")
    return path


def error(path: Path) -> str:
    with pytest.raises(SiteError) as info:
        load_claims(path)
    message = info.value.message
    assert "\n" not in message
    return message


def test_good_file_loads(tmp_path: Path) -> None:
    check = load_claims(write(tmp_path, CLAIM))
    (claim,) = check.claims()
    assert (claim.id, claim.verdict, claim.line) == ("tf-static-graphs", "outdated", 15)
    assert claim.evidence[0].kind == "page"


def test_bare_yaml_booleans_are_verdicts(tmp_path: Path) -> None:
    check = load_claims(write(tmp_path, CLAIM.replace("verdict: outdated", "verdict: false")))
    assert check.claims()[0].verdict == "false"


def test_unknown_key(tmp_path: Path) -> None:
    message = error(write(tmp_path, CLAIM + "        source: x\n"))
    assert "claims.yml:21: claim 'tf-static-graphs' has unknown key 'source'; allowed keys:" in message


def test_missing_field(tmp_path: Path) -> None:
    message = error(write(tmp_path, CLAIM.replace('        explanation: "Eager by default since 2.0."\n', "")))
    assert "claims.yml:15: claim 'tf-static-graphs' is missing 'explanation'" in message


def test_unknown_verdict(tmp_path: Path) -> None:
    message = error(write(tmp_path, CLAIM.replace("verdict: outdated", "verdict: mostly true")))
    assert "claims.yml:17: claim 'tf-static-graphs' has unknown verdict 'mostly true'" in message
    assert "; use one of: " + ", ".join(VERDICTS) in message


def test_duplicate_id(tmp_path: Path) -> None:
    message = error(write(tmp_path, CLAIM + CLAIM))
    assert "claims.yml:21: claim id 'tf-static-graphs' is used twice (first on line 15)" in message


def test_no_evidence(tmp_path: Path) -> None:
    text = CLAIM.replace("        evidence:\n          - page: topics/execution-model.md#eager-by-default\n", "        evidence: []\n")
    assert "claims.yml:19: claim 'tf-static-graphs' has no evidence" in error(write(tmp_path, text))


def test_url_needs_as_of(tmp_path: Path) -> None:
    text = CLAIM.replace("- page: topics/execution-model.md#eager-by-default", '- url: https://example.org\n            label: "x"')
    assert "claims.yml:20: claim 'tf-static-graphs' evidence is missing 'as_of'" in error(write(tmp_path, text))


def test_as_of_must_be_a_date(tmp_path: Path) -> None:
    text = CLAIM.replace(
        "- page: topics/execution-model.md#eager-by-default", '- url: https://example.org\n            label: "x"\n            as_of: last week'
    )
    assert "claims.yml:22: claim 'tf-static-graphs' as_of must be a date YYYY-MM-DD" in error(write(tmp_path, text))


def test_plain_http_is_rejected(tmp_path: Path) -> None:
    text = CLAIM.replace(
        "- page: topics/execution-model.md#eager-by-default", '- url: http://example.org\n            label: "x"\n            as_of: 2026-11-26'
    )
    assert "claims.yml:20: claim 'tf-static-graphs' url 'http://example.org' is not an https URL" in error(write(tmp_path, text))


def test_one_kind_per_evidence_item(tmp_path: Path) -> None:
    text = CLAIM + "            pair: execution-model/eager-by-default\n"
    assert "claims.yml:20: claim 'tf-static-graphs': evidence needs exactly one of pair, page, url" in error(write(tmp_path, text))


def test_long_quotes_are_rejected(tmp_path: Path) -> None:
    quote = "        quote: \"" + " ".join(["word"] * 13) + "\"\n"
    assert "claims.yml:21: claim 'tf-static-graphs': quote has 13 words" in error(write(tmp_path, CLAIM + quote))


def test_explanation_is_one_paragraph(tmp_path: Path) -> None:
    text = CLAIM.replace('explanation: "Eager by default since 2.0."', 'explanation: "One.\\n\\nTwo."')
    assert "claims.yml:18: claim 'tf-static-graphs': the explanation must be one paragraph" in error(write(tmp_path, text))


def test_bad_pair_name(tmp_path: Path) -> None:
    text = CLAIM.replace("- page: topics/execution-model.md#eager-by-default", "- pair: eager-by-default")
    assert "claims.yml:20: claim 'tf-static-graphs' pair 'eager-by-default' is not 'topic/pair'" in error(write(tmp_path, text))


def _ctx(use_directory_urls: bool = True) -> RenderContext:
    config = {"use_directory_urls": use_directory_urls}
    return RenderContext(page_src="reference/fact-check.md", line=1, arg="fact-check", pairs={}, config=config)


def test_renderer_queues_page_links_with_the_data_line(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, CLAIM)
    monkeypatch.setattr(fact_check, "load_claims", lambda: load_claims(path))
    ctx = _ctx()
    html = fact_check.render(ctx)
    assert '<h3 id="tf-static-graphs"><span class="sbs-fc-badge sbs-fc-outdated">Outdated</span>' in html
    # raw HTML is not rewritten by MkDocs, so the renderer must emit the built URL itself
    assert 'href="../../topics/execution-model/#eager-by-default"' in html
    assert 'href="../../topics/execution-model/#what-changed"' in html
    assert not re.search(r'href="[^"]*\.md', html)
    checks = {(c.target, c.line) for c in ctx.links}
    assert ("topics/execution-model.md#eager-by-default", 20) in checks
    assert ("topics/execution-model.md#what-changed", 10) in checks
    assert all(c.origin == path for c in ctx.links)


def test_renderer_links_to_html_files_in_the_offline_build(tmp_path: Path, monkeypatch) -> None:
    path = write(tmp_path, CLAIM)
    monkeypatch.setattr(fact_check, "load_claims", lambda: load_claims(path))
    html = fact_check.render(_ctx(use_directory_urls=False))
    assert 'href="../topics/execution-model.html#eager-by-default"' in html


def test_renderer_rejects_an_unknown_pair_with_the_data_line(tmp_path: Path, monkeypatch) -> None:
    text = CLAIM.replace("- page: topics/execution-model.md#eager-by-default", "- pair: execution-model/no-such-pair")
    path = write(tmp_path, text)
    monkeypatch.setattr(fact_check, "load_claims", lambda: load_claims(path))
    with pytest.raises(SiteError, match=r"claims\.yml:20: unknown pair 'execution-model/no-such-pair'"):
        fact_check.render(_ctx())


REQUIRED = {
    # the claims issue 7 lists; each must stay on the page
    "tf-static-graphs", "pytorch-dynamic-graphs", "tf-fold-dynamic-graphs", "mirrored-strategy-model-parallel",
    "multiworker-model-parallel", "dataparallel-single-io", "dataparallel-is-the-way", "ddp-model-parallel",
    "tf-manual-device-tuning", "visdom-native", "pytorch-pickle-export", "tfdbg", "debug-anomaly", "pytorch-better-errors",
    "tf-harder-learning-curve", "sota-models-pytorch", "backers", "release-years", "largest-community",
    "pytorch-better-for-rnns", "static-graphs-debug-large", "languages",
}  # fmt: skip


def test_real_file_covers_the_required_claims() -> None:
    check = load_claims()
    ids = {claim.id for claim in check.claims()}
    assert REQUIRED <= ids, sorted(REQUIRED - ids)
    assert {claim.verdict for claim in check.claims()} <= set(VERDICTS)
