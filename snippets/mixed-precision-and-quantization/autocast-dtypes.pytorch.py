# title: Which operations run in bfloat16 under mixed precision
import torch

# A context: ops inside it on the autocast list run in bfloat16; weights stay float32.
dense = torch.nn.Linear(8, 16)
x = torch.ones(2, 8)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    h = dense(x)
    print("input:", str(x.dtype).removeprefix("torch."))
    print("weights:", str(dense.weight.dtype).removeprefix("torch."))
    print("matmul output:", str(h.dtype).removeprefix("torch."))
    print("relu output:", str(torch.relu(h).dtype).removeprefix("torch."))
    print("softmax output:", str(torch.softmax(h, dim=-1).dtype).removeprefix("torch."))
    with torch.autocast(
        device_type="cpu", enabled=False
    ):  # local override: compute this part in float32
        print(
            "softmax kept in float32:",
            str(torch.softmax(h.float(), dim=-1).dtype).removeprefix("torch."),
        )
    loss = torch.nn.functional.cross_entropy(
        h, torch.tensor([0, 1])
    )  # on autocast's float32 list
    print("loss:", str(loss.dtype).removeprefix("torch."))
