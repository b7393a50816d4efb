# title: Cross-entropy input: Keras losses expect probabilities unless from_logits=True, PyTorch's CrossEntropyLoss expects logits
import torch

logits = torch.tensor([[2.0, 1.0, 0.1], [0.5, 2.5, 0.3]])
labels = torch.tensor([0, 1])
probs = torch.softmax(logits, dim=1)

# CrossEntropyLoss always takes logits; there is no from_logits switch.
expects_logits = torch.nn.CrossEntropyLoss()
# The probability-side loss, NLLLoss, takes LOG-probabilities.
expects_log_probs = torch.nn.NLLLoss()

loss = expects_logits(logits, labels).item()
print(f"logits        -> loss expecting logits       : {loss:.8g}")
loss = expects_log_probs(torch.log(probs), labels).item()
print(f"probabilities -> loss expecting probabilities: {loss:.8g}")
# The silent mistake: softmax in the model AND a loss that applies softmax again.
loss = expects_logits(probs, labels).item()
print(f"probabilities -> loss expecting logits       : {loss:.8g}  (softmax twice)")
