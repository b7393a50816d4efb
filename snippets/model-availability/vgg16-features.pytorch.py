# title: VGG16 without its classifier head (include_top=False), the usual transfer-learning base
# torchvision.models.vgg16(weights=None).features is this stack. The torchvision
# wheel on PyPI does not load beside the CPU build of torch 2.13, so the layers are
# written out here.
# --- setup: VGG16's convolution stack written out as torchvision defines it ---
import torch
from torch import nn

torch.manual_seed(0)
CONFIG = [
    64,
    64,
    "M",
    128,
    128,
    "M",
    256,
    256,
    256,
    "M",
    512,
    512,
    512,
    "M",
    512,
    512,
    512,
    "M",
]

layers, cin = [], 3
for v in CONFIG:
    if v == "M":
        layers.append(nn.MaxPool2d(2))
    else:
        layers += [nn.Conv2d(cin, v, 3, padding=1), nn.ReLU()]
        cin = v
base = nn.Sequential(*layers)
# --- end setup ---

convs = [m for m in base if isinstance(m, nn.Conv2d)]
print(
    "conv layers:",
    len(convs),
    "| pooling layers:",
    sum(isinstance(m, nn.MaxPool2d) for m in base),
)
print(f"parameters: {sum(p.numel() for p in base.parameters()):,}")
with torch.no_grad():
    features = base(torch.zeros(1, 3, 224, 224))  # channels first: NCHW
_, channels, height, width = features.shape
print(f"feature map for a 224x224 image: {height}x{width}, {channels} channels")
