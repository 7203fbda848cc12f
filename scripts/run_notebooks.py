#!/usr/bin/python3
"""Execute notebooks headlessly through the tslab kernel and write their outputs back.

Run with Debian's Python (it has python3-nbclient):

  /usr/bin/python3 scripts/run_notebooks.py                  # every notebooks/*.ipynb
  /usr/bin/python3 scripts/run_notebooks.py 1.1-tensors x.ipynb
  /usr/bin/python3 scripts/run_notebooks.py --no-write --timeout 60

Before executing, each notebooks/src/<name>.md is converted to
notebooks/<name>.ipynb (scripts/make_notebook.py), so the markdown sources are
the ones that run.

The kernel is the committed kernelspec notebooks/kernels/tslab/kernel.json,
found through JUPYTER_PATH, with notebooks/node_modules/.bin on PATH (so no
`tslab install` and no IPython). Kernels start in notebooks/, whatever the
notebook's location, so `@torchts/*` imports and relative paths resolve there.

A notebook fails, and the exit status is 1, when any cell:
  - returns an error status (tslab's type errors and synchronous throws);
  - writes anything to stderr (tslab prints errors there, with no ename/evalue);
  - or raises an exception inside a timer or callback, or leaves a promise
    rejection unhandled, at any time until the kernel stops (the runner waits
    up to --settle seconds after the last cell for pending timers). tslab only
    prints these to stderr, often after the cell has finished, where Jupyter
    drops them; so the runner installs its own process handlers in the kernel
    (a hidden setup cell, never saved), which append to a log file it reads
    after every cell.
A cell tagged `raises-exception` may fail, and must.
Failing notebooks are not written back, so the last good outputs stay.
Exit status: 0 all passed, 1 a notebook failed, 2 bad setup or arguments.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import asyncio
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from nbclient.util import ensure_async, run_sync  # noqa: E402

from make_notebook import SOURCES, sync_notebook  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
KERNEL_NAME = "tslab"
MARKER = "__run_notebooks__"

# Hidden cells, run in the kernel but never saved. They are TypeScript for
# tslab and touch only globalThis, so they declare nothing the notebook sees.
# SETUP installs process handlers that append what they catch to a log file
# the runner reads after every cell (no extra kernel round trip per cell).
SETUP = f"""
{{
  const g = globalThis as any;
  if (!g.{MARKER}) {{
    const fs = require("fs");
    const log = (text: string) => fs.appendFileSync(%s, JSON.stringify(text) + "\\n");
    const describe = (e: any) => (e && e.stack) ? String(e.stack) : String(e);
    process.on("uncaughtException", (e: any) => log("UncaughtException: " + describe(e)));
    process.on("unhandledRejection", (r: any) => log("UnhandledPromiseRejection: " + describe(r)));
    const timers = () => process.getActiveResourcesInfo().filter((t: string) => t === "Timeout").length;
    g.{MARKER} = {{ timers, baseline: timers() }};
  }}
  console.log("{MARKER}");
}}
"""

# After the last cell: wait (bounded) for the notebook's own timers to fire,
# then let immediates and rejection tracking run.
FINAL = f"""
{{
  const s = (globalThis as any).{MARKER};
  const end = Date.now() + %d;
  while (s.timers() > s.baseline && Date.now() < end) await new Promise<void>((r) => setTimeout(r, 20));
}}
await new Promise<void>((r) => setImmediate(r));
await new Promise<void>((r) => setTimeout(r, 0));
console.log("{MARKER}");
"""


class CaughtLog:
    """The file the kernel's handlers append to: one JSON string per line."""

    def __init__(self) -> None:
        fd, name = tempfile.mkstemp(prefix="run_notebooks-", suffix=".log")
        os.close(fd)
        self.path = Path(name)
        self.offset = 0

    def new_entries(self) -> list[str]:
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            data = f.read()
        end = data.rfind(b"\n") + 1  # a line being written is read next time
        self.offset += end
        return [json.loads(line) for line in data[:end].decode("utf-8").splitlines() if line.strip()]

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)


