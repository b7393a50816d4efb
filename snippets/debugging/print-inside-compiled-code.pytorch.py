# title: Printing inside compiled code: print and tf.print in tf.function, print in torch.compile
# differs: tf.function runs Python print only while tracing, torch.compile splits its graph at print and runs it on every call
# same: ^call returned:
import torch
import torch._dynamo


def step(x):
    y = x * 2.0
    # Dynamo cannot put print into a graph: it breaks the graph here and
    # runs print in ordinary Python, on every call, with the real value.
    print("print    sees:", y)
    return y + 1.0


# "eager" backend: no C++ build, same graph capture
compiled = torch.compile(step, backend="eager")
for value in (1.0, 2.0, 3.0):
    out = compiled(torch.tensor([value]))
    print("call returned:", out.tolist())

# torch._dynamo.explain reports graph breaks without reading any log. It runs the
# function once, so its print shows up in the output too.
torch._dynamo.reset()
report = torch._dynamo.explain(step)(torch.tensor([1.0]))
print("graphs:", report.graph_count, "graph breaks:", report.graph_break_count)
print("break reason:", str(report.break_reasons[0].reason).strip().splitlines()[0])

# Declaring print as reorderable logging keeps one graph; print still runs each call.
torch._dynamo.reset()
torch._dynamo.config.reorderable_logging_functions.add(print)
report = torch._dynamo.explain(step)(torch.tensor([4.0]))
print(
    "with reorderable print -> graphs:",
    report.graph_count,
    "graph breaks:",
    report.graph_break_count,
)
