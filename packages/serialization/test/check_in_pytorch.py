"""Loads the files torchts wrote (pytorch-interop.test.ts) in real PyTorch and checks
every value against the JSON that torchts wrote beside them. Exit 0 and print OK, or raise.

Usage: /usr/bin/python3 check_in_pytorch.py DIR
"""
import json
import math
import os
import sys

import torch
from torch import nn

d = sys.argv[1]
os.chdir(d)  # torch must not be imported from its own source directory; we are elsewhere
spec = json.load(open("expected.json"))


def num(v):
    return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(v, v) if isinstance(v, str) else v


def same(t, e, where):
    assert isinstance(t, torch.Tensor), f"{where}: {type(t)} is not a tensor"
    assert str(t.dtype) == "torch." + e["dtype"], f"{where}: dtype {t.dtype} != {e['dtype']}"
    assert list(t.shape) == e["shape"], f"{where}: shape {list(t.shape)} != {e['shape']}"
    if "stride" in e:
        assert list(t.stride()) == e["stride"], f"{where}: stride {t.stride()} != {e['stride']}"
        assert t.storage_offset() == e["offset"], f"{where}: offset {t.storage_offset()} != {e['offset']}"
    got = t.flatten().tolist()
    want = [num(v) for v in e["values"]]
    if t.dtype == torch.int64:
        want = [int(v) for v in e["values"]]
    for i, (a, b) in enumerate(zip(got, want)):
        ok = (math.isnan(a) and math.isnan(b)) if isinstance(a, float) and math.isnan(a) else a == b or (isinstance(a, float) and abs(a - b) <= 1e-6 * abs(b))
        assert ok, f"{where}[{i}]: {a} != {b}"
    assert len(got) == len(want), f"{where}: {len(got)} values, expected {len(want)}"
    if "words" in e:  # float16/bfloat16: the very bits torchts held
        words = [v & 0xFFFF for v in t.contiguous().flatten().view(torch.int16).tolist()]
        assert words == e["words"], f"{where}: words {words} != {e['words']}"


def check(obj, e, where):
    if "tensor" in e:
        same(obj, e["tensor"], where)
    elif "dict" in e:
        assert type(obj).__name__ == ("OrderedDict" if e["ordered"] else "dict"), f"{where}: {type(obj).__name__}"
        assert list(obj.keys()) == [k for k, _ in e["dict"]], f"{where}: keys {list(obj.keys())}"
        for k, v in e["dict"]:
            check(obj[k], v, f"{where}.{k}")
    elif "list" in e:
        assert isinstance(obj, list) and len(obj) == len(e["list"]), f"{where}: {obj!r}"
        for i, v in enumerate(e["list"]):
            check(obj[i], v, f"{where}[{i}]")
    else:
        assert obj == num(e["value"]) or (isinstance(obj, float) and math.isnan(obj)), f"{where}: {obj!r} != {e['value']!r}"
        assert type(obj).__name__ == e.get("type", type(obj).__name__), f"{where}: {type(obj).__name__} != {e.get('type')}"


for name, e in spec["files"].items():
    obj = torch.load(name)
    check(obj, e, name)
    if e.get("weights_only"):  # no Python float inside: 1.13's weights-only loader reads it too
        check(torch.load(name, weights_only=True), e, name + " (weights_only)")

# shared storages come back shared
sh = torch.load("shared.pt")
sh["base"][0] = 99
assert sh["view"].flatten()[0] == 99 if sh["view"].storage_offset() == 0 else sh["t"][0, 0] == 99
assert sh["tied_a"].data_ptr() == sh["tied_b"].data_ptr()

# notes 6.4 in the other direction: PyTorch's MLP loads torchts's mlp.params and gives torchts's net(X)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        return self.output(torch.relu(self.hidden(x)))


clone = MLP()
clone.load_state_dict(torch.load("mlp.params"))
X = torch.tensor(spec["mlp"]["X"]).view(2, 20)
Y = clone(X).detach().flatten().tolist()
assert all(abs(a - b) <= 1e-5 * max(1.0, abs(b)) for a, b in zip(Y, spec["mlp"]["Y"])), (Y[:4], spec["mlp"]["Y"][:4])  # float32, summed in another order

try:
    from safetensors.torch import load_file
except ImportError:
    if os.environ.get("CI"):
        raise
    print("WARNING: Python's safetensors is not installed; skipped the safetensors check")
else:
    st = load_file("tensors.safetensors")
    for k, e in spec["safetensors"].items():
        same(st[k], e, "safetensors:" + k)
print("OK")
