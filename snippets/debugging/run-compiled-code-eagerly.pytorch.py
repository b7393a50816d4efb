# title: Switching compilation off to debug: tf.config.run_functions_eagerly and torch.compiler.set_stance
import torch


@torch.compile(backend="eager")  # "eager" backend: graph capture without a C++ build
def step(x):
    if not torch.compiler.is_compiling():
        # Only reachable eagerly: here .tolist(), print() or breakpoint() see real
        # values.
        print("  Python sees the value:", x.tolist())
    return x * 2.0, torch.tensor(not torch.compiler.is_compiling())


def call_twice(label):
    print(label)
    for value in (1.0, 2.0):
        out, eager = step(torch.tensor([value]))
        print(f"  result {out.tolist()}, ran eagerly: {bool(eager)}")


call_twice("compiled (default):")
# debugging switch: the same function, run op by op
torch.compiler.set_stance("force_eager")
call_twice("debugging switch on:")
torch.compiler.set_stance("default")  # switch it back before measuring speed
call_twice("switch off again:")
