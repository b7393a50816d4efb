# title: A ViT-Tiny encoder from a config, no download: same parameter count
import torch
from transformers import ViTConfig, ViTModel

torch.manual_seed(0)
HIDDEN, LAYERS, HEADS, MLP, PATCH, IMAGE = 192, 12, 3, 768, 16, 224  # ViT-Tiny/16
config = ViTConfig(
    hidden_size=HIDDEN,
    num_hidden_layers=LAYERS,
    num_attention_heads=HEADS,
    intermediate_size=MLP,
    patch_size=PATCH,
    image_size=IMAGE,
)
# Random weights from the config; from_pretrained() would download them instead.
model = ViTModel(config, add_pooling_layer=False).eval()

print(f"parameters: {sum(p.numel() for p in model.parameters()):,}")
with torch.no_grad():
    tokens = model(torch.zeros(1, 3, IMAGE, IMAGE)).last_hidden_state
print("tokens out:", tuple(tokens.shape))
