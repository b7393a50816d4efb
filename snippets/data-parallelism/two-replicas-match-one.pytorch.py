# title: Two replicas on half-batches train exactly like one replica on the full batch
"""DDP on two processes versus a plain loop in one process, same data and weights."""
import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel as DDP


def r4(values):
    """Round to 4 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]


def setup():
    """Same data and initial weights in every process (numpy RandomState, seed 0)."""
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(16, 3)).astype("float32"))
    y = torch.from_numpy(rng.normal(size=(16, 1)).astype("float32"))
    k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
    k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4, bias=False), torch.nn.Tanh(), torch.nn.Linear(4, 1, bias=False)
    )
    with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose
        model[0].weight.copy_(torch.from_numpy(k1.T))
        model[2].weight.copy_(torch.from_numpy(k2.T))
    return x, y, model


def train(model, x, y, rank=0, world_size=1):
    """Global batch 8 per step; each process takes its slice of it."""
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    local = 8 // world_size
    epoch_losses = []
    for _ in range(3):
        losses = []
        for start in range(0, len(x), 8):
            xb = x[start + rank * local:start + (rank + 1) * local]
            yb = y[start + rank * local:start + (rank + 1) * local]
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


def worker(rank, world_size, port, results, done):
    # Join the rendezvous store the parent process holds open (see the bottom of the file).
    store = dist.TCPStore("127.0.0.1", port, is_master=False)
    dist.init_process_group("gloo", store=store, rank=rank, world_size=world_size)
    torch.set_num_threads(1)
    x, y, model = setup()
    losses = train(DDP(model), x, y, rank, world_size)
    if rank == 0:  # the copies are identical, so rank 0 reports for both
        results.put((losses, [p.detach().numpy().copy() for p in model.parameters()]))
    dist.barrier()
    dist.destroy_process_group()
    done.wait()  # leave together: gloo can abort if its peer exits mid-teardown


if __name__ == "__main__":
    # The parent holds the rendezvous store on a loopback port the OS picks (port 0) and
    # keeps it bound until the workers are done, so no other program can take the port meanwhile.
    store = dist.TCPStore("127.0.0.1", 0, is_master=True, wait_for_workers=False)
    port = store.port
    results = mp.get_context("spawn").SimpleQueue()
    done = mp.get_context("spawn").Barrier(2)
    mp.spawn(worker, args=(2, port, results, done), nprocs=2, join=True)
    two_losses, two_weights = results.get()

    torch.set_num_threads(1)
    x, y, model = setup()
    one_losses = train(model, x, y)
    one_weights = [p.detach().numpy() for p in model.parameters()]

    for epoch, (a, b) in enumerate(zip(two_losses, one_losses), start=1):
        print(f"epoch {epoch}: 2 replicas loss {a:.8g} | 1 replica loss {b:.8g}")
    print("output weights, 2 replicas:", r4(two_weights[1]))
    print("output weights, 1 replica: ", r4(one_weights[1]))
    gap = max(float(np.abs(a - b).max()) for a, b in zip(two_weights, one_weights))
    print("max weight difference below 1e-6:", gap < 1e-6)
