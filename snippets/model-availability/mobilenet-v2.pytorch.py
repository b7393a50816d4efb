# title: MobileNetV2 with weights=None: identical parameter counts
# torchvision.models.mobilenet_v2(weights=None) builds this model. The torchvision
# wheel on PyPI does not load beside the CPU build of torch 2.13, so the architecture
# is written out here as torchvision defines it (inverted residual blocks, ReLU6,
# no convolution biases).
# --- setup: MobileNetV2 written out as torchvision defines it ---
import torch
from torch import nn

torch.manual_seed(0)


def conv_bn(cin, cout, k=1, stride=1, groups=1, act=True):
    layers = [
        nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False),
        nn.BatchNorm2d(cout),
    ]
    return [*layers, nn.ReLU6()] if act else layers


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, expand):
        super().__init__()
        hidden = cin * expand
        layers = conv_bn(cin, hidden) if expand != 1 else []
        layers += conv_bn(hidden, hidden, 3, stride, groups=hidden)  # depthwise
        layers += conv_bn(hidden, cout, act=False)  # linear bottleneck
        self.block = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.block(x) if self.residual else self.block(x)


def mobilenet_v2(num_classes=1000):
    # (expansion, output channels, repeats, first stride), as in the MobileNetV2 paper
    settings = [
        (1, 16, 1, 1),
        (6, 24, 2, 2),
        (6, 32, 3, 2),
        (6, 64, 4, 2),
        (6, 96, 3, 1),
        (6, 160, 3, 2),
        (6, 320, 1, 1),
    ]
    layers, cin = conv_bn(3, 32, 3, 2), 32
    for t, c, n, s in settings:
        for i in range(n):
            layers.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
            cin = c
    layers += [
        *conv_bn(cin, 1280),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Dropout(0.2),
        nn.Linear(1280, num_classes),
    ]
    return nn.Sequential(*layers)
# --- end setup ---


model = mobilenet_v2().eval()
depthwise = [m for m in model.modules() if isinstance(m, nn.Conv2d) and m.groups > 1]
stats = sum(
    b.numel()
    for name, b in model.named_buffers()
    if name.endswith(("running_mean", "running_var"))
)
print("depthwise convolutions:", len(depthwise))
print(f"trainable parameters: {sum(p.numel() for p in model.parameters()):,}")
print(f"batch-norm running statistics: {stats:,}")
with torch.no_grad():
    # Keras' MobileNetV2 ends in softmax; torchvision's returns logits.
    out = torch.softmax(model(torch.zeros(1, 3, 224, 224)), dim=1)
print("output:", tuple(out.shape), f"sum of probabilities: {float(out.sum()):.8g}")
