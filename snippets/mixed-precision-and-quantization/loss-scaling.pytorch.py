# title: Dynamic loss scaling: skip a step on overflow, halve the scale, grow it back
import inspect

import torch

# Needed for float16 (narrow exponent), not for bfloat16. Nothing adds it for you.
w = torch.nn.Parameter(torch.tensor(1.0))
opt = torch.optim.SGD([w], lr=0.1)
scaler = torch.amp.GradScaler("cpu", init_scale=1024.0, growth_interval=2)
for step, x in enumerate([1.0, 1.0, 1.0, float("inf"), 1.0]):  # step 3 overflows
    opt.zero_grad()
    scaler.scale(w * x).backward()  # loss * current scale
    scaled_grad = w.grad.item()
    scaler.step(opt)  # unscales; skips opt.step() if any gradient is inf or nan
    # halves the scale after an overflow, doubles it after growth_interval good steps
    scaler.update()
    print(
        f"step {step}: scaled grad {scaled_grad:.1f}, w {w.item():.8g}, scale now "
        f"{scaler.get_scale():.0f}"
    )
growth = inspect.signature(torch.amp.GradScaler).parameters["growth_interval"].default
print(f"default growth interval: {growth} steps")
