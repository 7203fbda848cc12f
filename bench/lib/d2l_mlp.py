"""PyTorch 1.13's side of the d2l 4.1 concise MLP epoch (bench/lib/d2l-mlp.mjs is torchts's).

The same script as the notebook's: nn.Sequential(Flatten, Linear(784, 256), ReLU,
Linear(256, 10)) with normal(0, 0.01) weights, CrossEntropyLoss(reduction='none'),
SGD(lr=0.1), d2l's train_epoch_ch3 (l.mean().backward()) and evaluate_accuracy, on one
thread. Debian has no torchvision, so the data are torchvision's FashionMNIST + ToTensor
computed once (the IDX files, x.float().div(255) as [N, 1, 28, 28]) in a TensorDataset,
in a DataLoader(batch_size=256, shuffle=True, num_workers=0). That is cheaper per batch
than torchvision's per-image PIL ToTensor, so it favours PyTorch.

Imported by bench/workloads/d2l-mlp.mjs's setup (through pytorch_worker.py), or run as
a persistent process by bench/mlp-epoch.mjs: one JSON request per line on stdin
({"op": "setup"} | {"op": "epoch"} | {"op": "eval"}), one JSON answer per line.
"""
import gzip
import json
import struct
import sys
import time

T_START = time.perf_counter()
import torch  # noqa: E402
from torch import nn  # noqa: E402
from torch.utils import data  # noqa: E402

T_IMPORT = time.perf_counter() - T_START
torch.set_num_threads(1)
ROOT = "/usr/share/datasets/fashion-mnist"
PHASES = ["loader", "forward", "loss", "backward", "step", "metrics"]


def read_idx(name):
    raw = gzip.decompress(open(f"{ROOT}/{name}", "rb").read())
    nd = raw[3]
    dims = struct.unpack(">" + "I" * nd, raw[4:4 + 4 * nd])
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8, offset=4 + 4 * nd).view(*dims)


def fashion_mnist(train):
    pre = "train" if train else "t10k"
    imgs = read_idx(f"{pre}-images-idx3-ubyte.gz")
    labels = read_idx(f"{pre}-labels-idx1-ubyte.gz").long()
    # torchvision's ToTensor: [1, 28, 28] float32 in [0, 1] per image
    return data.TensorDataset(imgs.float().div(255).unsqueeze(1), labels)


def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


def make(seed=0, batch_size=256):
    torch.manual_seed(seed)
    train_iter = data.DataLoader(fashion_mnist(True), batch_size, shuffle=True, num_workers=0)
    test_iter = data.DataLoader(fashion_mnist(False), batch_size, shuffle=False, num_workers=0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))

    def init_weights(m):
        if type(m) == nn.Linear:
            nn.init.normal_(m.weight, std=0.01)

    net.apply(init_weights)
    loss = nn.CrossEntropyLoss(reduction="none")
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)
    return {"net": net, "loss": loss, "trainer": trainer, "train_iter": train_iter, "test_iter": test_iter}


def train_epoch(m, ph=None):
    """d2l's train_epoch_ch3, timing each phase into ph (ms)."""
    net, loss, trainer = m["net"], m["loss"], m["trainer"]
    ph = {} if ph is None else ph
    for k in PHASES:
        ph.setdefault(k, 0.0)
    net.train()
    metric = [0.0, 0.0, 0.0]
    now = time.perf_counter
    t = now()
    it = iter(m["train_iter"])
    while True:
        try:
            X, y = next(it)
        except StopIteration:
            ph["loader"] += (now() - t) * 1e3
            break
        t1 = now()
        ph["loader"] += (t1 - t) * 1e3
        y_hat = net(X)
        t2 = now()
        ph["forward"] += (t2 - t1) * 1e3
        l = loss(y_hat, y)
        t1 = now()
        ph["loss"] += (t1 - t2) * 1e3
        trainer.zero_grad()
        l.mean().backward()
        t2 = now()
        ph["backward"] += (t2 - t1) * 1e3
        trainer.step()
        t1 = now()
        ph["step"] += (t1 - t2) * 1e3
        metric[0] += float(l.sum())
        metric[1] += accuracy(y_hat, y)
        metric[2] += y.numel()
        t = now()
        ph["metrics"] += (t - t1) * 1e3
    return metric[0] / metric[2], metric[1] / metric[2]


def evaluate_accuracy(m):
    net = m["net"]
    net.eval()
    metric = [0.0, 0.0]
    with torch.no_grad():
        for X, y in m["test_iter"]:
            metric[0] += accuracy(net(X), y)
            metric[1] += y.numel()
    return metric[0] / metric[1]


def serve():
    print(json.dumps({"ready": True, "version": torch.__version__, "threads": torch.get_num_threads(), "import_ms": T_IMPORT * 1e3}), flush=True)
    m = None
    for line in sys.stdin:
        req = json.loads(line)
        t0 = time.perf_counter()
        try:
            if req["op"] == "setup":
                m = make(req.get("seed", 0))
                out = {}
            elif req["op"] == "epoch":
                ph = {}
                loss, acc = train_epoch(m, ph)
                out = {"loss": loss, "acc": acc, "phases": ph}
            elif req["op"] == "eval":
                out = {"acc": evaluate_accuracy(m)}
            else:
                out = {"error": f"unknown op {req['op']}"}
        except Exception as e:  # noqa: BLE001 - reported to the harness
            out = {"error": f"{type(e).__name__}: {e}"}
        out["ms"] = (time.perf_counter() - t0) * 1e3
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    serve()
