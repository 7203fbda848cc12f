"""Records what PyTorch 1.13.1 / pandas 1.5.3 do with each row of the hostile-call table.

Run by hand with Debian's interpreter (never in CI; the tests read the committed JSON):
    /usr/bin/python3 hostile/gen_verdicts.py
Reads rows/<package>.json, writes verdicts/<package>.json ({id: verdict}).
A row's `py` code runs in a fresh namespace holding NAMES; its last line is the
result when it is an expression (as in a notebook cell).
"""
import ast
import json
import math
import os
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import torch
import torch.distributions as dist
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
import torch.utils.data as data

warnings.simplefilter("ignore")
try:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:  # plot rows need python3-matplotlib
    plt = None

HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp(prefix="torchts-hostile-")
try:  # serialization rows: pip install safetensors==0.8.0 (scripts/setup.sh does)
    import safetensors.torch as st
except ImportError:
    st = None
SFX = os.path.join(HERE, "..", "packages", "serialization", "fixtures")
# d2l: d2l itself is not installed; its helpers' Python lines, copied from d2l-zh's d2l/torch.py
sys.path.insert(0, os.path.join(HERE, "..", "packages", "d2l", "fixtures"))
import d2l_twin as d2l  # noqa: E402
# serialization: torch.save / torch.load (rows pass weights_only=True where torchts's load is the twin)
serialization = type("serialization", (), {"save": staticmethod(torch.save), "load": staticmethod(torch.load)})
# loaders: the JS rows' name for torch.utils.data (their Python twins may say data or loaders)
NAMES = dict(torch=torch, nn=nn, F=F, optim=optim, data=data, loaders=data, np=np, pd=pd, dist=dist, plt=plt, math=math, tmp=TMP,
             serialization=serialization, sfx=SFX, os=os, st=st, d2l=d2l)


def number(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


def nested(x):
    return [nested(v) for v in x] if isinstance(x, list) else number(x)


def encode(value):
    if isinstance(value, torch.Tensor):
        t = value.detach()
        return {"tensor": nested(t.tolist()) if t.dim() else number(t.item()), "dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}
    if isinstance(value, (bool, int, float)):
        return {"number": number(value)}
    return {"repr": repr(value)[:200]}


def run(code):
    ns = dict(NAMES)
    tree = ast.parse(code)
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr):
        exec(compile(ast.Module(tree.body[:-1], []), "<row>", "exec"), ns)
        return eval(compile(ast.Expression(last.value), "<row>", "eval"), ns)
    exec(compile(tree, "<row>", "exec"), ns)
    return None


def verdict(row):
    torch.manual_seed(0)
    try:
        value = run(row["py"])
    except Exception as e:  # the verdict is the exception itself
        chain = [c.__name__ for c in type(e).__mro__ if c not in (BaseException, object)]
        return {"ok": False, "error": chain, "message": str(e)[:600]}
    return {"ok": True, "value": encode(value)}


def main():
    seen = set()
    for name in sorted(os.listdir(os.path.join(HERE, "rows"))):
        if not name.endswith(".json"):
            continue
        rows = json.load(open(os.path.join(HERE, "rows", name)))
        out = {}
        for row in rows:
            if row["id"] in seen:
                sys.exit(f"duplicate row id {row['id']}")
            seen.add(row["id"])
            out[row["id"]] = verdict(row)
        with open(os.path.join(HERE, "verdicts", name), "w") as f:
            json.dump(out, f, indent=1, sort_keys=True)
            f.write("\n")
        print(f"{name}: {len(rows)} rows, {sum(not v['ok'] for v in out.values())} raise in Python")


if __name__ == "__main__":
    main()
