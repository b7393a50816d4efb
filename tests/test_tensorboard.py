"""TensorBoard event files from both frameworks hold exactly what was logged.

The visualization page says TensorFlow's ``tf.summary`` and PyTorch's
``SummaryWriter`` both produce files TensorBoard understands. Here each
framework writes known values in its own process, run as a snippet is
(forked from that framework's preloaded interpreter, so neither framework's
import affects the other), then TensorBoard's own reader, ``EventAccumulator``,
reads them back in this process and the values are compared with what was
written. A last test starts the real ``tensorboard`` server on 127.0.0.1 and
checks that it serves both runs, which is what the page's screenshot shows.
"""

from __future__ import annotations

import io
import json
import textwrap
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
import pytest
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
from tensorboard.util.tensor_util import make_ndarray

from scripts.tensorboard_screenshot import start_tensorboard, stop, wait_for_runs
from sidebyside.pairs.catalog import Half
from sidebyside.pairs.forkserver import ForkPool, run

LOSSES = [0.5, 0.25, 0.125]
"""Exact in float32, so equality (not a tolerance) is the right check."""
IMAGE = np.arange(2 * 3 * 3, dtype=np.uint8).reshape(2, 3, 3) * 14
HISTOGRAM_INPUT = "np.arange(10, dtype='float32')"
HISTOGRAM_COUNTS = [2, 2, 2, 2, 2]
"""Ten values 0..9 in five equal-width buckets: two per bucket."""

TF_WRITER = f"""
import numpy as np
import tensorflow as tf
writer = tf.summary.create_file_writer(LOGDIR)
image = np.array({IMAGE.tolist()}, dtype="uint8")
model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(2)])
graph = tf.function(lambda x: model(x)).get_concrete_function(tf.TensorSpec((None, 4))).graph
with writer.as_default():
    for step, value in enumerate({LOSSES}):
        tf.summary.scalar("loss", value, step=step)
    tf.summary.histogram("weights", {HISTOGRAM_INPUT}, step=0, buckets=5)
    tf.summary.image("image", image[None], step=0)
    tf.summary.graph(graph)
writer.close()
"""

TORCH_WRITER = f"""
import numpy as np
import torch
from torch.utils.tensorboard import SummaryWriter
writer = SummaryWriter(LOGDIR)
image = np.array({IMAGE.tolist()}, dtype="uint8")
for step, value in enumerate({LOSSES}):
    writer.add_scalar("loss", value, step)
writer.add_histogram("weights", {HISTOGRAM_INPUT}, 0, bins=5)
writer.add_image("image", image, 0, dataformats="HWC")
writer.add_graph(torch.nn.Linear(4, 2), torch.zeros(1, 4))
writer.close()
"""


def write_run(code: str, logdir: Path, framework: str, pool: ForkPool) -> None:
    """Run a writer script the way the suite runs a snippet of ``framework`` (a fork of its preloaded server)."""
    script = logdir.parent / f"write-{logdir.name}.{framework}.py"
    script.write_text(f"LOGDIR = {str(logdir)!r}\n" + textwrap.dedent(code), encoding="utf-8")
    run(Half(framework, script, script.stem, None, 300), pool)  # SiteError, with the traceback's line, on failure


@pytest.fixture(scope="module")
def logs(tmp_path_factory: pytest.TempPathFactory, fork_pool: ForkPool) -> Path:
    """Both frameworks' runs, written once for the module."""
    logdir = tmp_path_factory.mktemp("tensorboard") / "logs"
    logdir.mkdir()
    write_run(TF_WRITER, logdir / "tensorflow", "tensorflow", fork_pool)
    write_run(TORCH_WRITER, logdir / "pytorch", "pytorch", fork_pool)
    return logdir


def read(logdir: Path) -> EventAccumulator:
    events = EventAccumulator(str(logdir), size_guidance={"scalars": 0, "tensors": 0, "histograms": 0, "images": 0})
    events.Reload()
    return events


def decode_png(data: bytes) -> np.ndarray:
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(data)))


@pytest.mark.slow
def test_tf_summary_values_read_back(logs: Path) -> None:
    events = read(logs / "tensorflow")
    # TF2 writes every summary as a tensor event with a plugin name.
    assert events.Tags()["scalars"] == []
    losses = [(e.step, float(make_ndarray(e.tensor_proto))) for e in events.Tensors("loss")]
    assert losses == list(enumerate(LOSSES))
    buckets = make_ndarray(events.Tensors("weights")[0].tensor_proto)
    assert buckets[:, 2].astype(int).tolist() == HISTOGRAM_COUNTS
    assert (buckets[0, 0], buckets[-1, 1]) == (0.0, 9.0)
    width, height, png = make_ndarray(events.Tensors("image")[0].tensor_proto)[:3]
    assert (int(width), int(height)) == (3, 2)
    assert np.array_equal(decode_png(png), IMAGE)
    assert {node.op for node in events.Graph().node} >= {"MatMul", "BiasAdd"}


@pytest.mark.slow
def test_torch_summary_writer_values_read_back(logs: Path) -> None:
    events = read(logs / "pytorch")
    losses = [(e.step, e.value) for e in events.Scalars("loss")]
    assert losses == list(enumerate(LOSSES))
    histogram = events.Histograms("weights")[0].histogram_value
    assert (histogram.num, histogram.min, histogram.max, histogram.sum) == (10, 0.0, 9.0, 45.0)
    # SummaryWriter prepends an empty bucket that ends at min.
    assert [int(c) for c in histogram.bucket] == [0, *HISTOGRAM_COUNTS]
    image = events.Images("image")[0]
    assert (image.width, image.height) == (3, 2)
    assert np.array_equal(decode_png(image.encoded_image_string), IMAGE)
    assert {node.op for node in events.Graph().node} >= {"aten::linear"}


@pytest.mark.slow
def test_tensorboard_server_serves_both_runs(logs: Path) -> None:
    server, url = start_tensorboard(logs)
    try:
        wait_for_runs(url, server, {"tensorflow", "pytorch"})
        for run in ("tensorflow", "pytorch"):
            query = urllib.parse.urlencode({"run": run, "tag": "loss"})
            with urllib.request.urlopen(f"{url}/data/plugin/scalars/scalars?{query}", timeout=30) as response:
                rows = json.load(response)  # [wall_time, step, value] per point
            assert [(step, value) for _, step, value in rows] == list(enumerate(LOSSES)), run
    finally:
        stop(server)
