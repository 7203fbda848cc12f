"""PyTorch's text for the chapter-1 notebooks' seeded cells, from PyTorch 1.13.1.

Run with Debian's interpreter (it has torch):
    /usr/bin/python3 notebooks/test/gen_seeded.py

Writes seeded.json, read by seeded.test.ts: per notebook, the cells' markers
(a piece of their TypeScript source) and what PyTorch prints for the same calls
after the same seed, in the notebook's order, so the executed notebooks must
show PyTorch's numbers (the 1.6 die counts, the running estimates behind the
plot, the 1000-roll mean and variance; the 1.1 randn matrix).
"""

import json
import os

import torch
from torch.distributions import multinomial

HERE = os.path.dirname(os.path.abspath(__file__))
out = {}

torch.manual_seed(0)
out["1.1-tensors"] = [{"marker": "torch.randn(3, 4)", "text": repr(torch.randn(3, 4))}]

torch.manual_seed(0)
fair_probs = torch.ones([6]) / 6
cells = []
cells.append({"marker": "new Multinomial(1, fairProbs).sample()", "text": repr(multinomial.Multinomial(1, fair_probs).sample())})
cells.append({"marker": "new Multinomial(10, fairProbs).sample()", "text": repr(multinomial.Multinomial(10, fair_probs).sample())})
counts = multinomial.Multinomial(1000, fair_probs).sample()
cells.append({"marker": "const counts1000", "text": repr(counts / 1000)})
counts = multinomial.Multinomial(10, fair_probs).sample((500,))
cum_counts = counts.cumsum(dim=0)
estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
cells.append({"marker": "const estimates", "text": f"{counts.shape} {estimates[-1]}"})
# the plot's curves: the running estimates of the first and the tenth group
cells.append({"marker": "const estimates", "estimates_rows": {"0": estimates[0].tolist(), "9": estimates[9].tolist(), "499": estimates[-1].tolist()}})
rolls = (torch.argmax(multinomial.Multinomial(1, fair_probs).sample((1000,)), 1) + 1).double()
cells.append({"marker": "const rolls", "text": str(rolls.mean())})
cells.append({"marker": "const rolls", "text": str(rolls.var(unbiased=False))})
out["1.6-probability"] = cells

with open(os.path.join(HERE, "seeded.json"), "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
