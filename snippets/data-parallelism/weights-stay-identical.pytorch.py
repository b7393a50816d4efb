# title: Three training steps with different data per replica: the weight copies stay identical
"""A DistributedDataParallel training loop: two processes, gloo backend, 127.0.0.1."""
import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel as DDP


def r4(values):
    """Round to 4 decimals for printing, so both frameworks print the same text."""
    return [round(float(v), 8) for v in np.ravel(values)]


def worker(rank, world_size, port, done):
    # Join the rendezvous store the parent process holds open (see the bottom of the file).
    store = dist.TCPStore("127.0.0.1", port, is_master=False)
    dist.init_process_group("gloo", store=store, rank=rank, world_size=world_size)
    torch.set_num_threads(1)

    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(24, 3)).astype("float32"))
    y = torch.from_numpy(rng.normal(size=(24, 1)).astype("float32"))
    k1 = rng.normal(size=(3, 4)).astype("float32") * 0.5
    k2 = rng.normal(size=(4, 1)).astype("float32") * 0.5
    global_batch, local_batch = 8, 8 // world_size

    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4, bias=False), torch.nn.Tanh(), torch.nn.Linear(4, 1, bias=False)
    )
    with torch.no_grad():  # PyTorch stores Linear weights as (out, in): transpose
        model[0].weight.copy_(torch.from_numpy(k1.T))
        model[2].weight.copy_(torch.from_numpy(k2.T))
    ddp = DDP(model)
    optimizer = torch.optim.SGD(ddp.parameters(), lr=0.1)

    for step in range(1, 4):
        start = (step - 1) * global_batch + rank * local_batch  # this process's half
        xb, yb = x[start:start + local_batch], y[start:start + local_batch]
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
                print(f"  replica {r} output weights:", r4(copy))
            print("  copies bit-identical:", all(np.array_equal(copies[0], c) for c in copies))
    dist.barrier()
    dist.destroy_process_group()
    done.wait()  # leave together: gloo can abort if its peer exits mid-teardown


if __name__ == "__main__":
    # The parent holds the rendezvous store on a loopback port the OS picks (port 0) and
    # keeps it bound until the workers are done, so no other program can take the port meanwhile.
    store = dist.TCPStore("127.0.0.1", 0, is_master=True, wait_for_workers=False)
    port = store.port
    done = mp.get_context("spawn").Barrier(2)
    mp.spawn(worker, args=(2, port, done), nprocs=2, join=True)
