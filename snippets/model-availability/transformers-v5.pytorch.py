# title: Hugging Face Transformers 5 has no TensorFlow models
# differs: Transformers 5 removed its TensorFlow classes, so the TensorFlow half can only show the import error
# same: ^transformers \d
# same: ^TensorFlow model classes exported:
import torch
import transformers
from transformers import AutoModel, BertConfig

print("transformers", transformers.__version__)
tf_classes = [
    name for name in dir(transformers) if name.startswith("TF") and name[2:3].isupper()
]
print("TensorFlow model classes exported:", len(tf_classes))
torch.manual_seed(0)
# A small BERT from a config: random weights, nothing downloaded.
config = BertConfig(
    hidden_size=128, num_hidden_layers=2, num_attention_heads=2, intermediate_size=512
)
model = AutoModel.from_config(config)
print(type(model).__name__, "is a torch.nn.Module:", isinstance(model, torch.nn.Module))
print(f"parameters: {sum(p.numel() for p in model.parameters()):,}")
