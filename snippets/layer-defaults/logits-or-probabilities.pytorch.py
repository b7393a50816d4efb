# title: Cross-entropy input: Keras losses expect probabilities unless from_logits=True, PyTorch's CrossEntropyLoss expects logits
import torch

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
labels = torch.tensor([0, 1])
probs = torch.softmax(logits, dim=1)

expects_logits = torch.nn.CrossEntropyLoss()  # always logits; there is no from_logits switch
expects_log_probs = torch.nn.NLLLoss()        # the probability-side loss takes LOG-probabilities

print(f"logits        -> loss expecting logits       : {expects_logits(logits, labels).item():.4f}")
print(f"probabilities -> loss expecting probabilities: {expects_log_probs(torch.log(probs), labels).item():.4f}")
# The silent mistake: softmax in the model AND a loss that applies softmax again.
print(f"probabilities -> loss expecting logits       : {expects_logits(probs, labels).item():.4f}  (softmax twice)")
