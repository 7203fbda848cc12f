"""PyTorch's text for the chapter-6 notebooks (6.1-6.4), from PyTorch 1.13.1.

Run with Debian's interpreter (it has torch):
    /usr/bin/python3 notebooks/test/gen_ch6.py

Runs the d2l book's snippets (PyTorch edition, chapter 5 "Deep Learning
Computation"), with the notebooks' seeds, in the notebooks' order, and writes
ch6.json, read by ch6.test.ts through pytorch-text.ts (which documents the
kinds of entry). Per notebook, a list of entries:
  - {"marker", "text"}: the output of the first code cell whose TypeScript
    source contains `marker` contains `text` (a printed module, tensor, ...);
  - {"marker", "keys"}: the quoted strings that cell prints are these names, in
    this order (state-dict keys, parameter names);
  - {"marker", "near_zero", "grad_fn"}: a float32 rounding residue that PyTorch
    prints as `near_zero`; the cell must print one below 1e-6, with `grad_fn`;
  - {"marker", "values", "grad_fn", "printed"}: a tensor whose printed digits
    may differ from PyTorch's `printed` by one unit in the last place, where
    PyTorch's exact value (`values`) lies on that rounding boundary.
An entry with "after" looks for its cell only after the first cell containing
`after`; with "exact", the cell's whole source is `marker` (a cell that only
shows `net`, which recurs).
Each notebook cell whose printed values depend on random draws starts with
torch.manualSeed(s); so does the matching block here.
"""

import json
import os
import shutil
import tempfile

import torch
from torch import nn
from torch.nn import functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}
entries = []


def text(marker, value, **where):
    """The cell's output contains PyTorch's text of `value` (str(value), as print shows it)."""
    entries.append({"marker": marker, **where, "text": value if isinstance(value, str) else str(value)})


def shown(after, value):
    """A cell that only shows `net`, the first such cell after the one containing `after`."""
    text("net", value, after=after, exact=True)


def keys(marker, names):
    entries.append({"marker": marker, "keys": list(names)})


def named_shapes(marker, module):
    """The cell prints [name, torch.Size] pairs: each "'name', torch.Size([...])" in order."""
    for name, param in module.named_parameters():
        text(marker, f"'{name}', {param.shape}")
    keys(marker, [name for name, _ in module.named_parameters()])


def notebook(name):
    global entries
    entries = []
    out[name] = entries


# ---------------------------------------------------------------- 6.1 layers and blocks
notebook("6.1-layers-and-blocks")

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
X = torch.rand(2, 20)
text("let net: torch.nn.Module = new nn.Sequential", net(X))
shown("let net: torch.nn.Module = new nn.Sequential", net)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.out = nn.Linear(256, 10)

    def forward(self, X):
        return self.out(F.relu(self.hidden(X)))


torch.manual_seed(0)
net = MLP()
text("net = new MLP();", net(X))
shown("net = new MLP();", net)


class MySequential(nn.Module):
    def __init__(self, *args):
        super().__init__()
        for idx, module in enumerate(args):
            self._modules[str(idx)] = module

    def forward(self, X):
        for block in self._modules.values():
            X = block(X)
        return X


torch.manual_seed(0)
net = MySequential(nn.Linear(20, 256), nn.ReLU(), nn.Linear(256, 10))
text("net = new MySequential(", net(X))
shown("net = new MySequential(", net)
named_shapes("net.namedParameters().map(", net)


class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.rand_weight = torch.rand((20, 20), requires_grad=False)
        self.linear = nn.Linear(20, 20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(torch.mm(X, self.rand_weight) + 1)
        X = self.linear(X)
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()


torch.manual_seed(0)
net = FixedHiddenMLP()
text("net = new FixedHiddenMLP();", net(X))
shown("net = new FixedHiddenMLP();", net)


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU())
        self.linear = nn.Linear(32, 16)

    def forward(self, X):
        return self.linear(self.net(X))


torch.manual_seed(0)
net = NestMLP()
y_hat = net(X)
text("yHat.shape", y_hat.shape)
shown("net = new NestMLP();", net)

