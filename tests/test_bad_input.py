"""Each bad input to the pair pipeline gives one clear message and loses nothing.

The trees here are temporary fixtures, never the real content, so these
tests describe the contract a contributor meets when something is wrong.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pytest

from sidebyside.cli import cmd_check, cmd_new, cmd_record
from sidebyside.errors import SiteError, SiteErrors
from sidebyside.pairs.catalog import discover
from sidebyside.pairs.expand import expand
from sidebyside.pairs.runner import run

GOOD = "# title: Adds two numbers\nprint(1 + 1)\n"


def write(root: Path, rel: str, text: str) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def good_pair(root: Path, key: str = "topic/pair") -> None:
    for fw in ("tensorflow", "pytorch"):
        write(root, f"{key}.{fw}.py", GOOD)
        write(root, f"{key}.{fw}.out", f"# tested with {'TensorFlow' if fw == 'tensorflow' else 'PyTorch'} 1.0\n2\n")


def error_of(call, *args, **kwargs) -> str:
    with pytest.raises(SiteError) as info:
        call(*args, **kwargs)
    message = info.value.message
    assert "\n" not in message, "an error must be one line"
    return message


def test_good_fixture_is_accepted(tmp_path: Path) -> None:
    good_pair(tmp_path)
    assert list(discover(tmp_path)) == ["topic/pair"]


LAUNCHED = ("# title: Adds two numbers\n# launch: torchrun --standalone --nproc-per-node 2\nimport gc\n\n"
            "import torch.distributed as dist\nfrom torch.nn.parallel import DistributedDataParallel as DDP\n\n"
            "def main():\n    dist.init_process_group('gloo')\n    ddp = DDP(None)\n{end}")
"""A launched half that opens a process group; ``{end}`` is how it ends (line 11 onwards)."""

CATALOG_CASES = [
    # (id, start from the good pair?, files to write (None: delete), what the one error line must say)
    ("missing half", False, {"topic/pair.tensorflow.py": GOOD},
     ["pair.tensorflow.py", "has no PyTorch half (pair.pytorch.py)", "python -m sidebyside new topic/pair"]),
    ("missing recording", True, {"topic/pair.pytorch.out": None},
     ["pair.pytorch.py: no recorded output", "python -m sidebyside record topic/pair"]),
    ("orphan recording", True, {"topic/gone.pytorch.out": "# tested with PyTorch 1.0\n"}, ["gone.pytorch.out: orphan recording"]),
    ("stray file", False, {"topic/notes.txt": "x"}, ["notes.txt: file does not belong to a pair"]),
    ("bad name", False, {"topic/Bad_Name.tensorflow.py": GOOD}, ["pair name 'Bad_Name' is not lowercase-hyphen"]),
    ("malformed header", True, {"topic/pair.pytorch.py": "#title Adds\nprint(2)\n"}, ["pair.pytorch.py:1: malformed header line"]),
    ("unknown header key", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# colour: red\nprint(2)\n"},
     ["pair.pytorch.py:2: unknown header key 'colour'"]),
    ("no title", True, {"topic/pair.pytorch.py": "print(2)\n"}, ["pair.pytorch.py:1: header has no '# title:' line"]),
    ("titles differ", True, {"topic/pair.pytorch.py": "# title: Something else\nprint(2)\n"}, ["title differs from its twin"]),
    ("bad timeout", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# timeout: soon\nprint(2)\n"},
     ["pair.pytorch.py:2: timeout 'soon' is not a positive whole number"]),
    ("unknown launcher", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# launch: mpirun -n 2\nprint(2)\n"},
     ["pair.pytorch.py:2: unknown launcher 'mpirun'", "torchrun"]),
    ("unsplittable launch", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# launch: torchrun 'x\nprint(2)\n"},
     ["pair.pytorch.py:2: launch 'torchrun 'x' cannot be split into words (No closing quotation)"]),
    ("process group not collected", True, {"topic/pair.pytorch.py": LAUNCHED.format(end="    dist.destroy_process_group()\n")},
     ["pair.pytorch.py:11: the process group is destroyed but not collected", "add 'gc.collect()' right after it"]),
    ("DDP still held", True, {"topic/pair.pytorch.py": LAUNCHED.format(end="    dist.destroy_process_group()\n    gc.collect()\n")},
     ["pair.pytorch.py:11: 'ddp' still holds the process group when it is destroyed", "delete it first"]),
    ("process group never destroyed", True, {"topic/pair.pytorch.py": LAUNCHED.format(end="    print(2)\n")},
     ["pair.pytorch.py: the script starts a process group and never destroys it", "'gc.collect()'"]),
    ("setup marker misspelt", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# --- setup:x---\nx = 2\n# --- end setup ---\nprint(x)\n"},
     ["pair.pytorch.py:2: malformed setup marker '# --- setup:x---'", "write '# --- setup: <what it holds> ---'"]),
    ("setup never closed", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# --- setup ---\nx = 2\nprint(x)\n"},
     ["pair.pytorch.py:2: setup region is never closed; add '# --- end setup ---' after its last line"]),
    ("setup end without start", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\nx = 2\n# --- end setup ---\nprint(x)\n"},
     ["pair.pytorch.py:3: '# --- end setup ---' without a '# --- setup: <what it holds> ---' before it"]),
    ("setup inside setup", True,
     {"topic/pair.pytorch.py": "# title: Adds two numbers\n# --- setup ---\nx = 2\n# --- setup ---\ny = 3\n# --- end setup ---\nprint(x)\n"},
     ["pair.pytorch.py:4: setup region opened inside the one opened on line 2; close that one first"]),
    ("empty setup", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# --- setup ---\n\n# --- end setup ---\nprint(2)\n"},
     ["pair.pytorch.py:2: setup region holds no code; delete both markers"]),
    ("all setup", True, {"topic/pair.pytorch.py": "# title: Adds two numbers\n# --- setup ---\nprint(2)\n# --- end setup ---\n"},
     ["pair.pytorch.py:2: every line is folded as setup, so the page would show no lesson"]),
]


@pytest.mark.parametrize(("start_good", "files", "expected"), [case[1:] for case in CATALOG_CASES], ids=[case[0] for case in CATALOG_CASES])
def test_a_bad_snippet_tree_gives_one_line_naming_file_line_and_fix(
        tmp_path: Path, start_good: bool, files: dict[str, str | None], expected: list[str]) -> None:
    if start_good:
        good_pair(tmp_path)
    for rel, text in files.items():
        if text is None:
            (tmp_path / rel).unlink()
        else:
            write(tmp_path, rel, text)
    message = error_of(discover, tmp_path)
    missing = [part for part in expected if part not in message]
    assert not missing, f"{message!r} lacks {missing}"


@pytest.mark.slow
def test_a_launched_script_runs_under_its_launcher_and_shows_the_command(tmp_path: Path) -> None:
    """torchrun starts two processes; rank 0 prints. The command is what the page shows."""
    good_pair(tmp_path)
    script = ("# title: Adds two numbers\n# launch: torchrun --standalone --nproc-per-node 2\nimport os\n"
              "if os.environ['RANK'] == '0':\n    print(int(os.environ['WORLD_SIZE']))\n")
    write(tmp_path, "topic/pair.pytorch.py", script)
    half = discover(tmp_path)["topic/pair"].halves["pytorch"]
    assert half.command == "torchrun --standalone --nproc-per-node 2 pair.pytorch.py"
    assert run(half).output == "2\n"



def test_unknown_pair_reference_names_page_line_and_suggestion(tmp_path: Path) -> None:
    good_pair(tmp_path)
    pairs = discover(tmp_path)
    page = tmp_path / "docs/page.md"
    text = "# Page\n\nIntro.\n\n@pair topic/pear\n"
    message = error_of(expand, text, page, pairs, lambda d: "", None)
    assert message.endswith("page.md:5: unknown pair 'topic/pear'; did you mean 'topic/pair'?")


def test_directives_inside_code_fences_are_left_alone(tmp_path: Path) -> None:
    text = "```markdown\n@pair topic/missing\n```\n"
    assert expand(text, tmp_path / "p.md", {}, lambda d: "", None) == text


def test_check_reports_unreferenced_pair_and_unknown_reference(tmp_path: Path) -> None:
    good_pair(tmp_path / "snippets")
    docs = tmp_path / "docs"
    write(docs, "index.md", "# Home\n")
    assert "pair 'topic/pair' is not shown on any page" in error_of(cmd_check, tmp_path / "snippets", docs)
    write(docs, "index.md", "# Home\n\n@pair topic/other\n")
    assert "index.md:3: unknown pair 'topic/other'" in error_of(cmd_check, tmp_path / "snippets", docs)
    write(docs, "index.md", "# Home\n\n@pair topic/pair\n")
    assert cmd_check(tmp_path / "snippets", docs).startswith("1 pairs")


@pytest.mark.slow
def test_snippet_that_raises_keeps_old_recordings(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\nx = 1\nraise ValueError('boom')\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert "pair.pytorch.py:3: snippet exited with status 1: ValueError: boom" in message
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before


@pytest.mark.slow
def test_snippet_that_hangs_times_out_and_keeps_old_recordings(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Adds two numbers\n# timeout: 2\nimport time\ntime.sleep(60)\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert "pair.tensorflow.py: snippet did not finish within 2 s" in message
    assert "# timeout: N" in message
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before


@pytest.mark.slow
def test_record_writes_version_from_installed_framework(tmp_path: Path) -> None:
    good_pair(tmp_path)
    cmd_record("topic", root=tmp_path)
    first_line = (tmp_path / "topic/pair.tensorflow.out").read_text().splitlines()[0]
    assert first_line.startswith("# tested with TensorFlow 2.")


def test_new_scaffolds_both_halves_and_refuses_to_overwrite(tmp_path: Path) -> None:
    made = cmd_new("topic/new-pair", root=tmp_path)
    assert sorted(p.name for p in made) == ["new-pair.pytorch.py", "new-pair.tensorflow.py"]
    assert discover(tmp_path, require_outputs=False)["topic/new-pair"].title == "New pair"
    assert "already exists" in error_of(cmd_new, "topic/new-pair", root=tmp_path)
    assert "is not lowercase-hyphen" in error_of(cmd_new, "Topic/x", root=tmp_path)


def test_page_referencing_unrecorded_pair_names_page_and_line(tmp_path: Path) -> None:
    good_pair(tmp_path)
    (tmp_path / "topic/pair.pytorch.out").unlink()
    pairs = discover(tmp_path, require_outputs=False)
    message = error_of(expand, "# P\n@pair topic/pair\n", tmp_path / "page.md", pairs, lambda d: "", None)
    assert message.endswith("page.md:2: pair 'topic/pair' has no recorded output for PyTorch; run: python -m sidebyside record topic/pair")


def test_verified_cache_key_changes_with_script_recording_and_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sidebyside.pairs import verified

    good_pair(tmp_path)
    half = discover(tmp_path)["topic/pair"].halves["tensorflow"]
    base = verified.key(half, "1.0")
    assert verified.key(half, "1.1") != base
    half.out_path.write_text("# tested with TensorFlow 1.0\n3\n")
    assert verified.key(half, "1.0") != base
    monkeypatch.setenv("CI", "true")
    assert not verified.enabled()


# --- record is robust: every bad run is refused with its file and a fix ---

NOT_UTF8 = "save it as UTF-8"


def test_missing_half_hint_command_adds_only_the_missing_half(tmp_path: Path) -> None:
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Kept title\nprint(1)\n")
    message = error_of(discover, tmp_path, require_outputs=False)
    assert message.endswith("topic/pair.tensorflow.py: pair 'topic/pair' has no PyTorch half (pair.pytorch.py); "
                            "run: python -m sidebyside new topic/pair (it adds only the missing half)")
    made = cmd_new("topic/pair", root=tmp_path)  # the command the hint names must work
    assert [p.name for p in made] == ["pair.pytorch.py"]
    assert (tmp_path / "topic/pair.tensorflow.py").read_text() == "# title: Kept title\nprint(1)\n"
    assert discover(tmp_path, require_outputs=False)["topic/pair"].title == "Kept title"
    assert error_of(cmd_new, "topic/pair", root=tmp_path).endswith("already exists (both halves do); pick another pair name or edit the files")


@pytest.mark.parametrize("where", ["snippet", "recording", "page", "data"])
def test_non_utf8_file_names_file_line_and_column(tmp_path: Path, where: str) -> None:
    from sidebyside.data.yamlsrc import load_yaml
    from sidebyside.pairs.runner import read_recording

    good_pair(tmp_path / "snippets")
    bad = b"# first line\nok = '\xff'\n"
    if where == "snippet":
        target = tmp_path / "snippets/topic/pair.pytorch.py"
        target.write_bytes(b"# title: Adds two numbers\n" + bad)
        message, line = error_of(discover, tmp_path / "snippets"), 3
    elif where == "recording":
        target = tmp_path / "snippets/topic/pair.pytorch.out"
        target.write_bytes(b"# tested with PyTorch 1.0\n" + bad)
        half = discover(tmp_path / "snippets")["topic/pair"].halves["pytorch"]
        message, line = error_of(read_recording, half), 3
    elif where == "page":
        target = tmp_path / "docs/index.md"
        target.parent.mkdir()
        target.write_bytes(b"@pair topic/pair\n" + bad)
        message, line = error_of(cmd_check, tmp_path / "snippets", tmp_path / "docs"), 3
    else:
        target = tmp_path / "data.yml"
        target.write_bytes(bad)
        message, line = error_of(load_yaml, target), 2
    assert message.endswith(f"{target.name}:{line}: file is not UTF-8 (byte 0xff at column 7); {NOT_UTF8}")


@pytest.mark.slow
def test_output_that_changes_between_runs_is_refused_naming_the_lines(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\nimport os\nprint(2)\nprint(os.getpid())\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert re.fullmatch(r".*topic/pair\.pytorch\.py: output differs between two runs on output line\(s\) 2 "
                        r"\('\d+' then '\d+'\); the second run limited its kernels to AVX2, as a CPU without AVX-512 "
                        r"runs them; seed every random source, do not print times, dates or ids, and print a value .*",
                        message)
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before


NOISE = """# title: Adds two numbers
import os

