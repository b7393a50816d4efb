"""What the path modules share: building a family's original model, running it, and naming failing stages."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from sidebyside.tools.bench.common import onnx_runner
from sidebyside.tools.conversions.families import Family


class StageError(RuntimeError):
    """A conversion step failed; the message starts with the step so a reader knows which tool broke."""


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def first_line(message: str) -> str:
    """The first informative line of an error: Keras wraps the real cause after an 'Exception encountered' line."""
    lines = [line.strip() for line in ANSI.sub("", message).splitlines() if line.strip()]
    lines = [line for line in lines if not line.startswith("Exception encountered when calling")] or lines
    return lines[0] if lines else ""


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Prefix any exception raised inside with the step's name, keeping only its first line."""
    try:
        yield
    except StageError:
        raise
    except BaseException as error:  # every failure of a tool is a result to record
        if isinstance(error, KeyboardInterrupt):
            raise
        raise StageError(f"[{name}] {type(error).__name__}: {first_line(str(error))}".rstrip(": ")) from error


def keras_outputs(model, x: np.ndarray) -> np.ndarray:
    """A Keras model's outputs on a batch, in inference mode: how the original and every Keras result are run."""
    return np.asarray(model(x, training=False))


def torch_outputs(module, x: np.ndarray) -> np.ndarray:
    """A PyTorch module's outputs on a NumPy batch, without autograd: how the original and every PyTorch result are run."""
    import torch

    with torch.no_grad():
        return module(torch.from_numpy(x)).numpy()


def keras_original(family: Family):
    """The Keras model, the family's batch in Keras layout, and the model's outputs on it."""
    model = family.keras()
    x, _ = family.inputs()
    return model, x, keras_outputs(model, x)


def torch_original(family: Family):
    """The PyTorch module, the family's batch in PyTorch layout, and the module's outputs on it."""
    module = family.torch()
    _, x = family.inputs()
    return module, x, torch_outputs(module, x)


def keras_export(model, path: Path, fmt: str) -> Path:
    """Keras 3's one export call, ``model.export(path, format=fmt)``, as its own stage."""
    with stage(f'export(format="{fmt}")'):
        model.export(str(path), format=fmt, verbose=False)
    return path


def run_onnx(path: Path, x: np.ndarray) -> np.ndarray:
    """The first output of an ONNX file in onnxruntime on one CPU thread, as the stage ``onnxruntime``."""
    with stage("onnxruntime"):
        return onnx_runner(path, 1)(x)[0]


def run_litert(path: Path, candidates: list[np.ndarray]) -> np.ndarray:
    """Run a .tflite file as the stage ``LiteRT interpreter``."""
    with stage("LiteRT interpreter"):
        return _run_litert(path, candidates)


def _run_litert(path: Path, candidates: list[np.ndarray]) -> np.ndarray:
    """Feed whichever layout of the input the file's signature expects (converters may go NHWC)."""
    from ai_edge_litert.interpreter import Interpreter

    interpreter = Interpreter(model_path=str(path), num_threads=1)
    detail = interpreter.get_input_details()[0]
    # a dynamic batch is stored as -1 in the signature (and 1 in the shape): resize it to ours
    wanted = [int(d) for d in detail.get("shape_signature", detail["shape"])]
    x = next((c for c in candidates if len(c.shape) == len(wanted)
              and all(w in (-1, n) for w, n in zip(wanted, c.shape, strict=True))), None)
    if x is None:
        raise ValueError(f"the converted model wants input {tuple(wanted)}, not any of {[c.shape for c in candidates]}")
    if -1 in wanted:
        interpreter.resize_tensor_input(detail["index"], list(x.shape))
    interpreter.allocate_tensors()
    interpreter.set_tensor(detail["index"], x)
    interpreter.invoke()
    return interpreter.get_tensor(interpreter.get_output_details()[0]["index"])


def torch_to_onnx(module, x: np.ndarray, path: Path) -> Path:
    """The ONNX file the ONNX-consuming paths start from: PyTorch's own exporter, as a reader would make it."""
    import torch

    with stage("torch.onnx.export(dynamo=True)"):
        torch.onnx.export(module, (torch.from_numpy(x),), str(path), dynamo=True, verbose=False)
    return path


ERROR_LINE = re.compile(r"^\s*(?:[\w.]+\.)?\w*(?:Error|Exception|Failure)\b.*$", re.MULTILINE)


def run_cli(name: str, args: list[str], timeout: float = 600) -> None:
    """Run a converter's command line; a failure is reported by its first error line."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        text = done.stderr + done.stdout
        match = ERROR_LINE.search(text)
        line = match.group(0).strip() if match else (text.strip().splitlines() or [f"exit code {done.returncode}"])[-1]
        raise StageError(f"[{name}] {line}")
