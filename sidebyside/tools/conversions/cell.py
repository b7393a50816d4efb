"""Run cells of the matrix, each in its own forked process, and print each result as one JSON line.

The parent imports the frameworks once and then forks one child per cell:
a converter that crashes, hangs or leaks global state takes down only its
own cell (a hang is killed at the timeout), while the matrix does not pay
the frameworks' import time 84 times over. The runner (``run``) starts one
such server per environment and Keras backend, and sends it one request
per line: ``{"path": ..., "family": ..., "timeout": ...}``.

    python -m sidebyside.tools.conversions.cell --serve
    python -m sidebyside.tools.conversions.cell PATH_ID FAMILY_ID WORKDIR   # one cell, in this process
"""

from __future__ import annotations

import json
import os
import select
import signal
import sys
import tempfile
import time
import traceback
from importlib import metadata
from pathlib import Path

import numpy as np

from sidebyside.tools.conversions.families import FAMILIES
from sidebyside.tools.conversions.paths import all_paths
from sidebyside.tools.conversions.paths._common import StageError, first_line
from sidebyside.tools.conversions.schema import MARKER, SAMPLES, TOLERANCE, largest_difference


def versions(packages: tuple[str, ...]) -> dict[str, str]:
    found = {}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def compare(original: np.ndarray, converted: np.ndarray) -> dict:
    """Status, largest absolute difference, the outputs it comes from and, for a mismatch, what differs.

    The record keeps the ``SAMPLES`` output elements that differ most, as
    ``[flat index, original, converted]``: the difference is then derived
    from recorded outputs, and a figure edited by hand no longer matches them.
    """
    original, converted = np.asarray(original, dtype="float64"), np.asarray(converted, dtype="float64")
    if original.shape != converted.shape:
        return {"status": "mismatch", "max_abs_diff": None, "largest": [],
                "error": f"output shape {converted.shape}, expected {original.shape}"}
    flat_original, flat_converted = original.ravel(), converted.ravel()
    distance = np.abs(flat_original - flat_converted)
    if not np.all(np.isfinite(distance)):  # NaN has no order, and JSON has no NaN
        return {"status": "mismatch", "max_abs_diff": None, "largest": [],
                "error": f"{int(np.sum(~np.isfinite(distance)))} output elements are not finite numbers"}
    order = np.argsort(-distance, kind="stable")[:SAMPLES]
    largest = [[int(i), float(flat_original[i]), float(flat_converted[i])] for i in order]
    diff = largest_difference(largest)
    if diff is None or diff > TOLERANCE:
        return {"status": "mismatch", "max_abs_diff": diff, "largest": largest,
                "error": f"largest difference {diff:.3g} > tolerance {TOLERANCE:g}"}
    return {"status": "pass", "max_abs_diff": diff, "largest": largest, "error": None}


def run_cell(path_id: str, family_id: str, workdir: Path) -> dict:
    path, family = all_paths()[path_id], FAMILIES[family_id]
    started = time.perf_counter()
    result = {"path": path_id, "family": family_id}
    try:
        original, converted = path.run(family, workdir)
        result.update(compare(original, converted))
    except StageError as error:
        result.update(status="error", max_abs_diff=None, largest=[], error=str(error))
    except Exception as error:  # any failure is this cell's result
        traceback.print_exc()
        first = first_line(str(error))
        result.update(status="error", max_abs_diff=None, largest=[], error=f"{type(error).__name__}: {first}".rstrip(": "))
    if result["error"]:  # the temporary directory's name changes every run; the record should not
        result["error"] = result["error"].replace(str(workdir), "<workdir>")
    result["seconds"] = round(time.perf_counter() - started, 2)
    result["versions"] = versions(path.PACKAGES)
    return result


def failure(path_id: str, family_id: str, status: str, error: str, seconds: float) -> dict:
    packages = all_paths()[path_id].PACKAGES
    return {"path": path_id, "family": family_id, "status": status, "max_abs_diff": None, "largest": [], "error": error,
            "seconds": round(seconds, 2), "versions": versions(packages)}


def preload() -> None:
    """Import what most cells need before forking, so each child starts warm (no framework state is created)."""
    import torch  # noqa: F401

    if os.environ.get("KERAS_BACKEND", "tensorflow") == "tensorflow":
        import tensorflow  # noqa: F401
    import keras  # noqa: F401


def forked(path_id: str, family_id: str, timeout: float) -> dict:
    """Run one cell in a forked child with a deadline; its death or hang is the cell's result."""
    started = time.perf_counter()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_end)
        code = 0
        try:
            with tempfile.TemporaryDirectory(prefix="conversion-") as workdir:
                os.chdir(workdir)
                data = json.dumps(run_cell(path_id, family_id, Path(workdir))).encode()
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        except BaseException:  # never return into the server's loop from a child
            traceback.print_exc()
            code = 1
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    chunks, deadline = [], started + timeout
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            left = deadline - time.perf_counter()
            ready = select.select([pipe], [], [], max(left, 0))[0] if left > 0 else []
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return failure(path_id, family_id, "timeout", f"no result within {timeout:g} s", time.perf_counter() - started)
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if chunks:
        return json.loads(b"".join(chunks))
    if os.WIFSIGNALED(status):
        return failure(path_id, family_id, "crash", f"crashed with {signal.Signals(os.WTERMSIG(status)).name}",
                       time.perf_counter() - started)
    return failure(path_id, family_id, "error", f"exited with {os.WEXITSTATUS(status)} and no result",
                   time.perf_counter() - started)


def serve() -> int:
    preload()
    print(MARKER + json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        result = forked(request["path"], request["family"], request["timeout"])
        sys.stdout.flush()
        print(MARKER + json.dumps(result), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--serve"]:
        return serve()
    path_id, family_id, workdir = args
    print(MARKER + json.dumps(run_cell(path_id, family_id, Path(workdir))), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
