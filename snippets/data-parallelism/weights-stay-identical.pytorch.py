# title: Three training steps with different data per replica: the weight copies stay identical
# launch: torchrun --standalone --nproc-per-node 2
"""A DistributedDataParallel training loop: two processes started by torchrun, gloo
backend.
"""

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
    torch.set_num_threads(1)

    # --- setup: the same data and weights in each process ---
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(24, 3)).astype("float32"))
    y = torch.from_numpy(rng.normal(size=(24, 1)).astype("float32"))
    k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
    k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
    # --- end setup ---
    global_batch, local_batch = 8, 8 // world_size

    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4, bias=False),
        torch.nn.Tanh(),
        torch.nn.Linear(4, 1, bias=False),
    )
    # --- setup: copy the shared weights in ---
    with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose
        model[0].weight.copy_(torch.from_numpy(k1.T))
        model[2].weight.copy_(torch.from_numpy(k2.T))
    # --- end setup ---
    ddp = DDP(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.1)

    for step in range(1, 4):
        start = (step - 1) * global_batch + rank * local_batch  # this process's half
        xb, yb = x[start : start + local_batch], y[start : start + local_batch]
        optimizer.zero_grad()
        # Mean over the LOCAL batch: DDP then AVERAGES gradients across processes.
        loss = torch.mean((ddp(xb) - yb) ** 2)
        loss.backward()  # all-reduce happens here
        optimizer.step()

        mean_loss = loss.detach().clone()
        dist.all_reduce(mean_loss)  # sum of the processes' losses, for reporting only
        copies = [None] * world_size
        dist.all_gather_object(copies, model[2].weight.detach().numpy().copy())
        if rank == 0:
            print(f"step {step} loss {float(mean_loss) / world_size:.8g}")
            for r, copy in enumerate(copies):
                print(f"  replica {r} output weights:", r8(copy))
            print(
                "  copies bit-identical:",
                all(np.array_equal(copies[0], c) for c in copies),
            )
    dist.barrier()  # nobody leaves while another process still works
    del ddp  # DDP holds the process group: let go of it first
    dist.destroy_process_group()
    gc.collect()  # free the group now, so gloo's threads stop before Python exits


if __name__ == "__main__":
    main()
