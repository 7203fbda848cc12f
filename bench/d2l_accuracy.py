"""PyTorch 1.13's side of bench/d2l-accuracy.mjs: d2l's softmax regression (3.7) and concise MLP (4.3)
on Fashion-MNIST, the book's recipe, one thread. Run by hand (not in CI):

    /usr/bin/python3 bench/d2l_accuracy.py [--seeds 0,1,2] [--models softmax,mlp] [--epochs 10]

Prints one JSON object per (model, seed) on its own line: the per-epoch train loss, train accuracy and
test accuracy, and the seconds d2l's train_ch3 loop took (data loading and the per-epoch evaluation
included). torchvision is not installed here, so the IDX files of /usr/share/datasets/fashion-mnist are
read with numpy and divided by 255 as torchvision's ToTensor does; a TensorDataset of them goes through
torch.utils.data.DataLoader (batch 256, shuffle=True for training) with num_workers=0 (d2l uses 4 worker
processes; with 0 the timing is one thread, and the random stream is the same: the loader draws its base
seed and the sampler's seed from the global generator either way).

The recipe (d2l 3.7 and 4.3, PyTorch edition):
- softmax: nn.Sequential(nn.Flatten(), nn.Linear(784, 10)); Linear weights re-drawn from N(0, 0.01^2)
  (net.apply(init_weights)); the bias keeps nn.Linear's default init;
- mlp: nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10)), same init;
- nn.CrossEntropyLoss(reduction='none'), torch.optim.SGD(lr=0.1), batch 256, 10 epochs;
- train_epoch_ch3: zero_grad, l.mean().backward(), step; train loss = sum of l / examples.
torch.manual_seed(seed) is called once, before the model is built (after the loaders, as in the book).
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn
from torch.utils import data

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "packages", "d2l", "fixtures"))
from d2l_twin import accuracy, evaluate_accuracy, train_epoch_ch3  # noqa: E402  (d2l's own definitions)

ROOT = "/usr/share/datasets/fashion-mnist"


def read_idx(name):
    """An IDX file as a numpy array (big-endian header: magic, then one uint32 per dimension)."""
    raw = gzip.decompress(open(os.path.join(ROOT, name), "rb").read())
    nd = raw[3]
    dims = np.frombuffer(raw, dtype=">u4", count=nd, offset=4)
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * nd).reshape(*dims)


def load_data_fashion_mnist(batch_size):
    """d2l.load_data_fashion_mnist without torchvision: ToTensor's float32 [N, 1, 28, 28] / 255, int64 labels."""
    def dataset(prefix):
        X = torch.from_numpy(read_idx(f"{prefix}-images-idx3-ubyte.gz").copy()).float().div(255).unsqueeze(1)
        y = torch.from_numpy(read_idx(f"{prefix}-labels-idx1-ubyte.gz").astype(np.int64))
        return data.TensorDataset(X, y)
    return (data.DataLoader(dataset("train"), batch_size, shuffle=True, num_workers=0),
            data.DataLoader(dataset("t10k"), batch_size, shuffle=False, num_workers=0))


def make_net(model):
    if model == "softmax":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    if model == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    raise ValueError(f"unknown model {model!r}")


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, std=0.01)


def run(model, seed, epochs, train_iter, test_iter):
    torch.manual_seed(seed)
    net = make_net(model)
    net.apply(init_weights)
    loss = nn.CrossEntropyLoss(reduction="none")
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)
    out = {"side": "pytorch", "model": model, "seed": seed, "train_loss": [], "train_acc": [], "test_acc": []}
    start = time.perf_counter()
    for _ in range(epochs):
        train_loss, train_acc = train_epoch_ch3(net, train_iter, loss, trainer)
        test_acc = evaluate_accuracy(net, test_iter)
        out["train_loss"].append(train_loss)
        out["train_acc"].append(train_acc)
        out["test_acc"].append(test_acc)
    out["seconds"] = time.perf_counter() - start
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--seeds", default="0,1,2")
    p.add_argument("--models", default="softmax,mlp")
    p.add_argument("--epochs", type=int, default=10)
    args = p.parse_args()
    torch.set_num_threads(1)
    train_iter, test_iter = load_data_fashion_mnist(256)
    for model in args.models.split(","):
        for seed in (int(s) for s in args.seeds.split(",")):
            print(json.dumps(run(model, seed, args.epochs, train_iter, test_iter)), flush=True)


if __name__ == "__main__":
    main()
