"""A forked snippet run sees the same process state as ``python snippet.py`` in a fresh process.

``test_snippets`` compares every forked run with its fresh recording; these
tests pin down the state the fork server resets (see its module docstring),
so a change that stops resetting one fails here by name, and they check
that what differs on purpose (entropy-seeded generators) still differs.
"""

from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from sidebyside.errors import SiteError
from sidebyside.pairs import forkserver
from sidebyside.pairs.catalog import Half
from sidebyside.pairs.runner import run

pytestmark = pytest.mark.slow

PROBE = '''\
import atexit, os, signal, sys, threading, warnings
import torch

print("name:", __name__, "| spec:", __spec__, "| file is argv[0]:", __file__ == sys.argv[0] == os.path.abspath(__file__))
print("path[0] is the script's dir:", sys.path[0] == os.path.dirname(__file__))
print("path[1:]:", sys.path[1:])
print("cwd empty:", os.listdir("."), "| cwd is HOME:", os.getcwd() == os.environ["HOME"])
print("stdin:", repr(sys.stdin.read()))
print("own session and group:", os.getsid(0) == os.getpid() == os.getpgid(0))
print("os threads:", len(os.listdir("/proc/self/task")), "| python threads:", threading.active_count())
print("open fds:", len(os.listdir("/proc/self/fd")))
print("signals:", [str(signal.getsignal(s)) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE)])
print("umask:", oct(os.umask(0o22)))
print("flags:", sys.flags)
print("warning filters:", len(warnings.filters))
print("torch threads:", torch.get_num_threads())
for key, value in sorted(os.environ.items()):
    print("env", key, "=", value)
atexit.register(print, "atexit handler ran")
threading.Thread(target=lambda: print("non-daemon thread finished")).start()
'''


def half(tmp_path: Path, name: str, source: str, timeout: int = 120) -> Half:
    path = tmp_path / f"{name}.pytorch.py"
    path.write_text(textwrap.dedent(source), encoding="utf-8")
    return Half("pytorch", path, name, None, timeout)


def test_forked_run_sees_the_same_process_state_as_a_fresh_run(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    probe = half(tmp_path, "probe", PROBE)
    forked, fresh = forkserver.run(probe, fork_pool).output, run(probe).output
    assert "atexit handler ran" in fresh and "non-daemon thread finished" in fresh
    assert forked == fresh


@pytest.mark.parametrize(("framework", "draw"), [
    ("pytorch", "import random\nimport numpy as np\nimport torch\nprint(random.random(), np.random.random(), torch.rand(1).item())\n"),
    ("tensorflow", "import tensorflow as tf\nprint(float(tf.random.uniform([])), float(tf.random.normal([])))\n"),
])
def test_unseeded_generators_still_differ_between_forked_runs(tmp_path: Path, fork_pool: forkserver.ForkPool, framework: str, draw: str) -> None:
    """In a fresh process these draw from OS entropy; forks of one parent must not all draw the same numbers."""
    path = tmp_path / f"unseeded.{framework}.py"
    path.write_text(draw, encoding="utf-8")
    script = Half(framework, path, "unseeded", None, 120)
    first, second = (forkserver.run(script, fork_pool).output.split() for _ in range(2))
    repeated = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a == b]
    assert not repeated, f"generators {repeated} of {draw!r} repeat across forks: {first} {second}"


