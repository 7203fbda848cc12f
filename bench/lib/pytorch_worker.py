"""PyTorch side of the torchts benchmark harness (bench/run.mjs).

A persistent process: reads one JSON request per line on stdin, answers one
JSON line on stdout. Requests:
  {"op": "prepare", "id": str, "setup": str, "stmt": str}  - exec setup once
  {"op": "time", "id": str, "budget_ms": float, "max_calls": int, "warmup": bool}
      -> {"times_ms": [...]}: per-call wall times of stmt, until the budget is spent
Runs on one thread (torch.set_num_threads(1)), like the issue's reference column.
"""
import json
import sys
import time

try:
    import torch
except Exception as e:  # noqa: BLE001 - report any import failure to the harness
    print(json.dumps({"ready": False, "error": f"{type(e).__name__}: {e}"}), flush=True)
    sys.exit(0)

torch.set_num_threads(1)
print(json.dumps({"ready": True, "version": torch.__version__, "threads": torch.get_num_threads()}), flush=True)

cases = {}
for line in sys.stdin:
    req = json.loads(line)
    try:
        if req["op"] == "prepare":
            ns = {"torch": torch}
            exec(req["setup"], ns)
            cases[req["id"]] = (compile(req["stmt"], req["id"], "exec"), ns)
            out = {"ok": True}
        elif req["op"] == "time":
            code, ns = cases[req["id"]]
            budget = req["budget_ms"] / 1e3
            if req.get("warmup"):
                start = time.perf_counter()
                exec(code, ns)
                while time.perf_counter() - start < budget:
                    exec(code, ns)
            times = []
            start = time.perf_counter()
            while len(times) < req["max_calls"]:
                t0 = time.perf_counter()
                exec(code, ns)
                t1 = time.perf_counter()
                times.append((t1 - t0) * 1e3)
                if t1 - start >= budget:
                    break
            out = {"times_ms": times}
        else:
            out = {"error": f"unknown op {req['op']}"}
    except Exception as e:  # noqa: BLE001
        out = {"error": f"{type(e).__name__}: {e}"}
    print(json.dumps(out), flush=True)
