# title: Model parallelism for contrast: each device holds a different part of ONE model
"""Split a two-layer model across two processes (a 2-stage pipeline over gloo on 127.0.0.1)."""
import numpy as np
import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def worker(rank, port, results, done):
    # Join the rendezvous store the parent process holds open (see the bottom of the file).
    store = dist.TCPStore("127.0.0.1", port, is_master=False)
    dist.init_process_group("gloo", store=store, rank=rank, world_size=2)
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(8, 3)).astype("float32"))
    k1 = torch.from_numpy(rng.normal(size=(3, 4)).astype("float32"))
    k2 = torch.from_numpy(rng.normal(size=(4, 1)).astype("float32"))
    if rank == 0:  # stage 0 owns only the first layer's weights
        w1 = k1.clone()
        hidden = torch.tanh(x @ w1)
        dist.send(hidden, dst=1)  # activations go to the next stage
        results.put(("stage0", w1.numel(), list(hidden.shape)))
    else:  # stage 1 owns only the second layer's weights
        w2 = k2.clone()
        hidden = torch.empty(8, 4)
        dist.recv(hidden, src=0)
        out = hidden @ w2
        reference = torch.tanh(x @ k1) @ k2  # the same model, unsplit
        results.put(("stage1", w2.numel(), out.numpy(), bool(torch.allclose(out, reference, atol=1e-5))))
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
    mp.spawn(worker, args=(port, results, done), nprocs=2, join=True)
    got = dict((item[0], item[1:]) for item in (results.get(), results.get()))
    print("stage 0 parameters:", got["stage0"][0], "| stage 1 parameters:", got["stage1"][0])
    print("activations passed from stage 0 to stage 1:", got["stage0"][1])
    print("output matches the unsplit model:", got["stage1"][2])
    print("output[:3]:", [round(float(v), 8) for v in got["stage1"][1][:3, 0]])
