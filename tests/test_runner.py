"""How a failed snippet is summarised: its own traceback, also when a launcher wraps it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sidebyside.pairs.runner import failure


def traceback(path: Path, line: int, error: str, prefix: str = "") -> str:
    """A traceback through ``path`` as Python prints it, each line optionally prefixed (torchrun's ``[rankN]: ``)."""
    lines = ["Traceback (most recent call last):", f'  File "{path.resolve()}", line {line}, in <module>',
             "    raise ValueError('boom')", error]
    return "".join(f"{prefix}{text}\n" for text in lines)


def test_a_plain_run_reports_the_last_traceback_line_through_the_script(tmp_path: Path) -> None:
    script = tmp_path / "pair.pytorch.py"
    assert failure(traceback(script, 3, "ValueError: boom"), script) == (3, "ValueError: boom")


def test_a_launched_run_reports_the_child_traceback_not_the_launchers_error_box(tmp_path: Path) -> None:
    """torchrun prints each rank's traceback, then its own traceback and a box whose last line is a border."""
    script = tmp_path / "pair.pytorch.py"
    launcher = ("Traceback (most recent call last):\n  File \"/venv/torch/distributed/run.py\", line 1032, in <module>\n"
                "    main()\ntorch.distributed.elastic.multiprocessing.errors.ChildFailedError: \n"
                + "=" * 60 + "\npair.pytorch.py FAILED\n" + "-" * 60 + "\nFailures:\n  <NO_OTHER_FAILURES>\n" + "=" * 60 + "\n")
    stderr = (traceback(script, 4, "ValueError: rank 1 broke", "[rank1]: ")
              + traceback(script, 4, "ValueError: rank 0 broke", "[rank0]: ") + launcher)
    assert failure(stderr, script) == (4, "[rank0]: ValueError: rank 0 broke")


def test_without_a_traceback_the_last_stderr_line_is_reported(tmp_path: Path) -> None:
    script = tmp_path / "pair.pytorch.py"
    assert failure("warming up\nstopped: no data\n", script) == (None, "stopped: no data")


@pytest.mark.parametrize(("stderr", "summary"), [
    ("ChildFailedError:\n" + "=" * 60 + "\nRoot Cause (first observed failure):\n  exitcode  : -9 (pid: 12)\n"
     "  error_file: <N/A>\n  traceback : Signal 9 (SIGKILL) received by PID 12\n" + "=" * 60 + "\n",
     "exitcode  : -9 (pid: 12); error_file: <N/A>; traceback : Signal 9 (SIGKILL) received by PID 12"),
    ("RuntimeError: the store could not bind\n" + "=" * 60 + "\n", "RuntimeError: the store could not bind"),
    ("", "no error output"),
])
def test_a_launcher_failure_without_a_traceback_names_its_cause_not_a_border(stderr: str, summary: str) -> None:
    """Planted: torchrun's error box with no child traceback used to be reported as its '=====' border."""
    from sidebyside.pairs.runner import failure
    assert failure(stderr, Path("snippets/t/x.pytorch.py")) == (None, summary)


def test_launched_snippets_take_turns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two torchrun rendezvous at once can pick one port: a launched half holds a machine-wide lock while it runs."""
    import fcntl

    from sidebyside.pairs import runner
    monkeypatch.setattr(runner, "LAUNCH_LOCK", tmp_path / "launch.lock")
    launched = type("H", (), {"launch": ("torchrun",)})()
    with runner._one_launch_at_a_time(launched), (tmp_path / "launch.lock").open("a") as other:  # type: ignore[arg-type]
        with pytest.raises(BlockingIOError):
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    with (tmp_path / "launch.lock").open("a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again once the run ended


def test_a_child_killed_by_a_signal_is_reported_with_what_it_printed_last() -> None:
    """Planted: a rank that aborts in C++ (``terminate called ...``) leaves no Python traceback; the summary
    used to give only the launcher's exit codes, so the abort's own message was lost."""
    stderr = ("*" * 41 + "\nSetting OMP_NUM_THREADS environment variable for each process to be 1 in default\n" + "*" * 41
              + "\nterminate called after throwing an instance of 'gloo::IoException'\n"
              "  what():  [pair.cc:598] Connection closed by peer [127.0.0.1]:4242\n"
              "W1207 11:49:59.067000 31844 torch/distributed/elastic/multiprocessing/api.py:1028] Sending SIGTERM\n"
              "E1207 11:49:59.099000 31844 torch/distributed/elastic/multiprocessing/api.py:1002] failed (exitcode: -6)\n"
              "Traceback (most recent call last):\n  File \"/venv/torch/distributed/run.py\", line 1032, in <module>\n"
              "torch.distributed.elastic.multiprocessing.errors.ChildFailedError: \n" + "=" * 55
              + "\nRoot Cause (first observed failure):\n  exitcode  : -6 (pid: 12)  (SIGABRT)\n  error_file: <N/A>\n"
              "  traceback : Signal 6 (SIGABRT) received by PID 12\n" + "=" * 55 + "\n")
    assert failure(stderr, Path("snippets/t/x.pytorch.py")) == (None, (
        "before it: terminate called after throwing an instance of 'gloo::IoException' "
        "what():  [pair.cc:598] Connection closed by peer [127.0.0.1]:4242; exitcode  : -6 (pid: 12)  (SIGABRT); "
        "error_file: <N/A>; traceback : Signal 6 (SIGABRT) received by PID 12"))