class NotebookFailure(Exception):
    """A cell failed; the message says which cell and what it printed."""


def cell_label(nb: nbformat.NotebookNode, index: int) -> str:
    code_index = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    first = next((ln for ln in nb.cells[index].source.splitlines() if ln.strip()), "")
    return f"cell {index} (code cell #{code_index}: {first.strip()[:60]!r})"


def async_failure(nb: nbformat.NotebookNode, index: int) -> str:
    # The handlers cannot tell which cell left a callback; timing says when it ran.
    return f"an error was raised asynchronously during or after {cell_label(nb, index)} (by it, or by a callback an earlier cell left)"


def stderr_of(outputs: list) -> str:
    return "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream" and o.get("name") == "stderr")


def error_outputs(outputs: list) -> str:
    parts = []
    for o in outputs:
        if o.get("output_type") == "error":
            parts.append(f"{o.get('ename', '')}: {o.get('evalue', '')}\n" + "\n".join(o.get("traceback", [])))
    return "\n".join(parts)


class CheckedClient(NotebookClient):
    """nbclient's client plus the checks tslab needs (see the module doc)."""

    def __init__(self, nb: nbformat.NotebookNode, settle_ms: int, grace: float = 0.025, **kw):
        super().__init__(nb, **kw)
        self.settle_ms = settle_ms
        self.grace = grace
        self.last_reply: dict | None = None

        def remember(cell, cell_index, execute_reply):  # noqa: ANN001 - nbclient's hook signature
            self.last_reply = execute_reply

        self.on_cell_executed = remember

    async def run_hidden(self, code: str, after: str) -> list[str]:
        """Run code in the kernel without recording it; return problems it reported."""
        for _ in range(10):
            reply, stdout, stderr = await self.execute_quietly(code)
            # After a failed cell tslab aborts whatever arrives in the next 200 ms.
            if reply is None or reply["content"]["status"] not in ("abort", "aborted"):
                break
            await asyncio.sleep(0.25)
        err = "".join(stderr)
        if reply is None or reply["content"]["status"] != "ok" or MARKER not in "".join(stdout):
            # The runner's own code failed: report it rather than hide a failure.
            status = reply["content"]["status"] if reply else "no reply"
            return [f"the runner's code {after} failed ({status}):\n{err}"]
        return [f"stderr {after}:\n{err}"] if err.strip() else []

    def caught(self, stderr_seen: str = "") -> list[str]:
        """What the kernel's handlers caught since the last look, minus what tslab already printed."""
        return [p for p in self.caught_log.new_entries() if p.strip() not in stderr_seen]

    async def execute_quietly(self, code: str) -> tuple[dict | None, list[str], list[str]]:
        """Execute code outside the notebook; return the reply and the stdout and stderr texts."""
        assert self.kc is not None
        msg_id = await ensure_async(self.kc.execute(code, store_history=False, stop_on_error=False))
        reply = await self.async_wait_for_reply(msg_id)
        stdout, stderr = [], []
        while True:
            msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.iopub_timeout or 30))
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "stream":
                (stdout if msg["content"]["name"] == "stdout" else stderr).append(msg["content"]["text"])
            elif msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        return reply, stdout, stderr

    async def async_execute(self, reset_kc: bool = False, **kwargs) -> nbformat.NotebookNode:
        if reset_kc and self.owns_km:
            await self._async_cleanup_kernel()
        self.reset_execution_trackers()
        self.caught_log = CaughtLog()
        try:
            async with self.async_setup_kernel(**kwargs):
                await self.execute_all()
        finally:
            self.caught_log.remove()
        return self.nb

    async def execute_all(self) -> None:
        assert self.kc is not None
        info = await self.async_wait_for_reply(await ensure_async(self.kc.kernel_info()))
        if info is not None and "language_info" in info["content"]:
            self.nb.metadata["language_info"] = info["content"]["language_info"]
        problems = await self.run_hidden(SETUP % json.dumps(str(self.caught_log.path)), "installing the error handlers")
        if problems:
            raise NotebookFailure("\n".join(problems))
        last = None
        for index, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            last = index
            await self.execute_checked(cell, index)
            # Give rejection tracking and short timers a moment, then look at the log.
            await asyncio.sleep(self.grace)
            problems = self.caught()
            if problems:
                raise NotebookFailure(f"{async_failure(self.nb, index)}:\n" + "\n".join(problems))
        problems = await self.run_hidden(FINAL % self.settle_ms, "after the last cell")
        problems += self.caught("\n".join(problems))
        if problems:
            where = async_failure(self.nb, last) if last is not None else "the notebook raised asynchronously"
            raise NotebookFailure(f"{where}, before the kernel stopped:\n" + "\n".join(problems))

    # nbclient binds execute to its own async_execute; rebind it to ours.
    execute = run_sync(async_execute)

    async def execute_checked(self, cell: nbformat.NotebookNode, index: int) -> None:
        expect_error = "raises-exception" in cell.metadata.get("tags", [])
        label = cell_label(self.nb, index)
        self.last_reply = None
        detail = ""
        try:
            await self.async_execute_cell(cell, index, execution_count=self.code_cells_executed + 1)
        except CellExecutionError as e:
            detail = str(e)
        status = (self.last_reply or {}).get("content", {}).get("status", "no reply")
        status_error = status == "error"
        if status not in ("ok", "error"):
            # tslab aborts cells sent within 200 ms of a failure; never count one as run.
            raise NotebookFailure(f"{label} did not run: the kernel answered {status!r}")
        if expect_error:
            # nbclient lets tagged cells fail; require that they did.
            if not (status_error or stderr_of(cell.outputs) or error_outputs(cell.outputs)):
                raise NotebookFailure(f"{label} is tagged raises-exception but raised nothing")
            if status_error:
                # Wait until tslab takes requests again (run_hidden retries aborted ones).
                problems = await self.run_hidden(f'console.log("{MARKER}");', f"after {label}")
                if problems:
                    raise NotebookFailure("\n".join(problems))
            return
        if status_error:
            raise NotebookFailure(f"{label} failed:\n{stderr_of(cell.outputs) or detail}")
        if stderr_of(cell.outputs) or error_outputs(cell.outputs):
            raise NotebookFailure(f"{label} wrote to stderr:\n{stderr_of(cell.outputs)}{error_outputs(cell.outputs)}")


