"""A sentence that cites a pair as showing something names what the pair must show (``sidebyside.site.pair_claims``).

Each lie is planted in a scratch copy holding only the page and the pair
halves it cites; nothing is run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.site import pair_claims
from tests.planting import edit, scratch

PORTING = "docs/porting/index.md"
RESIZE = "snippets/porting/resize-interpolate"
LAYERS = "snippets/porting/layer-by-layer"
AUTODIFF = "docs/topics/autodiff-and-training.md"
FIX = "restore what the pair did, or rewrite the sentence and its <!-- shows: --> comment"




def messages(tree: Path) -> list[str]:
    return [e.message.replace(f"{tree}/", "") for e in pair_claims.errors_in(tree)[0]]


def porting_tree(tmp_path: Path) -> Path:
    return scratch(tmp_path, PORTING, *(f"{stem}.{fw}.{ext}" for stem in (RESIZE, LAYERS)
                                        for fw in ("tensorflow", "pytorch") for ext in ("py", "out")))


def test_real_pages_hold() -> None:
    errors, count = pair_claims.errors_in()
    assert errors == []
    assert count >= 12


def test_lie_both_resize_halves_switched_to_tf1_nearest(tmp_path: Path) -> None:
    tree = porting_tree(tmp_path)
    edit(tree / f"{RESIZE}.tensorflow.py", 'show("nearest 4->6", tf.image.resize(ramp, (6, 6), method="nearest"))',
         'show("nearest 4->6", tf.compat.v1.image.resize(ramp, (6, 6), method="nearest"))')
    edit(tree / f"{RESIZE}.pytorch.py", 'show("nearest 4->6", F.interpolate(ramp, size=(6, 6), mode="nearest-exact"))',
         'show("nearest 4->6", F.interpolate(ramp, size=(6, 6), mode="nearest"))')
    line = next(n for n, row in enumerate((tree / PORTING).read_text().splitlines(), 1) if "#resize) below shows" in row)
    assert messages(tree) == [
        f'{PORTING}:{line}: the sentence rests on porting/resize-interpolate.tensorflow, but no call in its code holds '
        f'`"nearest 4->6", tf.image.resize(` `method="nearest")`; {FIX}',
        f'{PORTING}:{line}: the sentence rests on porting/resize-interpolate.pytorch, but no call in its code holds '
        f'`"nearest 4->6", F.interpolate(` `mode="nearest-exact")`; {FIX}']


def test_a_comment_in_the_code_does_not_count(tmp_path: Path) -> None:
    tree = porting_tree(tmp_path)
    edit(tree / f"{LAYERS}.pytorch.py", "layer.register_forward_hook(",
         "# was layer.register_forward_hook(\n    layer.register_forward_pre_hook(")
    [message] = messages(tree)
    assert "porting/layer-by-layer.pytorch, but no call in its code holds `.register_forward_hook(`" in message


def test_lie_printed_line_changed(tmp_path: Path) -> None:
    page = "docs/topics/deployment.md"
    tree = scratch(tmp_path, page, *(f"snippets/deployment/{name}.{fw}.out" for name in (
        "exporter-status", "onnx-matches-framework") for fw in ("tensorflow", "pytorch")))
    edit(tree / "snippets/deployment/onnx-matches-framework.pytorch.out", "within ATOL=1e-05: True",
         "within ATOL=1e-05: False")
    [message] = messages(tree)
    assert message.endswith("the sentence rests on deployment/onnx-matches-framework.pytorch, but no line of its "
                            f"recording prints `matches the framework within` `True`; {FIX}")


def test_citing_sentence_without_a_claim(tmp_path: Path) -> None:
    tree = scratch(tmp_path, AUTODIFF)
    text = (tree / AUTODIFF).read_text(encoding="utf-8")
    start = text.index(" <!-- shows: autodiff-and-training/gradient-basics.pytorch")
    (tree / AUTODIFF).write_text(text[:start] + text[text.index("\n", start):], encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "The pair shows both ways" in row)
    assert messages(tree) == [f"{AUTODIFF}:{line}: a sentence says a pair shows something but names nothing the "
                              f"pair must show; {pair_claims.SYNTAX}"]


def test_unreadable_claim_names_file_and_line(tmp_path: Path) -> None:
    tree = scratch(tmp_path, AUTODIFF)
    line = edit(tree / AUTODIFF, "gradient-basics.tensorflow prints `accumulated", "gradient-basics.tensorflow says `accumulated")
    with pytest.raises(SiteError, match=rf"autodiff-and-training\.md:{line}: cannot read '<!-- shows: "):
        pair_claims.errors_in(tree)


def test_a_wrapped_call_is_still_one_call(tmp_path: Path) -> None:
    tree = porting_tree(tmp_path)
    edit(tree / f"{RESIZE}.pytorch.py", 'show("nearest 4->6", F.interpolate(ramp, size=(6, 6), mode="nearest-exact"))',
         'show(\n    "nearest 4->6",  # TF2 rule\n    F.interpolate(ramp, size=(6, 6), mode="nearest-exact"),\n)')
    assert messages(tree) == []
