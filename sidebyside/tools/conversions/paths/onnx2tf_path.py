"""ONNX -> TensorFlow/LiteRT with onnx2tf, starting from PyTorch's own ONNX export."""

import numpy as np

from sidebyside.tools.conversions.paths._common import run_litert, stage, torch_original, torch_to_onnx

ID = "onnx2tf"
TITLE = "ONNX → TensorFlow/LiteRT (onnx2tf)"
HOW = ("`onnx2tf.convert(...)` on a `torch.onnx.export` file, float32 .tflite run in `ai_edge_litert`. For "
       "3-channel image inputs onnx2tf downloads sample images from GitHub at conversion time; with no network "
       "here, a seeded stand-in of the same name is placed in its working directory")
ENV = "convert"
WHY_SEPARATE = (
    'onnx2tf 2.x requires Python 3.12 or newer; 1.28.8 is the version pip resolves on this Python 3.11 '
    'against the pinned set. It imports tf_keras, whose metadata requires the full "tensorflow" '
    'distribution rather than the pinned "tensorflow-cpu" (same code, same version), so tf-keras 2.21.0 '
    'is installed with --no-deps.'
)
PACKAGES = ("onnx2tf", "tensorflow-cpu", "tf-keras", "torch", "onnx", "ai-edge-litert")


SAMPLE = "calibration_image_sample_data_20x128x128x3_float32.npy"
"""The file onnx2tf reads from the working directory before trying to download it."""


def _sample_images(workdir) -> None:
    data = np.random.default_rng(0).random((20, 128, 128, 3), dtype=np.float32)
    np.save(workdir / SAMPLE, data)


def run(family, workdir):
    module, x, original = torch_original(family)
    path = torch_to_onnx(module, x, workdir / "model.onnx")
    out = workdir / "onnx2tf"
    _sample_images(workdir)
    with stage("onnx2tf.convert"):
        import onnx2tf

        onnx2tf.convert(input_onnx_file_path=str(path), output_folder_path=str(out), non_verbose=True)
    tflite = next(iter(sorted(out.glob("*_float32.tflite"))), None)
    if tflite is None:
        with stage("onnx2tf.convert"):
            raise FileNotFoundError("no *_float32.tflite written")
    # onnx2tf turns channels-first inputs into channels-last ones
    candidates = [x, np.ascontiguousarray(np.moveaxis(x, 1, -1))]
    return original, run_litert(tflite, candidates)
