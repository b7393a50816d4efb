# title: Recording NaN and Inf counts for every op: Debugger V2 dumps and a TorchDispatchMode
# differs: TensorFlow names graph ops (Mul, Log) and writes files for TensorBoard, PyTorch names ATen ops and keeps the record in Python
# same: ^result:
# same: ^op \S+ +(nan=\d+ inf=\d+)$
import os
import tempfile
import textwrap

import tensorflow as tf

# Internal modules: the reader TensorBoard's Debugger V2 plugin uses, and TF1's tfdbg.
from tensorflow.python import debug as tfdbg_v1
from tensorflow.python.debug.lib import debug_events_reader

# TF1's tfdbg still ships, but it wraps a tf.compat.v1.Session: eager code and
# tf.function never use one.
print(
    "TF1 tfdbg session wrapper still importable:",
    hasattr(tfdbg_v1, "LocalCLIDebugWrapperSession"),
)

dump_dir = tempfile.TemporaryDirectory()
logdir = dump_dir.name
# Debugger V2 instrumentation: every op's output summarised (counts of NaN, Inf, ...).
tf.debugging.experimental.enable_dump_debug_info(
    logdir, tensor_debug_mode="FULL_HEALTH", circular_buffer_size=-1
)


@tf.function
def model(x):
    h = x * 2.0
    return tf.reduce_sum(tf.math.log(h))


print("result:", model(tf.constant([1.0, -1.0])).numpy())
tf.debugging.experimental.disable_dump_debug_info()

kinds = sorted(name.split(".")[-1] for name in os.listdir(logdir))
print(textwrap.fill("dump files: " + ", ".join(kinds), 88, subsequent_indent="  "))
# FULL_HEALTH rows: [id, device, dtype, rank, size, -inf, +inf, nan, negative, zero,
# positive]
with debug_events_reader.DebugDataReader(logdir) as reader:
    reader.update()
    for trace in reader.graph_execution_traces():
        health = [int(v) for v in trace.debug_tensor_value]
        print(f"op {trace.op_type:5s} nan={health[7]} inf={health[5] + health[6]}")
print("view it: tensorboard --logdir", "<logdir>", "-> Debugger V2 tab")
dump_dir.cleanup()
