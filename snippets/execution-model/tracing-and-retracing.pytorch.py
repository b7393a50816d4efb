# title: Compiling traces the Python function once per input signature
# differs: by default TensorFlow traces again for every new shape; PyTorch compiles one dynamic-shape graph after the first change
# same: ^result:
# same: ^traces after 3 calls with one shape:
# same: ^traces after a new shape:
import torch

traces = []


def counting_backend(graph_module, example_inputs):
    """A torch.compile backend that only counts captured graphs, then runs them."""
    traces.append(len(example_inputs))
    return graph_module.forward


@torch.compile(backend=counting_backend)
def scaled_sum(x):
    return torch.sum(x * 2.0)


for _ in range(3):
    result = scaled_sum(torch.tensor([1.0, 2.0, 3.0]))
print("result:", float(result))
print("traces after 3 calls with one shape:", len(traces))

scaled_sum(torch.tensor([1.0, 2.0, 3.0, 4.0]))  # new shape -> recompilation
print("traces after a new shape:", len(traces))
# The recompiled graph marked the size as dynamic: later shapes reuse it.
scaled_sum(torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0]))
print("traces after a third shape:", len(traces))
