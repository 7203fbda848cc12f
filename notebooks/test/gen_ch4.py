"""PyTorch's side of the chapter-4 notebooks (4.1-4.6), from PyTorch 1.13.1.

Run with Debian's interpreter (it has torch):
    /usr/bin/python3 notebooks/test/gen_ch4.py

Writes ch4.json, read by ch4.test.ts. For each notebook, entries
{"marker": <a piece of the cell's TypeScript source>, "text": <what PyTorch prints>}:
the printed modules, and the seeded cells' tensors, computed with the same
calls after the same seeds as the notebooks (torchts draws PyTorch's mt19937
streams, DataLoader shuffles included). Under "runs", the final numbers of the
seeded trainings of 4.3 (polynomial fitting) and 4.4 (weight decay), replayed
here with the book's code: the test compares the notebooks' printed numbers to
them with a tolerance (float32 sums in another order drift a little over
hundreds of epochs).
"""

import json
import math
import os
import sys

import torch
from torch import nn
from torch.utils import data

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "packages", "d2l", "fixtures"))
from d2l_twin import synthetic_data, load_array, linreg, squared_loss, sgd, accuracy  # noqa: E402  (d2l's own definitions, shared with gen_d2l.py)

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}
runs = {}


# d2l's helpers (PyTorch edition), as the book defines them
def evaluate_loss(net, data_iter, loss):
    total, n = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            out_ = net(X)
            y = y.reshape(out_.shape)
            l = loss(out_, y)
            total += float(l.sum())
            n += l.numel()
    return total / n


def train_epoch_ch3(net, train_iter, loss, updater):
    if isinstance(net, torch.nn.Module):
        net.train()
    for X, y in train_iter:
        y_hat = net(X)
        l = loss(y_hat, y)
        updater.zero_grad()
        l.mean().backward()
        updater.step()


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


# 4.1: the concise MLP
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
out["4.1-mlp"] = [{"marker": "netConcise.apply(initWeights)", "text": str(net)}]

# 4.2: ReLU's gradient at 0 and PReLU
cells = []
z = torch.tensor([-1.0, 0.0, 1.0], requires_grad=True)
torch.relu(z).sum().backward()
cells.append({"marker": "torch.relu(z).sum().backward()", "text": str(z.grad)})
prelu = nn.PReLU()
cells.append({"marker": "const prelu = new nn.PReLU()", "text": str(prelu)})
cells.append({"marker": "const prelu = new nn.PReLU()", "text": str(prelu(torch.tensor([-2, -0.5, 0, 1.5])).detach())})
out["4.2-activations"] = cells

# 4.3: the polynomial data (float64 as NumPy's, then float32) and the three fits
max_degree, n_train, n_test = 20, 100, 100
true_w = torch.zeros(max_degree, dtype=torch.float64)
true_w[0:4] = torch.tensor([5, 1.2, -3.4, 5.6], dtype=torch.float64)
torch.manual_seed(0)
features = torch.normal(0, 1, size=(n_train + n_test, 1)).double()
features = features[torch.randperm(n_train + n_test)]
poly_features = torch.pow(features, torch.arange(max_degree).reshape(1, -1))
poly_features = poly_features / torch.tensor([math.gamma(i + 1) for i in range(max_degree)], dtype=torch.float64)
labels = torch.matmul(poly_features, true_w)
labels = labels + torch.normal(0, 0.1, size=labels.shape).double()
true_w, features, poly_features, labels = [x.float() for x in [true_w, features, poly_features, labels]]
marker = "const maxDegree = 20"
out["4.3-model-selection"] = [
    {"marker": marker, "text": str(features[:2])},
    {"marker": marker, "text": str(poly_features[:2, :])},
    {"marker": marker, "text": str(labels[:2])},
]


def train_poly(train_features, test_features, train_labels, test_labels, num_epochs=400):
    loss = nn.MSELoss(reduction="none")
    input_shape = train_features.shape[-1]
    net = nn.Sequential(nn.Linear(input_shape, 1, bias=False))
    batch_size = min(10, train_labels.shape[0])
    train_iter = load_array((train_features, train_labels.reshape(-1, 1)), batch_size)
    test_iter = load_array((test_features, test_labels.reshape(-1, 1)), batch_size, is_train=False)
    trainer = torch.optim.SGD(net.parameters(), lr=0.01)
    losses = None
    for epoch in range(num_epochs):
        train_epoch_ch3(net, train_iter, loss, trainer)
        if epoch == 0 or (epoch + 1) % 20 == 0:
            losses = [evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)]
    return {"weight": net[0].weight.data.reshape(-1).tolist(), "train": losses[0], "test": losses[1]}