def notebook_paths(args: list[str]) -> list[Path]:
    if not args:
        return sorted(NOTEBOOKS.glob("*.ipynb"))
    paths = []
    for a in args:
        p = Path(a)
        if p.suffix != ".ipynb":
            p = NOTEBOOKS / f"{p.name[:-3] if p.name.endswith('.md') else p.name}.ipynb"
        elif not p.exists() and (NOTEBOOKS / p.name).exists():
            p = NOTEBOOKS / p.name
        paths.append(p.resolve())
    return paths


def prepare_environment() -> str | None:
    """Point Jupyter at the committed kernelspec and PATH at the local tslab; return an error or None."""
    bin_dir = NOTEBOOKS / "node_modules" / ".bin"
    if not (bin_dir / "tslab").exists():
        return f"{bin_dir / 'tslab'} is missing: run `pnpm install` at the repository root"
    if shutil.which("node") is None:
        return "node is not on PATH"
    os.environ["PATH"] = str(bin_dir) + os.pathsep + os.environ.get("PATH", "")
    old = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = str(NOTEBOOKS) + (os.pathsep + old if old else "")
    return None


def shown(p: Path) -> str:
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p)


def run_one(path: Path, args: argparse.Namespace) -> tuple[bool, str]:
    src = SOURCES / f"{path.stem}.md"
    if path.parent == NOTEBOOKS and src.exists() and not args.no_convert:
        sync_notebook(src, path)
    if not path.exists():
        return False, "no such notebook"
    nb = nbformat.read(path, as_version=4)
    code_cells = sum(1 for c in nb.cells if c.cell_type == "code" and c.source.strip())
    def new_client(nb: nbformat.NotebookNode) -> CheckedClient:
        return CheckedClient(
            nb,
            settle_ms=int(args.settle * 1000),
            kernel_name=KERNEL_NAME,
            timeout=args.timeout,
            startup_timeout=args.startup_timeout,
            record_timing=False,
            resources={"metadata": {"path": str(args.cwd)}},
        )

    client = new_client(nb)
    start = time.monotonic()
    error = None
    try:
        try:
            client.execute()
        except RuntimeError as e:
            # jupyter_client's wait_for_ready: the kernel never answered kernel_info, so no cell
            # ran (seen once in CI with tslab's zeromq socket busy); start it once more
            if not str(e).startswith("Kernel didn't respond"):
                raise
            print(f"note: {shown(path)}: {e}; starting the kernel again", flush=True)
            nb = nbformat.read(path, as_version=4)
            client = new_client(nb)
            client.execute()
    except NotebookFailure as e:
        error = str(e)
    except CellTimeoutError as e:
        error = f"a cell ran longer than {args.timeout} s:\n{e}"
    except DeadKernelError as e:
        error = f"the kernel died: {e}"
    except Exception as e:  # kernel start failures, protocol errors
        error = f"{type(e).__name__}: {e}"
    seconds = time.monotonic() - start
    summary = f"{code_cells:3d} cells {seconds:6.1f} s  {shown(path)}"
    if error is None and not args.no_write:
        path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return error is None, summary if error is None else summary + "\n" + indent(error)


