# title: Model parallelism for contrast: each device holds a different part of ONE model
# launch: torchrun --standalone --nproc-per-node 2
"""Split a two-layer model across two processes started by torchrun (a 2-stage pipeline
over gloo).
"""

import gc

import numpy as np
import torch
import torch.distributed as dist


def main():
    # torchrun sets RANK, WORLD_SIZE, MASTER_ADDR and MASTER_PORT for each process.
    dist.init_process_group("gloo")
    rank = dist.get_rank()
    rng = np.random.RandomState(0)
    x = torch.from_numpy(rng.normal(size=(8, 3)).astype("float32"))
    k1 = torch.from_numpy(rng.normal(size=(3, 4)).astype("float32"))
    k2 = torch.from_numpy(rng.normal(size=(4, 1)).astype("float32"))
    if rank == 0:  # stage 0 owns only the first layer's weights
        w1 = k1.clone()
        hidden = torch.tanh(x @ w1)
        dist.send(hidden, dst=1)  # activations go to the next stage
        mine = (w1.numel(), list(hidden.shape))
    else:  # stage 1 owns only the second layer's weights
        w2 = k2.clone()
        hidden = torch.empty(8, 4)
        dist.recv(hidden, src=0)
        out = hidden @ w2
        reference = torch.tanh(x @ k1) @ k2  # the same model, unsplit
        mine = (
            w2.numel(),
            out.numpy(),
            bool(torch.allclose(out, reference, atol=1e-5)),
        )
    # Collect what each stage holds on rank 0, which alone prints.
    stages = [None, None]
    dist.all_gather_object(stages, mine)
    if rank == 0:
        print(
            "stage 0 parameters:", stages[0][0], "| stage 1 parameters:", stages[1][0]
        )
        print("activations passed from stage 0 to stage 1:", stages[0][1])
        print("output matches the unsplit model:", stages[1][2])
        print("output[:3]:", [round(float(v), 8) for v in stages[1][1][:3, 0]])
    dist.barrier()  # nobody leaves while another process still works
    dist.destroy_process_group()
    gc.collect()  # free the group now, so gloo's threads stop before Python exits


if __name__ == "__main__":
    main()
