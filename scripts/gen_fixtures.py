#!/usr/bin/python3
"""Regenerate the golden fixtures: run every packages/*/fixtures/gen_*.py.

Run with Debian's Python (it has PyTorch 1.13.1, pandas 1.5.3 and numpy):

  pnpm fixtures                                          # all generators, files rewritten
  /usr/bin/python3 scripts/gen_fixtures.py gen_ops gen_pandas   # only these
  pnpm fixtures --check                                  # rewrite nothing; exit 1 if any would change

Each generator writes its JSON next to itself (paths from its own __file__) and
reads only files in its fixtures/ folder. So --check copies that folder to a
scratch directory, runs the generator there, and compares every file it wrote
with the committed one byte for byte: the committed fixtures are untouched.
Generators run one at a time with /usr/bin/python3 (the `python3` first on PATH
may be another interpreter without Debian's packages), with a fixed hash seed.

The committed fixtures were made with Debian's OpenBLAS (libopenblas0-pthread
0.3.21) behind PyTorch; with it, every generator reproduces them byte for byte.
With the reference BLAS (libblas3 alone), matmul, inv and solve results differ in
the last bits (relative 1e-16 in float64, 1e-7 in float32), so the script says
which BLAS PyTorch loaded before it runs anything.
"""
import filecmp
import glob
import os
import shutil
import subprocess
import sys
import tempfile
import time

PYTHON = "/usr/bin/python3"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def generators(only):
    found = sorted(glob.glob(os.path.join(ROOT, "packages", "*", "fixtures", "gen_*.py")))
    names = {os.path.splitext(os.path.basename(g))[0]: g for g in found}
    unknown = [o for o in only if o.removesuffix(".py") not in names]
    if unknown:
        sys.exit(f"gen_fixtures: no generator {', '.join(unknown)}; there are {', '.join(names)}")
    return [g for g in found if not only or os.path.splitext(os.path.basename(g))[0] in {o.removesuffix(".py") for o in only}]


def blas():
    """The BLAS library PyTorch maps into a /usr/bin/python3 process."""
    code = "import torch, re; print(' '.join(sorted(set(re.findall(r'\\S*lib(?:open)?blas\\S*', open('/proc/self/maps').read())))))"
    r = subprocess.run([PYTHON, "-c", code], capture_output=True, text=True)
    return r.stdout.strip() or f"unknown ({r.stderr.strip().splitlines()[-1] if r.stderr.strip() else 'no libblas mapped'})"


def run(script, cwd):
    env = dict(os.environ, PYTHONHASHSEED="0")
    t = time.time()
    r = subprocess.run([PYTHON, script], cwd=cwd, env=env, capture_output=True, text=True)
    return r, time.time() - t


def check(gen):
    """Run `gen` on a scratch copy of its folder; return the committed files whose content would change."""
    folder = os.path.dirname(gen)
    with tempfile.TemporaryDirectory(prefix="fixtures-") as tmp:
        copy = os.path.join(tmp, "fixtures")
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
        r, secs = run(os.path.join(copy, os.path.basename(gen)), copy)
        if r.returncode != 0:
            return None, r, secs
        changed = []
        for p in sorted(glob.glob(os.path.join(copy, "**", "*"), recursive=True)):
            if os.path.isdir(p) or "__pycache__" in p:
                continue
            rel = os.path.relpath(p, copy)
            committed = os.path.join(folder, rel)
            if not os.path.exists(committed):
                changed.append(f"{rel} (new)")
            elif not filecmp.cmp(p, committed, shallow=False):
                changed.append(rel)
        return changed, r, secs


def main(argv):
    checking = "--check" in argv
    gens = generators([a for a in argv if a != "--check"])
    failed = False
    lib = blas()
    note = "" if "openblas" in lib else " (not OpenBLAS: matmul and linalg fixtures will differ in the last bits)"
    print(f"BLAS: {lib}{note}", flush=True)
    for gen in gens:
        name = os.path.relpath(gen, ROOT)
        if checking:
            changed, r, secs = check(gen)
            if changed is None:
                failed = True
                print(f"FAIL {name} ({secs:.1f} s): exit {r.returncode}\n{r.stderr}", flush=True)
            elif changed:
                failed = True
                print(f"DIFF {name} ({secs:.1f} s): would change {', '.join(changed)}", flush=True)
            else:
                print(f"same {name} ({secs:.1f} s)", flush=True)
        else:
            r, secs = run(gen, os.path.dirname(gen))
            sys.stdout.write(r.stdout)
            if r.returncode != 0:
                failed = True
                print(f"FAIL {name} ({secs:.1f} s): exit {r.returncode}\n{r.stderr}", flush=True)
            else:
                print(f"ok   {name} ({secs:.1f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
