"""TensorFlow side of the benchmarks; runs in its own process, imports no torch.

Usage (by ``run``): ``python -m sidebyside.tools.bench.tf_worker main|startup CONFIG_JSON``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sidebyside.tools.bench import common
from sidebyside.tools.bench.common import Config, Measurement, TrainingRun

FW = "tensorflow"


def _import(config: Config):
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(config.threads)
    tf.config.threading.set_inter_op_parallelism_threads(1)
    tf.keras.utils.set_random_seed(0)
    return tf


def models(tf):
    """The two benchmark architectures; torch_worker defines the same ones."""
    keras = tf.keras
    mlp = keras.Sequential([keras.Input((64,)), keras.layers.Dense(128, activation="relu"), keras.layers.Dense(10)])
    cnn = keras.Sequential([
        keras.Input((8, 8, 1)),
        keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.GlobalAveragePooling2D(),
        keras.layers.Dense(10),
    ])
    return {"MLP": mlp, "CNN": cnn}


def step_benchmarks(tf, config: Config) -> list[Measurement]:
    out = [common.first_use_measurement(FW, lambda: tf.function(lambda t: tf.nn.relu(t) * 2)(tf.ones(8)))]
    loss_fn = tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    for name, model in models(tf).items():
        x = tf.constant(common.batch_of(config.batch, image=name == "CNN"))
        y = tf.constant(common.labels_of(config.batch))
        optimizer = tf.keras.optimizers.Adam(1e-3, epsilon=1e-7)

        def step(x=x, y=y, model=model, optimizer=optimizer):
            with tf.GradientTape() as tape:
                loss = loss_fn(y, model(x, training=True))
            grads = tape.gradient(loss, model.trainable_variables)
            optimizer.apply_gradients(zip(grads, model.trainable_variables, strict=True))
            return loss

        variants = {"eager": step, "compiled": tf.function(step), "XLA": tf.function(step, jit_compile=True)}
        for variant, fn in variants.items():
            out += common.step_measurements(FW, name, variant, fn, config)
    return out


def training_benchmark(tf, config: Config) -> list[Measurement]:
    x_train, y_train, x_test, y_test = common.digits()
    x_train, x_test = x_train.reshape(-1, 8, 8, 1), x_test.reshape(-1, 8, 8, 1)
    runs = []
    for repeat in range(config.repeats):
        tf.keras.utils.set_random_seed(repeat)
        runs.append(_train_once(tf, config, TrainingRun(repeat, config.target_accuracy), x_train, y_train, x_test, y_test))
    return common.training_measurements(FW, "model.fit", runs, len(x_train), config)


def _train_once(tf, config: Config, run: TrainingRun, x_train, y_train, x_test, y_test) -> TrainingRun:
    """Train a fresh CNN for the whole epoch budget; evaluation is not timed."""
    model = models(tf)["CNN"]
    model.compile(optimizer=tf.keras.optimizers.Adam(1e-3, epsilon=1e-7),
                  loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    for _ in range(config.max_epochs):
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=config.train_batch, epochs=1, shuffle=True, verbose=0)
        seconds = time.perf_counter() - start
        logits = model(x_test, training=False).numpy()
        run.epoch_done(seconds, float((logits.argmax(1) == y_test).mean()))
    return run


def inference_benchmarks(tf, config: Config) -> list[Measurement]:
    out = []
    model = models(tf)["CNN"]
    work = Path(tempfile.mkdtemp(prefix="bench-tf-"))
    saved = work / "saved"
    model.export(str(saved), verbose=False)
    loaded = tf.saved_model.load(str(saved))
    converter = tf.lite.TFLiteConverter.from_saved_model(str(saved))
    (work / "model.tflite").write_bytes(converter.convert())
    onnx_path = work / "model.onnx"
    subprocess.run([sys.executable, "-m", "tf2onnx.convert", "--saved-model", str(saved), "--output", str(onnx_path)],
                   check=True, capture_output=True)
    run_onnx = common.onnx_runner(onnx_path, config.threads)
    from ai_edge_litert.interpreter import Interpreter

    compiled = tf.function(lambda x: model(x, training=False))
    for batch in (1, 64):
        x_np = common.batch_of(batch, image=True)
        x = tf.constant(x_np)
        interpreter = Interpreter(model_path=str(work / "model.tflite"), num_threads=config.threads)
        detail = interpreter.get_input_details()[0]
        interpreter.resize_tensor_input(detail["index"], list(x_np.shape))
        interpreter.allocate_tensors()

        def litert(interpreter=interpreter, detail=detail, x_np=x_np):
            interpreter.set_tensor(detail["index"], x_np)
            interpreter.invoke()

        runtimes = {
            ("native eager", "model(x)"): lambda x=x: model(x, training=False),
            ("native compiled", "tf.function"): lambda x=x: compiled(x),
            ("exported program", "SavedModel"): lambda x=x: loaded.serve(x),
            ("mobile runtime", "LiteRT"): litert,
            ("ONNX", "onnxruntime (tf2onnx)"): lambda x_np=x_np: run_onnx(x_np),
        }
        out += common.latency_measurements(FW, batch, runtimes, config)
    return out


def pipeline_benchmarks(tf, config: Config) -> list[Measurement]:
    x_train, y_train, _, _ = common.digits()
    out = []
    files = [str(p) for p in common.sample_files(x_train)]

    def decode(path):
        return tf.io.decode_raw(tf.io.read_file(path), tf.float32)

    for parallel, variant in ((1, "serial"), (2, "2 parallel workers")):
        memory = tf.data.Dataset.from_tensor_slices((x_train, y_train)).map(
            lambda x, y: (x * 1.0, y), num_parallel_calls=parallel).batch(config.batch).prefetch(1)
        on_disk = tf.data.Dataset.from_tensor_slices(files).map(decode, num_parallel_calls=parallel).batch(config.batch).prefetch(1)
        for source, dataset in (("in-memory arrays", memory), ("files on disk", on_disk)):
            out.append(common.pipeline_measurement(FW, source, variant, "tf.data", dataset, len(x_train), config))
    return out


def matmul_benchmark(tf, config: Config) -> list[Measurement]:
    n = config.matmul_size
    a = tf.random.uniform((n, n))
    b = tf.random.uniform((n, n))
    return common.matmul_measurement(FW, "tf.matmul (Eigen/oneDNN)", lambda: tf.matmul(a, b).numpy(), config)


def startup(config: Config) -> list[Measurement]:
    """Import time and the peak RSS of a few training steps, in a fresh process."""
    start = time.perf_counter()
    tf = _import(config)
    imported = time.perf_counter() - start
    model = models(tf)["CNN"]
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    x, y = common.batch_of(config.batch, image=True), common.labels_of(config.batch)
    model.fit(x, tf.constant(y), epochs=2, verbose=0)
    return common.startup_measurements(FW, "tensorflow", imported, "CNN fit")


def main() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    common.worker_main(startup, _import, (step_benchmarks, training_benchmark, inference_benchmarks, pipeline_benchmarks, matmul_benchmark))

if __name__ == "__main__":
    main()