poly = {}
for name, cols, epochs in [("normal", 4, 400), ("underfit", 2, 400), ("overfit", max_degree, 1500)]:
    torch.manual_seed(1)
    poly[name] = train_poly(poly_features[:n_train, :cols], poly_features[n_train:, :cols], labels[:n_train], labels[n_train:], epochs)
runs["4.3-model-selection"] = poly

# 4.3: K-fold on the penguins (pandas 1.5 reads the CSV as readCsv does)
import pandas as pd  # noqa: E402

penguins = pd.read_csv(os.path.join(HERE, "..", "..", "packages", "data", "fixtures", "csv", "penguins.csv"))
clean = penguins.dropna()
numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm"]
categorical = pd.get_dummies(clean[["species", "island", "sex"]])
Xnum = torch.tensor(clean[numeric].values, dtype=torch.float32)
Xnum = (Xnum - Xnum.mean(dim=0)) / Xnum.std(dim=0)
Xall = torch.cat([Xnum, torch.tensor(categorical.values.astype("float64"), dtype=torch.float32)], 1)
yall = (torch.tensor(clean["body_mass_g"].values, dtype=torch.float32) / 1000).reshape(-1, 1)
torch.manual_seed(0)
perm = torch.randperm(Xall.shape[0])
Xall, yall = Xall[perm], yall[perm]
mse = nn.MSELoss()


def rmse(net, X, y):
    with torch.no_grad():
        return math.sqrt(float(mse(net(X), y))) * 1000


def get_k_fold_data(k, i, X, y):
    fold_size = X.shape[0] // k
    X_train, y_train = None, None
    for j in range(k):
        idx = slice(j * fold_size, (j + 1) * fold_size)
        X_part, y_part = X[idx, :], y[idx]
        if j == i:
            X_valid, y_valid = X_part, y_part
        elif X_train is None:
            X_train, y_train = X_part, y_part
        else:
            X_train, y_train = torch.cat([X_train, X_part], 0), torch.cat([y_train, y_part], 0)
    return X_train, y_train, X_valid, y_valid


def k_fold_run(k, columns, num_epochs, lr, batch_size):
    X = Xall[:, torch.tensor(columns)]
    folds = []
    for i in range(k):
        X_train, y_train, X_valid, y_valid = get_k_fold_data(k, i, X, yall)
        net = nn.Linear(len(columns), 1)
        train_iter = load_array((X_train, y_train), batch_size)
        optimizer = torch.optim.Adam(net.parameters(), lr=lr)
        for epoch in range(num_epochs):
            for X_, y_ in train_iter:
                optimizer.zero_grad()
                mse(net(X_), y_).backward()
                optimizer.step()
        folds.append([rmse(net, X_train, y_train), rmse(net, X_valid, y_valid)])
    return folds


kfold = {}
for name, cols in [("flipper", [2]), ("every", list(range(Xall.shape[1])))]:
    torch.manual_seed(0)
    kfold[name] = k_fold_run(5, cols, 50, 0.05, 32)
runs["4.3-kfold"] = kfold

# 4.4: weight decay, from scratch and concise
n_train, n_test, num_inputs, batch_size = 20, 100, 200, 5
true_w, true_b = torch.ones((num_inputs, 1)) * 0.01, 0.05
torch.manual_seed(0)
train_data = synthetic_data(true_w, true_b, n_train)
train_iter = load_array(train_data, batch_size)
test_data = synthetic_data(true_w, true_b, n_test)
test_iter = load_array(test_data, batch_size, is_train=False)


