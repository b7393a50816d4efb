# title: What this build was compiled to support
import torch

print("CUDA build:", torch.version.cuda is not None)
print("ROCm build:", torch.version.hip is not None)
print("CUDA version:", torch.version.cuda)
print("cuDNN version:", torch.backends.cudnn.version())
print("GPU visible now:", torch.cuda.is_available())
