# title: ResNet-50 with weights=None: same layers, but Keras adds a bias to every convolution
# differs: keras.applications.ResNet50 gives each convolution a bias; torchvision's ResNet-50 does not
# same: ^conv layers:
# same: ^trainable without convolution biases:
# same: ^batch-norm running statistics:
# same: ^output:
# torchvision.models.resnet50(weights=None) builds this model. The torchvision
# wheel on PyPI does not load beside the CPU build of torch 2.13, so the architecture
# is written out here, layer for layer as torchvision defines it (convolutions
# without bias, then batch norm).
# --- setup: ResNet-50 written out as torchvision defines it ---
import torch
from torch import nn

torch.manual_seed(0)


def conv_bn(cin, cout, k, stride=1):
    return [
        nn.Conv2d(cin, cout, k, stride, padding=k // 2, bias=False),
        nn.BatchNorm2d(cout),
    ]


class Bottleneck(nn.Module):
    def __init__(self, cin, width, stride):
        super().__init__()
        cout = width * 4
        self.body = nn.Sequential(
            *conv_bn(cin, width, 1),
            nn.ReLU(),
            *conv_bn(width, width, 3, stride),
            nn.ReLU(),
            *conv_bn(width, cout, 1),
        )
        self.shortcut = (
            nn.Sequential(*conv_bn(cin, cout, 1, stride))
            if stride != 1 or cin != cout
            else nn.Identity()
        )

    def forward(self, x):
        return torch.relu(self.body(x) + self.shortcut(x))


def resnet50(num_classes=1000):
    layers = [*conv_bn(3, 64, 7, 2), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for width, blocks, stride in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for i in range(blocks):
            layers.append(Bottleneck(cin, width, stride if i == 0 else 1))
            cin = width * 4
    return nn.Sequential(
        *layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, num_classes)
    )
# --- end setup ---


model = resnet50()
convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
conv_bias = sum(m.bias.numel() for m in convs if m.bias is not None)
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
stats = sum(
    b.numel()
    for name, b in model.named_buffers()
    if name.endswith(("running_mean", "running_var"))
)
print("conv layers:", len(convs))
print(f"trainable parameters: {trainable:,}")
print(f"  of which convolution biases: {conv_bias:,}")
print(f"trainable without convolution biases: {trainable - conv_bias:,}")
print(f"batch-norm running statistics: {stats:,}")
print("output:", tuple(model(torch.zeros(1, 3, 224, 224)).shape[1:]))
