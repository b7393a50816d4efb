# title: The most frequent operations in one training step
# differs: each framework names its operations in its own vocabulary (MatMul vs aten::mm); both count per step, not time
# same: ^matrix multiplies per step:
import glob
from collections import Counter

import numpy as np
import tensorflow as tf
from tensorflow.tsl.profiler.protobuf import xplane_pb2

# --- setup: seeded data and a small model ---
rng = np.random.default_rng(0)
x = rng.standard_normal((64, 32)).astype("float32")
y = rng.integers(0, 10, 64)
model = tf.keras.Sequential(
    [
        tf.keras.Input((32,)),
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dense(10),
    ]
)
opt = tf.keras.optimizers.SGD(0.01)
loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
# --- end setup ---


@tf.function
def train_step():
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x))
    opt.apply_gradients(
        zip(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
    )


train_step()
tf.profiler.experimental.start("logs")
for step in range(3):
    with tf.profiler.experimental.Trace("train", step_num=step, _r=1):
        train_step()
tf.profiler.experimental.stop()

space = xplane_pb2.XSpace()
space.ParseFromString(
    open(glob.glob("logs/plugins/profile/*/*.xplane.pb")[0], "rb").read()
)
host = next(p for p in space.planes if p.name == "/host:CPU")
names = {key: meta.name for key, meta in host.event_metadata.items()}
op_types = Counter()
for line in host.lines:
    for event in line.events:
        name = names[event.metadata_id]
        op_type = name.rsplit(":", 1)[-1]
        if (
            ":" in name
            and "::" not in name
            and op_type.isidentifier()
            and not op_type.startswith("__")
        ):
            # from "layer/op_name:OpType"; skips runtime events and function calls
            op_types[op_type] += 1
# Counts, not times: times change from run to run, which ops run and how often does not.
for op, count in sorted(op_types.items(), key=lambda kv: (-kv[1], kv[0]))[:8]:
    print(f"{op:<45} {count // 3} per step")
print(
    "matrix multiplies per step:",
    sum(op_types[t] for t in ("MatMul", "_FusedMatMul")) // 3,
)
