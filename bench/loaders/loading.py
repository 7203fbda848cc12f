"""PyTorch 1.13's side of bench/loaders/loading.mjs: one round of each case, times in ms as JSON.
Run by loading.mjs (interleaved with the torchts rounds); alone: /usr/bin/python3 loading.py."""
import gzip
import json
import struct
import sys
import time

import torch
import torch.utils.data as data

ROOT = "/usr/share/datasets/fashion-mnist"


def read(name):
    raw = gzip.decompress(open(f"{ROOT}/{name}", "rb").read())
    nd = raw[3]
    dims = struct.unpack(">" + "I" * nd, raw[4:4 + 4 * nd])
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8, offset=4 + 4 * nd).view(*dims)


def timed(fn, reps):
    fn()  # warm-up
    best = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        best.append((time.perf_counter() - t) * 1000)
    return sorted(best)[len(best) // 2]


reps = int(sys.argv[1]) if len(sys.argv) > 1 else 3
out = {}
t = time.perf_counter()
imgs = read("train-images-idx3-ubyte.gz")
labels = read("train-labels-idx1-ubyte.gz").long()
read("t10k-images-idx3-ubyte.gz"), read("t10k-labels-idx1-ubyte.gz")
out["read (gzip.decompress + frombuffer)"] = (time.perf_counter() - t) * 1000
out["toTensor"] = timed(lambda: imgs.float().div(255), reps)
X = imgs.float().div(255).view(60000, 1, 28, 28)
ds = data.TensorDataset(X, labels)
loader = data.DataLoader(ds, batch_size=256, shuffle=True, num_workers=0)


def epoch_loader():
    for xb, yb in loader:
        pass


def epoch_hand():
    idx = torch.randperm(60000)
    for s in range(0, 60000, 256):
        i = idx[s:s + 256]
        xb, yb = X[i], labels[i]


out["epoch DataLoader"] = timed(epoch_loader, reps)
out["epoch hand loop"] = timed(epoch_hand, reps)
print(json.dumps(out))