print(2)
avx2 = os.environ.get("ONEDNN_MAX_CPU_ISA") == "AVX2"  # as on a CPU without AVX-512
print(f"loss {1.23456789 + (3e-7 if avx2 else 0):.8g}")
print(f"zero in exact arithmetic: {2.24e-08 if avx2 else 1.3e-08:.3g}")
"""


@pytest.mark.slow
def test_float32_noise_that_another_cpu_prints_differently_is_refused_at_record(tmp_path: Path) -> None:
    """Recording runs a half again with kernels limited to AVX2: a noise value that moves there would fail CI on such a host."""
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.pytorch.py", NOISE)
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert "output line(s) 3 ('zero in exact arithmetic: 1.3e-08' then 'zero in exact arithmetic: 2.24e-08'); " \
           "the second run limited its kernels to AVX2" in message, message  # line 2 moved within host noise
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before
    for framework in ("tensorflow", "pytorch"):  # printed as its bound, it records (the loss moved by 2.4e-7)
        write(tmp_path, f"topic/pair.{framework}.py", NOISE.replace("{2.24e-08 if avx2 else 1.3e-08:.3g}", "under 1e-06"))
    results = cmd_record("topic/pair", root=tmp_path)
    assert "loss 1.2345679\n" in {r.half.framework: r.output for r in results}["pytorch"]


@pytest.mark.slow
def test_huge_output_is_refused_naming_the_file(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Adds two numbers\nprint('x' * 300_000)\n")
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert message.endswith("topic/pair.tensorflow.py: printed 300001 bytes, over the 200000-byte limit for a recording; "
                            "print a summary (shapes, a few values), not whole tensors")


@pytest.mark.slow
def test_output_that_is_not_utf8_names_the_output_line(tmp_path: Path) -> None:
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Adds two numbers\nimport sys\nsys.stdout.buffer.write(b'ok\\n\\xff\\n')\n")
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert message.endswith("topic/pair.tensorflow.py: output line 2 is not UTF-8 text; print str or repr() of bytes, not raw bytes")


@pytest.mark.slow
def test_timeout_kills_every_process_the_snippet_started(tmp_path: Path) -> None:
    good_pair(tmp_path)
    pid_file = tmp_path / "grandchild.pid"
    write(tmp_path, "topic/pair.tensorflow.py", (
        "# title: Adds two numbers\n# timeout: 2\nimport subprocess, sys, time\n"
        "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(40)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\ntime.sleep(40)\n"
    ))
    started = time.monotonic()
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert message.endswith("topic/pair.tensorflow.py: snippet did not finish within 2 s; make it faster or raise '# timeout: N' in its header")
    assert time.monotonic() - started < 20, "the grandchild kept the output pipe open: it was not killed"
    pid = int(pid_file.read_text())
    for _ in range(50):  # the kill is asynchronous; a zombie awaiting its reaper counts as gone
        status = Path(f"/proc/{pid}/status")
        if not status.exists() or "\nState:\tZ" in status.read_text():
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"grandchild {pid} survived the timeout")


@pytest.mark.slow
def test_record_reports_every_failing_half(tmp_path: Path) -> None:
    good_pair(tmp_path)
    for fw in ("tensorflow", "pytorch"):
        write(tmp_path, f"topic/pair.{fw}.py", f"# title: Adds two numbers\nraise ValueError('{fw}')\n")
    with pytest.raises(SiteErrors) as info:
        cmd_record("topic/pair", root=tmp_path)
    lines = [error.message for error in info.value.errors]
    assert lines == [
        f"{tmp_path}/topic/pair.{fw}.py:2: snippet exited with status 1: ValueError: {fw}; fix the script and check it with: "
        f"{sys.executable} {tmp_path}/topic/pair.{fw}.py" for fw in ("tensorflow", "pytorch")
    ]


def test_record_says_when_the_framework_is_not_importable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sidebyside.pairs import runner

    good_pair(tmp_path)
    monkeypatch.setitem(runner.MODULES, "pytorch", "no_such_framework_module")
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert message == (f"<environment>: PyTorch is not importable by {sys.executable} (module 'no_such_framework_module' not found); "
                       "create the test environment with 'make venv', then run the command with .venv/bin/python")


def test_public_version_drops_the_local_build_tag() -> None:
    from sidebyside.pairs.runner import public_version

    assert public_version("2.13.0+cpu") == public_version("2.13.0") == "2.13.0"
    assert public_version("2.13.0") != public_version("2.13.1+cpu")


def _mini_build(tmp_path: Path, page: bytes) -> str:
    """Build one page with the project's hook; return the build error."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    from sidebyside import ROOT

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/index.md").write_bytes(page)
    (tmp_path / "mkdocs.yml").write_text(f"site_name: t\nhooks:\n  - {ROOT / 'sidebyside/site/hook.py'}\n", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    with pytest.raises(Abort) as info:
        build(config)
    error = info.value.__context__  # MkDocs logs the PluginError and raises Abort from its handler
    assert isinstance(error, PluginError)
    return str(error)


def test_build_error_names_the_file_line_after_front_matter(tmp_path: Path) -> None:
    page = b"---\ndescription: A page with front matter.\n---\n\n# Title\n\nText.\n\n@pair topic/no-such-pair\n"
    message = _mini_build(tmp_path, page)
    assert re.fullmatch(r".*docs/index\.md:9: unknown pair 'topic/no-such-pair'; .*", message), message
    assert page.decode().splitlines()[9 - 1] == "@pair topic/no-such-pair"


def test_build_error_for_a_page_that_is_not_utf8(tmp_path: Path) -> None:
    message = _mini_build(tmp_path, b"# Title\n\nCaf\xe9\n")
    assert message.endswith(f"docs/index.md:3: file is not UTF-8 (byte 0xe9 at column 4); {NOT_UTF8}")


# --- check resolves data files' page links and pair references without a build ---

ROW = """groups:
  - id: g
    title: G
    rows:
      - id: r
        criterion: C
        tensorflow: T
        pytorch: P
        verdict: tie
        why: W
        evidence: {link}
"""

CLAIMS = """article: {{title: A, publisher: P, url: "https://example.org/a", as_of: 2026-11-01}}
changes:
  - text: T
    evidence: [{{page: "index.md"}}]
topics:
  - id: t
    title: T
    claims:
      - id: c
        claim: C
        verdict: "false"
        explanation: E
        evidence:
          - pair: {pair}
"""


def _check_with_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, pair: str = "topic/pair") -> str:
    import sidebyside.data as data
    from sidebyside.data.claims import load_claims
    from sidebyside.data.comparison import load_comparison

    good_pair(tmp_path / "snippets")
    write(tmp_path, "docs/index.md", "# Home\n\n## Known section { #known }\n\n@pair topic/pair\n")
    comparison = write(tmp_path, "data/comparison.yml", ROW.format(link=link))
    claims = write(tmp_path, "data/claims.yml", CLAIMS.format(pair=pair))
    data.loaders()  # import (and so register) the real loaders first, then replace them
    monkeypatch.setattr(data, "_LOADERS", {"claims.yml": lambda: load_claims(claims), "comparison.yml": lambda: load_comparison(comparison)})
    return cmd_check(tmp_path / "snippets", tmp_path / "docs", with_data=True)


