#!/usr/bin/python3
"""Step 5 of the release rehearsal: a two-cell notebook through the tslab kernel installed in APP.

Usage: notebook.py APP   (APP has node_modules with tslab and the packed torchts packages)
Fails on a cell error or on anything a cell writes to stderr (tslab reports errors there).
"""
import json
import os
import sys
import tempfile

import nbformat
from nbclient import NotebookClient

app = os.path.abspath(sys.argv[1])
kernels = tempfile.mkdtemp()
os.makedirs(os.path.join(kernels, "kernels", "tslab"))
with open(os.path.join(kernels, "kernels", "tslab", "kernel.json"), "w") as f:
    json.dump({"argv": [os.path.join(app, "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
               "display_name": "TypeScript", "language": "typescript"}, f)
os.environ["JUPYTER_PATH"] = kernels

nb = nbformat.v4.new_notebook()
nb.cells = [
    nbformat.v4.new_code_cell('import * as torch from "torchts";\nconst x = torch.arange(4, { dtype: torch.float32, requiresGrad: true });'),
    nbformat.v4.new_code_cell("torch.dot(x, x).backward();\nx.grad"),
]
NotebookClient(nb, kernel_name="tslab", timeout=120, resources={"metadata": {"path": app}}).execute()
problems = []
for i, cell in enumerate(nb.cells):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error" or out.get("name") == "stderr":
            problems.append(f"cell {i}: {out.get('text') or out.get('evalue')}")
text = "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in nb.cells[1].outputs)
if "tensor([0., 2., 4., 6.])" not in text:
    problems.append(f"cell 1 printed {text!r}")
import datetime
def seconds(cell):
    # nbclient's timestamps of the cell's execution (busy, input, reply, idle): its span
    stamps = [datetime.datetime.fromisoformat(v.replace("Z", "+00:00")) for v in cell.metadata.get("execution", {}).values()]
    return (max(stamps) - min(stamps)).total_seconds() if stamps else float("nan")
print(f"notebook: the import cell took {seconds(nb.cells[0]):.2f} s in tslab, the backward cell {seconds(nb.cells[1]):.2f} s")
if problems:
    sys.exit("notebook: " + "; ".join(problems))
print("notebook: ok", text.strip())