def indent(text: str) -> str:
    # Stack frames inside tslab and Node say nothing about the notebook.
    noise = ("/tslab/dist/", "node:internal/", "node:vm:", "at sigintHandlersWrap")
    lines = [ln for ln in text.rstrip().splitlines() if not (ln.lstrip().startswith("at ") and any(n in ln for n in noise))]
    return "\n".join("    " + ln for ln in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", help="names or .ipynb paths (default: notebooks/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=int(os.environ.get("NOTEBOOK_CELL_TIMEOUT", "120")), help="seconds per cell (default 120)")
    parser.add_argument("--startup-timeout", type=int, default=60, help="seconds for the kernel to start (default 60)")
    parser.add_argument("--settle", type=float, default=5.0, help="after the last cell, wait up to this many seconds for the notebook's timers (default 5)")
    parser.add_argument("--no-write", action="store_true", help="do not write outputs back")
    parser.add_argument("--no-convert", action="store_true", help="do not regenerate notebooks from notebooks/src/*.md first")
    parser.add_argument("--cwd", type=Path, default=NOTEBOOKS, help="kernel working directory (default notebooks/)")
    parser.add_argument(
        "--jobs",
        type=int,
        default=int(os.environ.get("NOTEBOOK_JOBS", str(os.cpu_count() or 1))),
        help="notebooks run at once, each in its own kernel (default: the CPU count)",
    )
    args = parser.parse_args(argv)

    problem = prepare_environment()
    if problem:
        print(f"run_notebooks: {problem}", file=sys.stderr)
        return 2
    if not args.notebooks and not args.no_convert:
        # New sources become notebooks even before their first run.
        for src in sorted(SOURCES.glob("*.md")):
            sync_notebook(src, NOTEBOOKS / f"{src.stem}.ipynb")
    paths = notebook_paths(args.notebooks)
    if not paths:
        print("run_notebooks: no notebooks to run", file=sys.stderr)
        return 2

    failed = 0
    total = time.monotonic()
    # Why processes: most of a notebook's time is tslab starting and type-checking each cell,
    # one CPU-bound kernel per notebook; separate processes keep nbclient's event loops apart.
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, min(args.jobs, len(paths)))) as pool:
        for ok, summary in pool.map(run_one, paths, [args] * len(paths)):
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {summary}", flush=True)
    print(f"{len(paths) - failed}/{len(paths)} notebooks passed in {time.monotonic() - total:.1f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
