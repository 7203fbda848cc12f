"""PyTorch's text for the notebooks of sections 2 (linear regression) and 3 (softmax regression).

Run with Debian's interpreter (it has torch 1.13.1):
    /usr/bin/python3 notebooks/test/gen_ch2_3.py

Writes ch2_3.json, read by ch2-3.test.ts: per notebook, cells' markers (a piece
of their TypeScript source) and what PyTorch prints for the same calls (after
the same seed where the cell is random): printed modules, state-dict keys, the
book's worked examples, the seeded synthetic data; plus the closed-form
solution of section 2 on that data, which the notebook's must match to float32
rounding.
"""

import json
import os
import sys

import torch
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "packages", "d2l", "fixtures"))
from d2l_twin import synthetic_data, squared_loss  # noqa: E402  (d2l's own definitions, shared with gen_d2l.py)

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}

# --- 2 linear regression
cells = []
torch.manual_seed(0)


true_w, true_b = torch.tensor([2, -3.4]), 4.2
features, labels = synthetic_data(true_w, true_b, 1000)
cells.append({"marker": "const [features, labels] = syntheticData", "text": f"features: {features[0]} \nlabel: {labels[0]}"})
net = nn.Sequential(nn.Linear(2, 1))
cells.append({"marker": "const net = new nn.Sequential(new nn.Linear(2, 1))", "text": repr(net)})
cells.append({"marker": "net.stateDict().keys()", "keys": list(net.state_dict().keys())})


cells.append({"marker": "function squaredLoss", "text": repr(squared_loss(torch.tensor([1.0, 2.5]), torch.tensor([1.5, 0.5])))})
loss = nn.MSELoss()
cells.append({"marker": "const loss = new nn.MSELoss()", "text": f"{loss}"})
cells.append({"marker": "const loss = new nn.MSELoss()", "text": repr(loss(torch.tensor([1.0, 2.5]), torch.tensor([1.5, 0.5])))})
X1 = torch.cat([features, torch.ones(features.shape[0], 1)], 1)
w_closed = torch.linalg.inv(X1.T @ X1) @ X1.T @ labels
cells.append({"marker": "const wClosed = torch.linalg.inv", "closed_form": w_closed.reshape(-1).tolist()})
cells.append({"marker": "const trainer = new optim.SGD", "text": repr(torch.optim.SGD(net.parameters(), lr=0.03).param_groups[0]["lr"])})
out["2-linear-regression"] = cells

# --- 3 softmax regression
cells = []
cells.append({"marker": "F.oneHot(torch.tensor([0, 2, 1]), 3)", "text": repr(F.one_hot(torch.tensor([0, 2, 1]), 3))})
X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
cells.append({"marker": "const Xs = torch.tensor", "text": f"{X.sum(0, keepdim=True)}\n{X.sum(1, keepdim=True)}"})


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


torch.manual_seed(0)
X = torch.normal(0, 1, (2, 5))
X_prob = softmax(X)
cells.append({"marker": "function softmax", "text": f"{X_prob}"})
torch.manual_seed(0)
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
cells.append({"marker": "const net = new nn.Sequential(new nn.Flatten()", "text": repr(net)})
cells.append({"marker": "net.namedParameters()", "keys": [n for n, _ in net.named_parameters()]})
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
cells.append({"marker": "yHat.get(torch.arange(yHat.length), y)", "text": repr(y_hat[[0, 1], y])})


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[range(len(y_hat)), y])


cells.append({"marker": "function crossEntropy", "text": repr(cross_entropy(y_hat, y))})
loss = nn.CrossEntropyLoss(reduction="none")
cells.append({"marker": 'new nn.CrossEntropyLoss({ reduction: "none" })', "text": f"{loss}"})
cells.append({"marker": 'new nn.CrossEntropyLoss({ reduction: "none" })', "text": repr(loss(torch.log(y_hat), y))})
cells.append({"marker": "function accuracy", "text": repr(float((y_hat.argmax(1) == y).sum()) / len(y))})
cells.append({"marker": "[...net.stateDict()]", "keys": list(net.state_dict().keys())})
out["3-softmax-regression"] = cells

with open(os.path.join(HERE, "ch2_3.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
