# title: Each replica computes a gradient on its half of the batch; all-reduce averages them
# launch: torchrun --standalone --nproc-per-node 2
"""DistributedDataParallel: two processes started by torchrun, talking over gloo."""

# --- setup: imports and a print helper ---
import gc

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def r8(values):
    """Round to 8 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]
# --- end setup ---


def main():
    # torchrun sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT for each process.
    dist.init_process_group("gloo")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    # --- setup: the same data and weight in each process ---
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(8, 3)).astype("float32"))
    y = torch.from_numpy(rng.normal(size=(8, 1)).astype("float32"))
    w0 = torch.from_numpy(rng.normal(size=(3, 1)).astype("float32"))
    model = torch.nn.Linear(3, 1, bias=False)
    with torch.no_grad():
        model.weight.copy_(w0.T)
    # --- end setup ---
    ddp = DDP(
        model
    )  # broadcasts rank 0's weights, then all-reduces gradients in backward()

    # Each process takes its own half of the global batch of 8.
    xb, yb = x[rank * 4 : (rank + 1) * 4], y[rank * 4 : (rank + 1) * 4]
    # The gradient this process would have on its own, without communication:
    local = torch.autograd.grad(torch.mean((model(xb) - yb) ** 2), model.weight)[0]
    # Through DDP, backward() all-reduces and averages the gradients of all processes.
    torch.mean((ddp(xb) - yb) ** 2).backward()
    averaged = model.weight.grad

    # Collect both processes' results on rank 0, which alone prints (fixed order).
    gathered = [None] * world_size
    dist.all_gather_object(gathered, (local.numpy().ravel(), averaged.numpy().ravel()))
    if rank == 0:
        print("replicas:", world_size)
        for r in range(world_size):
            print(f"replica {r} local gradient:    ", r8(gathered[r][0]))
        for r in range(world_size):
            print(f"replica {r} after all-reduce:  ", r8(gathered[r][1]))
        # Reference: one process, the whole batch.
        w_single = w0.clone().requires_grad_()
        full = torch.autograd.grad(torch.mean((x @ w_single - y) ** 2), w_single)[
            0
        ].numpy()
        print("one device, full batch:     ", r8(full))
        diff = max(float(np.abs(g[1] - full.ravel()).max()) for g in gathered)
        print("all-reduced == full batch:", diff < 1e-6)
    dist.barrier()  # nobody leaves while another process still works
    del ddp  # DDP holds the process group: let go of it first
    dist.destroy_process_group()
    gc.collect()  # free the group now, so gloo's threads stop before Python exits


if __name__ == "__main__":
    main()