def test_check_resolves_data_links_and_says_what_it_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _check_with_data(tmp_path, monkeypatch, "index.md#known").endswith(
        "; data files valid (claims, comparison); 3 data links resolved")
    assert _check_with_data(tmp_path, monkeypatch, "index.md#pair-pair").endswith("3 data links resolved")


@pytest.mark.parametrize(("link", "pair", "expected"), [
    ("index.md#nowhere", "topic/pair",
     "comparison.yml:11: link to unknown anchor 'nowhere' on 'index.md'; use a heading id that exists on that page"),
    ("topics/gone.md#known", "topic/pair",
     "comparison.yml:11: link to unknown page 'topics/gone.md'; use a docs-relative path such as 'topics/execution-model.md#anchor'"),
    ("index.md#known", "topic/pear", "claims.yml:14: unknown pair 'topic/pear'; did you mean 'topic/pair'?"),
])
def test_check_rejects_a_dangling_data_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, link: str, pair: str, expected: str) -> None:
    message = error_of(_check_with_data, tmp_path, monkeypatch, link, pair)
    assert message.endswith(expected), message


@pytest.mark.slow
def test_record_refuses_halves_that_disagree_and_writes_nothing(tmp_path: Path) -> None:
    """Parity runs at record time: ':.2f' against ':.3f' is named line by line before any .out is written."""
    good_pair(tmp_path)
    write(tmp_path, "topic/pair.tensorflow.py", "# title: Adds two numbers\nprint('n 2')\nprint(f'loss {0.5:.2f}')\n")
    write(tmp_path, "topic/pair.pytorch.py", "# title: Adds two numbers\nprint('n 2')\nprint(f'loss {0.5:.3f}')\n")
    before = {p.name: p.read_text() for p in tmp_path.rglob("*.out")}
    message = error_of(cmd_record, "topic/pair", root=tmp_path)
    assert message.endswith(
        "topic/pair.tensorflow.py: 'topic/pair' output line 2: 0.50 vs 0.500: printed with 2 and 3 decimals; print both "
        "halves with the same format (TensorFlow: loss 0.50; PyTorch: loss 0.500); nothing was recorded; make both "
        "halves print the same values in the same format (a real difference needs '# differs: <why>' with '# same:' "
        "lines, or '# tolerance: <rel> (<reason>)')")
    assert {p.name: p.read_text() for p in tmp_path.rglob("*.out")} == before