torch.manual_seed(0)
chimera = nn.Sequential(NestMLP(), nn.Linear(16, 20), FixedHiddenMLP())
text("chimera(X)", chimera(X))
keys("[...chimera.stateDict().keys()]", chimera.state_dict().keys())

text("chimera", chimera, exact=True)

# ---------------------------------------------------------------- 6.2 parameters
notebook("6.2-parameters")

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))
X = torch.rand(size=(2, 4))
text("let net = new nn.Sequential(new nn.Linear(4, 8)", net(X))
shown("let net = new nn.Sequential(new nn.Linear(4, 8)", net)
text("net[2].stateDict()", net[2].state_dict())
text("net[2].bias.constructor.name", "'" + type(net[2].bias).__name__ + "', true")
text("net[2].bias", net[2].bias, exact=True)
text("net[2].bias.data", net[2].bias.data, exact=True)
text("net[2].weight.grad === null", str(net[2].weight.grad is None).lower())
named_shapes("net[0].namedParameters().map(", net[0])
named_shapes("net.namedParameters().map(([name, param])", net)
text('net.stateDict().get("2.bias")!.data', net.state_dict()["2.bias"].data)


def block1():
    return nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())


def block2():
    net = nn.Sequential()
    for i in range(4):
        net.add_module(f"block {i}", block1())
    return net


torch.manual_seed(0)
rgnet = nn.Sequential(block2(), nn.Linear(4, 1))
text("rgnet(X)", rgnet(X))
text("rgnet", rgnet, exact=True)
text("rgnet[0][1][0].bias.data", rgnet[0][1][0].bias.data)
keys("[...rgnet.stateDict().keys()]", rgnet.state_dict().keys())


def init_normal(m):
    if type(m) == nn.Linear:
        nn.init.normal_(m.weight, mean=0, std=0.01)
        nn.init.zeros_(m.bias)


torch.manual_seed(0)
net.apply(init_normal)
text("net.apply(initNormal);", net[0].weight.data[0])
text("net.apply(initNormal);", net[0].bias.data[0])


def init_constant(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 1)
        nn.init.zeros_(m.bias)


net.apply(init_constant)
text("net.apply(initConstant);", net[0].weight.data[0])
text("net.apply(initConstant);", net[0].bias.data[0])


def init_xavier(m):
    if type(m) == nn.Linear:
        nn.init.xavier_uniform_(m.weight)


def init_42(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 42)


torch.manual_seed(0)
net[0].apply(init_xavier)
net[2].apply(init_42)
text("net[0].apply(initXavier);", f"{net[0].weight.data[0]}\n{net[2].weight.data}")

printed = []


def my_init(m):
    if type(m) == nn.Linear:
        printed.append(" ".join(["Init", *[str(x) for x in [(name, param.shape) for name, param in m.named_parameters()][0]]]))
        nn.init.uniform_(m.weight, -10, 10)
        m.weight.data *= m.weight.data.abs() >= 5


torch.manual_seed(0)
net.apply(my_init)
for line in printed:
    text("net.apply(myInit);", line)
text("net.apply(myInit);", net[0].weight[:2])
w = torch.cat([net[0].weight.data.flatten(), net[2].weight.data.flatten()])
text("const counts", f"{{ zero: {int((w == 0).sum())}, over5: {int((w >= 5).sum())}, underMinus5: {int((w <= -5).sum())}, total: {w.numel()} }}")

net[0].weight.data[:] += 1
net[0].weight.data[0, 0] = 42
text("net[0].weight.data.set(0, 0, 42);", net[0].weight.data[0])

torch.manual_seed(0)
shared = nn.Linear(8, 8)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared, nn.ReLU(), nn.Linear(8, 1))
net(X)
first = net[2].weight.data[0] == net[4].weight.data[0]
net[2].weight.data[0, 0] = 100
text("const shared = new nn.Linear(8, 8);", f"{first}\n{net[2].weight.data[0] == net[4].weight.data[0]}")
shown("const shared = new nn.Linear(8, 8);", net)
keys("net.namedParameters().map(([name]) => name)", [name for name, _ in net.named_parameters()])
keys("[...net.stateDict().keys()]", net.state_dict().keys())

