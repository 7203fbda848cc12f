/**
 * The names a row's `js` code sees: one per package, as a user imports it.
 * gen_verdicts.py gives the row's `py` code the Python equivalents (see NAMES there).
 * A new package adds its line here and its name there.
 */
import * as fs from "node:fs";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zlib from "node:zlib";
import * as torch from "@torchts/autograd";
import * as d2l from "@torchts/d2l";
import * as pd from "@torchts/data";
import * as loaders from "@torchts/loaders";
import * as nn from "@torchts/nn";
import * as optim from "@torchts/optim";
import * as plt from "@torchts/plot";
import * as dist from "@torchts/probability";
import * as serialization from "@torchts/serialization";

/** A scratch directory per run, for rows that write files (`tmp` in both languages). */
export const tmp = mkdtempSync(join(tmpdir(), "torchts-hostile-"));
/** serialization's fixtures (hostile files among them), `sfx` in both languages. */
export const sfx = join(__dirname, "..", "packages", "serialization", "fixtures");
/** The few file-system calls rows need, spelled as Python's `os` spells them. */
const os = { chmod: (path: string, mode: number) => chmodSync(path, mode) };
/** safetensors, `st` in both languages (Python: safetensors.torch). */
const st = serialization.safetensors;

// fs and zlib: rows that write files (IDX, gzip); Python rows import os/gzip themselves
export const context: Record<string, unknown> = { torch, pd, dist, plt, nn, F: nn.functional, optim, loaders, serialization, fs, zlib, os, st, sfx, tmp, d2l };
