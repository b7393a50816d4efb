"""CPU benchmarks of TensorFlow and PyTorch on the same models and data.

``run`` orchestrates; ``tf_worker`` and ``torch_worker`` each run in their
own process and import one framework only; ``common`` holds what both
workers share (data, sizes, the timing loop) so the two sides cannot drift;
``machine`` describes the host; ``schema`` validates result files;
``charts`` draws SVG charts from a result file.
"""