def train_scratch(lambd):
    w = torch.normal(0, 1, size=(num_inputs, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    net, loss = lambda X: linreg(X, w, b), squared_loss
    num_epochs, lr = 100, 0.003
    for epoch in range(num_epochs):
        for X, y in train_iter:
            l = loss(net(X), y) + lambd * torch.sum(w.pow(2)) / 2
            l.sum().backward()
            sgd([w, b], lr, batch_size)
        if (epoch + 1) % 5 == 0:
            evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)
    return {"train": evaluate_loss(net, train_iter, loss), "test": evaluate_loss(net, test_iter, loss), "norm": torch.norm(w).item()}


def train_concise(wd):
    net = nn.Sequential(nn.Linear(num_inputs, 1))
    for param in net.parameters():
        param.data.normal_()
    loss = nn.MSELoss(reduction="none")
    num_epochs, lr = 100, 0.003
    trainer = torch.optim.SGD([{"params": net[0].weight, "weight_decay": wd}, {"params": net[0].bias}], lr=lr)
    for epoch in range(num_epochs):
        for X, y in train_iter:
            trainer.zero_grad()
            l = loss(net(X), y)
            l.mean().backward()
            trainer.step()
        if (epoch + 1) % 5 == 0:
            evaluate_loss(net, train_iter, loss), evaluate_loss(net, test_iter, loss)
    return {"train": evaluate_loss(net, train_iter, loss), "test": evaluate_loss(net, test_iter, loss), "norm": net[0].weight.norm().item()}


wd = {}
for name, fn, lam in [("scratch0", train_scratch, 0), ("scratch3", train_scratch, 3), ("concise0", train_concise, 0), ("concise3", train_concise, 3)]:
    torch.manual_seed(1)
    wd[name] = fn(lam)
runs["4.4-weight-decay"] = wd


# 4.5: dropout
def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    if dropout == 1:
        return torch.zeros_like(X)
    if dropout == 0:
        return X
    mask = (torch.rand(X.shape) > dropout).float()
    return mask * X / (1.0 - dropout)


cells = []
torch.manual_seed(0)
X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
marker = "console.log(dropoutLayer(X, 0.5)"
for text in [str(X), str(dropout_layer(X, 0.0)), str(dropout_layer(X, 0.5)), str(dropout_layer(X, 1.0))]:
    cells.append({"marker": marker, "text": text})


class Net(nn.Module):
    def __init__(self, num_inputs, num_outputs, num_hiddens1, num_hiddens2, is_training=True):
        super(Net, self).__init__()
        self.num_inputs = num_inputs
        self.training = is_training
        self.lin1 = nn.Linear(num_inputs, num_hiddens1)
        self.lin2 = nn.Linear(num_hiddens1, num_hiddens2)
        self.lin3 = nn.Linear(num_hiddens2, num_outputs)
        self.relu = nn.ReLU()


cells.append({"marker": "const net = new Net(", "text": str(Net(784, 10, 256, 256))})
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))
cells.append({"marker": "netConcise.apply(initWeights)", "text": str(net)})
drop = nn.Dropout(0.5)
torch.manual_seed(0)
cells.append({"marker": "const drop = new nn.Dropout(0.5)", "text": str(drop(X))})
drop.eval()
cells.append({"marker": "const drop = new nn.Dropout(0.5)", "text": str(drop(X))})
out["4.5-dropout"] = cells

# 4.6: the product of 100 random matrices, Xavier
cells = []
torch.manual_seed(0)
M = torch.normal(0, 1, size=(4, 4))
cells.append({"marker": "let M = torch.normal(0, 1, [4, 4])", "text": str(M)})
for i in range(100):
    M = torch.mm(M, torch.normal(0, 1, size=(4, 4)))
cells.append({"marker": "let M = torch.normal(0, 1, [4, 4])", "text": str(M), "values": M.reshape(-1).tolist()})
torch.manual_seed(0)
Wu = nn.init.xavier_uniform_(torch.empty(128, 256))
Wn = nn.init.xavier_normal_(torch.empty(128, 256))
cells.append({"marker": "const Wu = nn.init.xavierUniform_", "text": f"uniform: var = {Wu.var().item():.6f}; normal: var = {Wn.var().item():.6f}"})
torch.manual_seed(0)
net = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
cells.append({"marker": "net.apply((m) =>", "text": str(net)})
out["4.6-numerical-stability"] = cells


# 4.1 and 4.5: the Fashion-MNIST trainings, with d2l's train_ch3 and the
# notebooks' seeds. d2l reads the data through torchvision (not installed
# here); the same tensors come from the IDX files (ToTensor: uint8 / 255,
# shape [1, 28, 28]) in a TensorDataset, whose DataLoader shuffles the same way.
import gzip  # noqa: E402

import numpy as np  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