untied = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 1))
untied.load_state_dict(net.state_dict())
net(X).sum().backward()
untied(X).sum().backward()
summed = untied[2].weight.grad + untied[4].weight.grad
text("const untied", f"[ {str(net[2].weight.grad is net[4].weight.grad).lower()}, {str(torch.allclose(net[2].weight.grad, summed)).lower()} ]")

trainer = torch.optim.SGD(net.parameters(), lr=0.1)
trainer.step()
text("trainer.step();", f"{str(net[2].weight is net[4].weight).lower()} {str(net[2] is net[4]).lower()}")
text("trainer.step();", net[2].weight.data[0])
text("trainer.step();", net[2].weight.data[0] == net[4].weight.data[0])


# ---------------------------------------------------------------- 6.3 custom layers
notebook("6.3-custom-layers")


class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, X):
        return X - X.mean()


layer = CenteredLayer()
text("layer(torch.tensor([1, 2, 3, 4, 5]", layer(torch.FloatTensor([1, 2, 3, 4, 5])))
text("layer", layer, exact=True)

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
text("const net = new nn.Sequential(new nn.Linear(8, 128), new CenteredLayer());", net)
torch.manual_seed(0)
Y = net(torch.rand(4, 8))
# Y.mean() is a rounding residue: compared by magnitude in ch6.test.ts, not as text
entries.append({"marker": "Y.mean()", "near_zero": float(Y.mean()), "grad_fn": "grad_fn=<MeanBackward0>"})


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.randn(in_units, units))
        self.bias = nn.Parameter(torch.randn(units,))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)


torch.manual_seed(0)
linear = MyLinear(5, 3)
text("linear.weight", linear.weight)
text("console.log(linear.stateDict());", f"{linear.state_dict()}\n{linear}")
torch.manual_seed(0)
text("linear(torch.rand(2, 5))", linear(torch.rand(2, 5)))

torch.manual_seed(0)
net = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1))
text("net2(torch.rand(2, 64))", net(torch.rand(2, 64)))
text("net2", net, exact=True)
keys("[...net2.stateDict().keys()]", net.state_dict().keys())


# ---------------------------------------------------------------- 6.4 file I/O
notebook("6.4-file-io")

home = os.getcwd()
work_dir = tempfile.mkdtemp(prefix="d2l-6.4-")
os.chdir(work_dir)

x = torch.arange(4)
torch.save(x, "x-file")
x2 = torch.load("x-file", weights_only=True)
text("const x2 = torch.load", x2)

y = torch.zeros(4)
torch.save([x, y], "x-files")
x2, y2 = torch.load("x-files", weights_only=True)
text("const [x3, y3]", x2)
text("const [x3, y3]", y2)

mydict = {"x": x, "y": y}
torch.save(mydict, "mydict")
mydict2 = torch.load("mydict", weights_only=True)
# a Python dict prints {'x': ..., 'y': ...}, a plain object { x: ..., y: ... }: the values compare
text("const mydict2 = torch.load", mydict2["x"])
text("const mydict2 = torch.load", mydict2["y"])
text("torch.equal(mydict2.x, x)", f"'{mydict2['x'].dtype}', '{mydict2['y'].dtype}'")


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(20, 256)
        self.output = nn.Linear(256, 10)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))


torch.manual_seed(0)
net = MLP()
X = torch.randn(size=(2, 20))
Y = net(X)
# one printed entry sits on a rounding boundary (see the notebook): compared as numbers
entries.append({"marker": "const Y = net(X);", "values": Y.flatten().tolist(), "grad_fn": "grad_fn=<AddmmBackward0>", "printed": str(Y)})

torch.save(net.state_dict(), "mlp.params")
keys('torch.save(net.stateDict(), "mlp.params");', net.state_dict().keys())

clone = MLP()
result = clone.load_state_dict(torch.load("mlp.params", weights_only=True))
text("const clone = new MLP();", f"{result}\n{clone.eval()}")

Y_clone = clone(X)
text("YClone.eq(Y)", Y_clone == Y)

os.chdir(home)
shutil.rmtree(work_dir)


with open(os.path.join(HERE, "ch6.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
