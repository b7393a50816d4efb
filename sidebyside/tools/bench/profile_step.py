"""Where the time of PyTorch's eager and compiled CNN train step goes, on this machine.

    python -m sidebyside.tools.bench.profile_step

The benchmark page notes that ``torch.compile`` made the small CNN step
slower; this prints both steps' mean time and a profiler table so a reader
can see the split (library convolution kernels, Inductor's generated code,
the optimizer) for themselves. It prints; it records nothing.
"""

from __future__ import annotations

import time

from sidebyside.tools.bench.common import Config, batch_of, labels_of


def main(steps: int = 50) -> None:
    from sidebyside.tools.bench.torch_worker import _import, as_input, models

    config = Config()
    torch = _import(config)
    from torch.profiler import profile

    x = as_input(torch, batch_of(config.batch, image=True))
    y = torch.tensor(labels_of(config.batch))
    for variant in ("eager", "compiled"):
        model = models(torch)["CNN"]
        forward = torch.compile(model) if variant == "compiled" else model
        optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)

        def step(forward=forward, optimizer=optimizer) -> None:
            optimizer.zero_grad()
            torch.nn.functional.cross_entropy(forward(x), y).backward()
            optimizer.step()

        for _ in range(5):
            step()
        start = time.perf_counter()
        for _ in range(steps):
            step()
        print(f"{variant}: {(time.perf_counter() - start) / steps * 1e3:.3f} ms per step")
        with profile() as prof:
            for _ in range(steps):
                step()
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=12))


if __name__ == "__main__":
    main()
