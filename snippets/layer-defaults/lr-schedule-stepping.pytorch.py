# title: Learning-rate schedules: Keras advances them every optimizer step, PyTorch when you call scheduler.step()
import torch

EPOCHS, STEPS_PER_EPOCH = 3, 4


def lr_at_epoch_starts(step_scheduler_every_batch):
    """Train a dummy weight; record the learning rate of each epoch's first batch."""
    w = torch.nn.Parameter(torch.tensor(1.0))
    opt = torch.optim.SGD([w], lr=0.1)
    scheduler = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.5)
    seen = []
    for _epoch in range(EPOCHS):
        for batch in range(STEPS_PER_EPOCH):
            if batch == 0:
                seen.append(f"{opt.param_groups[0]['lr']:.8g}")
            w.grad = torch.tensor(1.0)
            opt.step()
            if step_scheduler_every_batch:
                scheduler.step()
        if not step_scheduler_every_batch:
            # the usual PyTorch pattern: once per epoch, where you put it
            scheduler.step()
    return seen


# The scheduler moves only when your loop calls scheduler.step().
print(
    "decay every optimizer step:", lr_at_epoch_starts(step_scheduler_every_batch=True)
)
print(
    "decay once per epoch      :", lr_at_epoch_starts(step_scheduler_every_batch=False)
)