def read_idx(name, offset):
    with gzip.open(os.path.join(FASHION, name), "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


def fashion(kind):
    images = torch.tensor(read_idx(f"{kind}-images-idx3-ubyte.gz", 16).reshape(-1, 1, 28, 28).astype(np.float32) / 255)
    labels = torch.tensor(read_idx(f"{kind}-labels-idx1-ubyte.gz", 8).astype(np.int64))
    return data.TensorDataset(images, labels)


def load_data_fashion_mnist(batch_size):
    return (data.DataLoader(fashion("train"), batch_size, shuffle=True), data.DataLoader(fashion("t10k"), batch_size, shuffle=False))


def evaluate_accuracy(net, data_iter):
    if isinstance(net, torch.nn.Module):
        net.eval()
    correct, n = 0.0, 0
    with torch.no_grad():
        for X, y in data_iter:
            correct += accuracy(net(X), y)
            n += y.numel()
    return correct / n


def train_ch3(net, train_iter, test_iter, loss, num_epochs, updater):
    curves = {"train_loss": [], "train_acc": [], "test_acc": []}
    for epoch in range(num_epochs):
        if isinstance(net, torch.nn.Module):
            net.train()
        total, correct, n = 0.0, 0.0, 0
        for X, y in train_iter:
            y_hat = net(X)
            l = loss(y_hat, y)
            updater.zero_grad()
            l.mean().backward()
            updater.step()
            total += float(l.sum())
            correct += accuracy(y_hat, y)
            n += y.numel()
        curves["train_loss"].append(total / n)
        curves["train_acc"].append(correct / n)
        curves["test_acc"].append(evaluate_accuracy(net, test_iter))
    return curves


train_iter, test_iter = load_data_fashion_mnist(256)
loss = nn.CrossEntropyLoss(reduction="none")
fashion_runs = {}

# 4.1 from scratch, then (after predict_ch3's pass over the test set) concise
torch.manual_seed(0)
W1 = nn.Parameter(torch.randn(784, 256, requires_grad=True) * 0.01)
b1 = nn.Parameter(torch.zeros(256, requires_grad=True))
W2 = nn.Parameter(torch.randn(256, 10, requires_grad=True) * 0.01)
b2 = nn.Parameter(torch.zeros(10, requires_grad=True))


def mlp(X):
    X = X.reshape((-1, 784))
    H = torch.max(X @ W1 + b1, torch.zeros_like(X @ W1 + b1))
    return H @ W2 + b2


fashion_runs["4.1-scratch"] = train_ch3(mlp, train_iter, test_iter, loss, 10, torch.optim.SGD([W1, b1, W2, b2], lr=0.1))
torch.manual_seed(0)
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
net.apply(init_weights)
fashion_runs["4.1-concise"] = train_ch3(net, train_iter, test_iter, loss, 10, torch.optim.SGD(net.parameters(), lr=0.1))


class DropoutNet(nn.Module):
    def __init__(self, num_inputs, num_outputs, num_hiddens1, num_hiddens2, is_training=True):
        super().__init__()
        self.num_inputs = num_inputs
        self.training = is_training
        self.lin1 = nn.Linear(num_inputs, num_hiddens1)
        self.lin2 = nn.Linear(num_hiddens1, num_hiddens2)
        self.lin3 = nn.Linear(num_hiddens2, num_outputs)
        self.relu = nn.ReLU()

    def forward(self, X):
        H1 = self.relu(self.lin1(X.reshape((-1, self.num_inputs))))
        if self.training:
            H1 = dropout_layer(H1, 0.2)
        H2 = self.relu(self.lin2(H1))
        if self.training:
            H2 = dropout_layer(H2, 0.5)
        return self.lin3(H2)


torch.manual_seed(0)
net = DropoutNet(784, 10, 256, 256)
fashion_runs["4.5-scratch"] = train_ch3(net, train_iter, test_iter, loss, 10, torch.optim.SGD(net.parameters(), lr=0.5))
torch.manual_seed(0)
net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2), nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))
net.apply(init_weights)
fashion_runs["4.5-concise"] = train_ch3(net, train_iter, test_iter, loss, 10, torch.optim.SGD(net.parameters(), lr=0.5))
runs["fashion"] = fashion_runs

with open(os.path.join(HERE, "ch4.json"), "w") as f:
    json.dump({"cells": out, "runs": runs}, f, indent=1)
    f.write("\n")
