#!/usr/bin/python3
"""Convert notebook sources (markdown) into Jupyter notebooks for the tslab kernel.

A source is `notebooks/src/<name>.md`. Every fenced block opened with ```ts
(or ```typescript) becomes one code cell; the text between code fences becomes
one markdown cell. Fences in any other language (```python, ```text, ...) stay
inside the markdown. Words after the language become the cell's tags, e.g.
```ts raises-exception marks a cell that must fail (see run_notebooks.py).

The output `notebooks/<name>.ipynb` carries only the cells and the tslab
kernelspec; outputs come from executing it with scripts/run_notebooks.py.
Cell ids are positional ("c000", "c001", ...) so regenerating gives the same
file for the same source.

Usage:
  /usr/bin/python3 scripts/make_notebook.py            # every notebooks/src/*.md
  /usr/bin/python3 scripts/make_notebook.py 1.1-tensors notebooks/src/x.md
  /usr/bin/python3 scripts/make_notebook.py --check    # exit 1 if an .ipynb's cells differ from its source
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SOURCES = NOTEBOOKS / "src"

KERNELSPEC = {"name": "tslab", "display_name": "TypeScript (tslab)", "language": "typescript"}
CODE_LANGUAGES = {"ts", "typescript"}
FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})(?P<info>.*)$")


class SourceError(Exception):
    """A malformed notebook source; the message names the file and line."""


def parse_cells(text: str, name: str = "<source>") -> list[tuple[str, str, list[str]]]:
    """Split markdown into (cell_type, source, tags) triples, in order."""
    cells: list[tuple[str, str, list[str]]] = []
    markdown: list[str] = []
    lines = text.splitlines()
    i = 0

    def flush_markdown() -> None:
        body = "\n".join(markdown).strip("\n")
        if body.strip():
            cells.append(("markdown", body, []))
        markdown.clear()

    while i < len(lines):
        line = lines[i]
        m = FENCE.match(line)
        if not m:
            markdown.append(line)
            i += 1
            continue
        fence, info = m.group("fence"), m.group("info").strip()
        if fence[0] == "`" and "`" in info:
            # Not a fence (CommonMark: a backtick info string cannot contain backticks).
            markdown.append(line)
            i += 1
            continue
        words = info.split()
        start = i
        # Find the closing fence: same character, at least as long, nothing after it.
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        is_code = bool(words) and words[0].lower() in CODE_LANGUAGES
        if j == len(lines):
            if is_code:
                raise SourceError(f"{name}:{start + 1}: unclosed ```{words[0]} fence")
            # CommonMark runs an unclosed fence to the end of the document.
            markdown.extend(lines[i:])
            break
        if is_code:
            flush_markdown()
            body = "\n".join(lines[i + 1 : j]).strip("\n")
            if not body.strip():
                raise SourceError(f"{name}:{start + 1}: empty code cell")
            cells.append(("code", body, words[1:]))
        else:
            markdown.extend(lines[i : j + 1])
        i = j + 1
    flush_markdown()
    return cells


def build_notebook(text: str, name: str = "<source>") -> nbformat.NotebookNode:
    """The notebook (nbformat 4) for a markdown source, with no outputs."""
    nb = nbformat.v4.new_notebook()
    nb.metadata = nbformat.NotebookNode({"kernelspec": dict(KERNELSPEC)})
    for index, (kind, source, tags) in enumerate(parse_cells(text, name)):
        cell_id = f"c{index:03d}"
        if kind == "code":
            cell = nbformat.v4.new_code_cell(source, id=cell_id)
            if tags:
                cell.metadata["tags"] = tags
        else:
            cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
        nb.cells.append(cell)
    nbformat.validate(nb)
    return nb


def source_path(arg: str) -> Path:
    """Accept `name`, `name.md`, `src/name.md` or a path; return the .md path."""
    p = Path(arg)
    if p.suffix == ".md" and p.exists():
        return p.resolve()
    stem = p.name[:-3] if p.name.endswith(".md") else p.stem if p.suffix == ".ipynb" else p.name
    return SOURCES / f"{stem}.md"


def target_path(src: Path, out_dir: Path | None = None) -> Path:
    """Sources under notebooks/src/ become notebooks/<name>.ipynb; others sit beside a src/ dir's parent or out_dir."""
    if out_dir is not None:
        return out_dir / f"{src.stem}.ipynb"
    parent = src.parent.parent if src.parent.name == "src" else src.parent
    return parent / f"{src.stem}.ipynb"


def same_cells(a: nbformat.NotebookNode, b: nbformat.NotebookNode) -> bool:
    """Whether two notebooks have the same cells (type, id, source, tags), ignoring outputs."""
    def key(nb: nbformat.NotebookNode) -> list[tuple]:
        return [
            (c.cell_type, c.get("id"), c.source, tuple(c.metadata.get("tags", [])))
            for c in nb.cells
        ]

    return key(a) == key(b) and a.metadata.get("kernelspec") == b.metadata.get("kernelspec")


def sync_notebook(src: Path, dst: Path) -> bool:
    """Rewrite dst from src unless its cells already match (keeping its outputs). Returns True if written."""
    fresh = build_notebook(src.read_text(encoding="utf-8"), str(src))
    if dst.exists():
        old = nbformat.read(dst, as_version=4)
        if same_cells(old, fresh):
            return False
    dst.write_text(nbformat.writes(fresh) + "\n", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="*", help="notebook names or .md paths (default: notebooks/src/*.md)")
    parser.add_argument("--check", action="store_true", help="do not write; exit 1 if a notebook is out of date")
    parser.add_argument("--out-dir", type=Path, help="write the .ipynb files here instead")
    args = parser.parse_args(argv)

    sources = [source_path(s) for s in args.sources] or sorted(SOURCES.glob("*.md"))
    stale = 0
    for src in sources:
        if not src.exists():
            print(f"make_notebook: no source {src}", file=sys.stderr)
            return 2
        dst = target_path(src, args.out_dir)
        try:
            if args.check:
                fresh = build_notebook(src.read_text(encoding="utf-8"), str(src))
                if not dst.exists() or not same_cells(nbformat.read(dst, as_version=4), fresh):
                    print(f"stale  {dst.relative_to(ROOT) if dst.is_relative_to(ROOT) else dst} (run scripts/make_notebook.py)")
                    stale += 1
                continue
            written = sync_notebook(src, dst)
        except SourceError as e:
            print(f"make_notebook: {e}", file=sys.stderr)
            return 2
        shown = dst.relative_to(ROOT) if dst.is_relative_to(ROOT) else dst
        print(f"{'wrote ' if written else 'same  '} {shown}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