def test_exit_status_and_traceback_line_are_reported_as_for_a_fresh_run(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    failing = half(tmp_path, "failing", "import torch\n\nraise ValueError('boom')\n")
    with pytest.raises(SiteError) as forked:
        forkserver.run(failing, fork_pool)
    with pytest.raises(SiteError) as fresh:
        run(failing)
    assert forked.value.message == fresh.value.message
    assert ":3: snippet exited with status 1: ValueError: boom" in forked.value.message
    exiting = half(tmp_path, "exiting", "import sys\nprint('before')\nsys.exit(3)\n")
    with pytest.raises(SiteError, match="status 3"):
        forkserver.run(exiting, fork_pool)


@pytest.mark.parametrize(("name", "source", "refusal"), [
    ("huge", "print('x' * 300_000)\n", "printed 300001 bytes, over the 200000-byte limit for a recording"),
    ("bytes", "import sys\nsys.stdout.buffer.write(b'ok\\n\\xff\\n')\n", "output line 2 is not UTF-8 text"),
])
def test_a_forked_run_is_refused_exactly_as_a_fresh_run(tmp_path: Path, fork_pool: forkserver.ForkPool, name: str, source: str, refusal: str) -> None:
    """One validator for both runners: output over 200 KB, or not UTF-8, fails the same way forked or fresh."""
    bad = half(tmp_path, name, source)
    with pytest.raises(SiteError) as forked:
        forkserver.run(bad, fork_pool)
    with pytest.raises(SiteError) as fresh:
        run(bad)
    assert forked.value.message == fresh.value.message
    assert f"{name}.pytorch.py: {refusal}; " in forked.value.message


def test_timeout_kills_the_snippet_and_its_children(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    pid_file = tmp_path / "grandchild.pid"
    hanging = half(tmp_path, "hanging", f"""\
        import subprocess, time
        child = subprocess.Popen(["sleep", "600"])
        open({str(pid_file)!r}, "w").write(str(child.pid))
        time.sleep(600)
        """, timeout=5)
    with pytest.raises(SiteError, match="did not finish within 5 s"):
        forkserver.run(hanging, fork_pool)
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 60
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(grandchild), "the snippet's child process survived the timeout"


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.parametrize(("code", "fresh"), [
    ("import torch.multiprocessing as mp\n", True),
    ("import torch.distributed as dist\n", True),
    ("strategy = tf.distribute.MirroredStrategy()\n", False),
    ("import subprocess\n", False),
    ("loader = DataLoader(data, num_workers=2)\n", False),
    ("os.environ['KERAS_BACKEND'] = 'torch'\nimport keras\n", False),
    ("import os\nos.environ['KERAS_BACKEND'] = (\n    'jax'  # a comment\n)\nimport keras\n", False),
    ("import keras\nos.environ['KERAS_BACKEND'] = 'torch'\n", True),
    ("os.environ['KERAS_BACKEND'] = backend\nimport keras\n", True),
    ("os.environ.update(KERAS_BACKEND='torch')\nimport keras\n", True),
    ("os.environ['A'] = 'b'\nos.environ.pop('C')\n", True),
    ("from os import environ\nenviron['A'] = 'b'\nimport keras\nprint(environ['A'], environ.get('B'))\n", False),
    ("import keras\nprint(os.environ.get('HOME'))\n", False),
    ("os.environ['A'] = 'b'\ndel os.environ['A']\n", True),
    ("os.environ['A'] = 'b'\nos.environ['A'] = 'c'\n", True),
    ("def f():\n    os.environ['A'] = 'b'\n", True),
    ("os.putenv('A', 'b')\n", True),
    ("loader = DataLoader(data, num_workers=0)\n", False),
    ("# differs: tf.distribute splits batches; subprocess and multiprocessing are only mentioned\nx = 1\n", False),
    ('"""Docstring naming torch.distributed and os.environ["X"] = 1."""\nx = 1\n', False),
])
def test_fresh_only_looks_at_code_not_comments_or_strings(tmp_path: Path, code: str, fresh: bool) -> None:
    path = tmp_path / "x.pytorch.py"
    path.write_text("# title: t\n" + code, encoding="utf-8")
    assert (forkserver.fresh_only(path) is not None) == fresh


PRESET = '''\
import os

os.environ["KERAS_BACKEND"] = "torch"

import keras

print("backend:", keras.config.backend(), "| in the environment:", os.environ["KERAS_BACKEND"])
'''


def test_a_snippet_that_presets_its_backend_forks_from_a_server_started_with_it(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    """Keras reads KERAS_BACKEND once, at import: the server must have imported it with the snippet's value."""
    preset = half(tmp_path, "preset", PRESET)
    assert forkserver.fresh_only(preset.path) is None
    forked, fresh = forkserver.run(preset, fork_pool).output, run(preset).output
    assert fresh == "backend: torch | in the environment: torch\n"
    assert forked == fresh
    assert ("pytorch", (("KERAS_BACKEND", "torch"),)) in fork_pool.servers


BOARD = """\
import sys

import torch
from torch.utils.tensorboard import SummaryWriter

print(SummaryWriter.__name__, torch.ones(2).sum().item())
"""


def test_a_snippet_importing_tensorboard_forks_from_a_server_that_preloaded_it(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    """torch.utils.tensorboard loads all of TensorFlow: its halves get a server that did so once; plain halves do not."""
    board = half(tmp_path, "board", BOARD)
    assert forkserver.companions(board.path) == ("torch._dynamo", "torch.utils.tensorboard")
    forked, fresh = forkserver.run(board, fork_pool).output, run(board).output
    assert forked == fresh == "SummaryWriter 2.0\n"
    assert ("pytorch", (), ("torch._dynamo", "torch.utils.tensorboard")) in fork_pool.servers
    plain = half(tmp_path, "plain", "import sys\n\nimport torch\n\nprint('tensorflow' in sys.modules)\n")
    assert forkserver.companions(plain.path) == ()
    assert forkserver.run(plain, fork_pool).output == "False\n"


def test_forcing_the_fresh_path_applies_to_every_snippet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.pytorch.py"
    path.write_text("# title: t\nprint(1)\n", encoding="utf-8")
    assert forkserver.fresh_only(path) is None
    monkeypatch.setenv(forkserver.FORCE_FRESH, "1")
    assert forkserver.fresh_only(path) == f"{forkserver.FORCE_FRESH}=1"


def test_server_refuses_to_fork_when_the_import_left_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """fork() copies one thread; a parent with more could hand the child a lock nobody will release."""
    monkeypatch.setitem(forkserver.FRAMEWORK_MODULES, "threaded", "concurrent.futures")
    script = "import threading, time; threading.Thread(target=time.sleep, args=(60,), daemon=True).start()"
    with pytest.raises(forkserver.ForkServerUnavailable, match="left 2 OS threads"):
        forkserver.ForkServer("threaded", forkserver.base_env(), preload=script)



def test_a_snippet_that_notices_the_preloaded_parent_fails_loudly(tmp_path: Path, fork_pool: forkserver.ForkPool) -> None:
    """The snippet test's comparison catches state the fork server does not reset, and names the fork as the cause."""
    from test_snippets import _run_forked

    noticing = half(tmp_path, "noticing", "import sys\nprint('torch already imported:', 'torch' in sys.modules)\n")
    recorded = run(noticing).output
    assert recorded == "torch already imported: False\n"
    with pytest.raises(pytest.fail.Exception, match="the forked run differs from the fresh run, which matches the recording"):
        _run_forked(noticing, fork_pool, recorded)
