# title: Log a model's graph for the Graphs dashboard and list its ops
# differs: each framework records its own op names (TensorFlow ops vs TorchScript aten:: ops)
# same: ^graph stored:
from collections import Counter

import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

tf.keras.utils.set_random_seed(0)
model = tf.keras.Sequential(
    [
        tf.keras.Input((4,)),
        tf.keras.layers.Dense(8, activation="relu"),
        tf.keras.layers.Dense(2),
    ]
)


@tf.function
def forward(x):
    return model(x)


# Trace once to get a graph, then write it: the graph is a GraphDef in the event file.
graph = forward.get_concrete_function(tf.TensorSpec((None, 4), tf.float32)).graph
writer = tf.summary.create_file_writer("logs/tensorflow")
with writer.as_default():
    tf.summary.graph(graph)
writer.close()

events = EventAccumulator("logs/tensorflow")
events.Reload()
graph_def = events.Graph()
ops = Counter(node.op for node in graph_def.node)
print("graph stored:", events.Tags()["graph"])
print("nodes:", len(graph_def.node))
print(
    "compute ops:",
    {op: n for op, n in sorted(ops.items()) if op in ("MatMul", "BiasAdd", "Relu")},
)
