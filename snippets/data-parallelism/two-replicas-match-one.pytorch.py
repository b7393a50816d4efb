# title: Two replicas on half-batches train exactly like one replica on the full batch
# launch: torchrun --standalone --nproc-per-node 2
"""DDP on two processes started by torchrun versus a plain loop in one process, same
data and weights.
"""

# --- setup: imports, a print helper, the same data and weights in each process ---
import gc

import numpy as np
import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel as DDP


def r8(values):
    """Round to 8 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]


def setup():
    """Same data and initial weights in every process (numpy RandomState, seed 0)."""
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(16, 3)).astype("float32"))
    y = torch.from_numpy(rng.normal(size=(16, 1)).astype("float32"))
    k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
    k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4, bias=False),
        torch.nn.Tanh(),
        torch.nn.Linear(4, 1, bias=False),
    )
    with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose
        model[0].weight.copy_(torch.from_numpy(k1.T))
        model[2].weight.copy_(torch.from_numpy(k2.T))
    return x, y, model
# --- end setup ---


def train(model, x, y, rank=0, world_size=1):
    """Global batch 8 per step; each process takes its slice of it."""
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    local = 8 // world_size
    epoch_losses = []
    for _ in range(3):
        losses = []
        for start in range(0, len(x), 8):
            xb = x[start + rank * local : start + (rank + 1) * local]
            yb = y[start + rank * local : start + (rank + 1) * local]
            optimizer.zero_grad()
            loss = torch.mean((model(xb) - yb) ** 2)
            loss.backward()  # under DDP: gradients all-reduced (averaged) here
            optimizer.step()
            report = loss.detach().clone()
            if world_size > 1:
                dist.all_reduce(report)  # sum over processes, for reporting only
            losses.append(float(report) / world_size)
        epoch_losses.append(sum(losses) / len(losses))
    return epoch_losses


def main():
    # torchrun sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT for each process.
    dist.init_process_group("gloo")
    rank, world_size = dist.get_rank(), dist.get_world_size()
    torch.set_num_threads(1)
    x, y, model = setup()
    two_losses = train(DDP(model), x, y, rank, world_size)
    if rank == 0:  # the copies are identical, so rank 0 reports for both
        two_weights = [p.detach().numpy().copy() for p in model.parameters()]
        # The reference: one process, no DDP, the whole batch of 8 per step.
        x, y, single = setup()
        one_losses = train(single, x, y)
        one_weights = [p.detach().numpy() for p in single.parameters()]

        for epoch, (a, b) in enumerate(zip(two_losses, one_losses), start=1):
            print(f"epoch {epoch}: 2 replicas loss {a:.8g} | 1 replica loss {b:.8g}")
        print("output weights, 2 replicas:", r8(two_weights[1]))
        print("output weights, 1 replica: ", r8(one_weights[1]))
        gap = max(float(np.abs(a - b).max()) for a, b in zip(two_weights, one_weights))
        print("max weight difference below 1e-6:", gap < 1e-6)
    dist.barrier()  # nobody leaves while another process still works
    dist.destroy_process_group()
    gc.collect()  # free the group now, so gloo's threads stop before Python exits


if __name__ == "__main__":
    main()
