# title: Profile three training steps and read the profile back
import glob
from collections import Counter

import numpy as np
import tensorflow as tf
from tensorflow.tsl.profiler.protobuf import xplane_pb2  # the profile's on-disk format

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


train_step()  # trace and warm up outside the profile
tf.profiler.experimental.start("logs")  # what TensorBoard's Profile tab reads
for step in range(3):
    with tf.profiler.experimental.Trace("train", step_num=step, _r=1):  # marks a step
        train_step()
tf.profiler.experimental.stop()

space = xplane_pb2.XSpace()
space.ParseFromString(
    open(glob.glob("logs/plugins/profile/*/*.xplane.pb")[0], "rb").read()
)
host = next(p for p in space.planes if p.name == "/host:CPU")
names = {key: meta.name for key, meta in host.event_metadata.items()}
events = Counter(names[e.metadata_id] for line in host.lines for e in line.events)
op_types = Counter()
for name, count in events.items():
    if ":" in name:  # TensorFlow ops are recorded as "layer/op_name:OpType"
        op_types[name.rsplit(":", 1)[1]] += count
steps = events["train"]
print("steps recorded:", steps)
print(
    "matrix multiplies per step:",
    sum(op_types[t] for t in ("MatMul", "_FusedMatMul", "BatchMatMulV2")) // steps,
)
