#!/usr/bin/env node
// The release rehearsal's checks (scripts/release-rehearsal.sh):
//   plan              before `changeset version`: print what the pending changesets imply (JSON)
//   verify PLAN.json  after it: every package has the implied version and a CHANGELOG entry for it,
//                     naming each of its changesets; each fixed group shares one version
//   manifests DIR     the packed tarballs: no `workspace:` range; every package a dist file requires
//                     is a declared dependency (not a devDependency); every relative require, main,
//                     types and exports target is inside the tarball
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";

const LEVELS = ["none", "patch", "minor", "major"];
const failed = new Set();
const fail = (msg) => {
  if (failed.has(msg)) return;
  failed.add(msg);
  console.error(`release rehearsal: ${msg}`);
  process.exitCode = 1;
};
const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

function packages() {
  const out = {};
  for (const d of readdirSync("packages")) {
    const p = join("packages", d, "package.json");
    if (!existsSync(p)) continue;
    const m = readJson(p);
    if (!m.private) out[m.name] = { dir: join("packages", d), version: m.version, deps: Object.keys({ ...m.dependencies, ...m.peerDependencies }) };
  }
  return out;
}

function bump(version, level) {
  const [a, b, c] = version.split(".").map(Number);
  return level === "major" ? `${a + 1}.0.0` : level === "minor" ? `${a}.${b + 1}.0` : level === "patch" ? `${a}.${b}.${c + 1}` : version;
}

function plan() {
  const pkgs = packages();
  const config = readJson(".changeset/config.json");
  const level = {};
  const summaries = {};
  for (const f of readdirSync(".changeset").filter((f) => f.endsWith(".md") && f !== "README.md")) {
    const text = readFileSync(join(".changeset", f), "utf8");
    const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
    if (!m) {
      fail(`.changeset/${f}: no frontmatter`);
      continue;
    }
    const summary = m[2].trim().split("\n")[0];
    for (const line of m[1].split("\n").filter((l) => l.trim())) {
      const r = /^["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line.trim());
      if (!r) fail(`.changeset/${f}: cannot read "${line}"`);
      else if (!(r[1] in pkgs)) fail(`.changeset/${f}: ${r[1]} is not a public package`);
      else {
        if (LEVELS.indexOf(r[2]) > LEVELS.indexOf(level[r[1]] ?? "none")) level[r[1]] = r[2];
        (summaries[r[1]] ??= []).push(summary);
      }
    }
  }
  // a fixed group moves together, to its highest bump
  for (const group of config.fixed ?? []) {
    const top = group.reduce((t, n) => (LEVELS.indexOf(level[n] ?? "none") > LEVELS.indexOf(t) ? level[n] : t), "none");
    if (top === "none") continue;
    const base = group.map((n) => pkgs[n].version).sort((x, y) => (x.localeCompare(y, undefined, { numeric: true })))[group.length - 1];
    for (const n of group) pkgs[n].expected = bump(base, top);
  }
  for (const [n, p] of Object.entries(pkgs)) p.expected ??= bump(p.version, level[n] ?? "none");
  console.log(JSON.stringify({ pkgs, summaries, fixed: config.fixed ?? [] }, null, 1));
}

function verify(planPath) {
  const { pkgs, summaries, fixed } = readJson(planPath);
  const now = packages();
  for (const [n, p] of Object.entries(pkgs)) {
    const got = now[n].version;
    const bumpedDep = p.deps.some((d) => pkgs[d] && now[d].version !== pkgs[d].version);
    // changesets also patch-bumps a package whose dependency moved (updateInternalDependencies)
    const ok = got === p.expected || (p.expected === p.version && bumpedDep && got === bump(p.version, "patch"));
    if (!ok) fail(`${n}: version ${got} after changeset version; its changesets imply ${p.expected}`);
    if (got === p.version) continue;
    const logPath = join(p.dir, "CHANGELOG.md");
    const log = existsSync(logPath) ? readFileSync(logPath, "utf8") : "";
    const entry = log.split(/^## /m).find((s) => s.startsWith(`${got}\n`));
    if (!entry) fail(`${n}: CHANGELOG.md has no "## ${got}" entry`);
    else for (const s of summaries[n] ?? []) if (!entry.includes(s)) fail(`${n}: CHANGELOG ${got} misses the changeset "${s}"`);
  }
  for (const group of fixed) {
    const versions = new Set(group.map((n) => now[n].version));
    if (versions.size > 1) fail(`fixed group ${group.join(", ")} has versions ${[...versions].join(", ")}`);
  }
  if (!process.exitCode) console.log(`versions: ${Object.entries(now).map(([n, p]) => `${n}@${p.version}`).join(" ")}`);
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
function manifests(dir) {
  const tarballs = readdirSync(dir).filter((f) => f.endsWith(".tgz"));
  const names = new Set();
  for (const t of tarballs) {
    const path = join(dir, t);
    const files = new Set(execFileSync("tar", ["-tzf", path], { encoding: "utf8" }).split("\n").filter(Boolean).map((f) => f.replace(/^package\//, "")));
    // one extraction per tarball (a tar process per file took seconds for tensor's hundreds of files)
    const unpacked = mkdtempSync(join(tmpdir(), "rehearsal-manifest-"));
    execFileSync("tar", ["-xzf", path, "-C", unpacked]);
    const read = (f) => readFileSync(join(unpacked, "package", f), "utf8");
    const m = JSON.parse(read("package.json"));
    names.add(m.name);
    const deps = { ...m.dependencies, ...m.peerDependencies, ...m.optionalDependencies };
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"])
      for (const [d, range] of Object.entries(m[field] ?? {})) if (String(range).startsWith("workspace:")) fail(`${m.name}: ${field}.${d} is "${range}" in the packed manifest`);
    const targets = [m.main, m.types];
    const walk = (v) => (typeof v === "string" ? targets.push(v) : v && typeof v === "object" && Object.values(v).forEach(walk));
    for (const [k, v] of Object.entries(m.exports ?? {})) if (k !== "./package.json") walk(typeof v === "object" ? Object.fromEntries(Object.entries(v).filter(([c]) => c !== "@torchts/source")) : v);
    for (const target of targets.filter(Boolean)) if (!files.has(posix.normalize(target))) fail(`${m.name}: "${target}" (main/types/exports) is not in the tarball`);
    for (const f of [...files].filter((f) => f.endsWith(".js"))) {
      const src = read(f);
      for (const r of src.matchAll(/require(?:\.resolve)?\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = r[1];
        if (spec.startsWith(".")) {
          const base = posix.normalize(posix.join(posix.dirname(f), spec));
          if (![base, `${base}.js`, `${base}.json`, `${base}.node`, `${base}/index.js`].some((c) => files.has(c))) fail(`${m.name}: ${f} requires "${spec}", which is not in the tarball`);
        } else if (!builtins.has(spec) && !builtins.has(spec.split("/")[0])) {
          const pkg = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
          if (!(pkg in deps)) fail(`${m.name}: ${f} requires "${pkg}", which is not in dependencies${m.devDependencies?.[pkg] ? " (it is a devDependency)" : ""}`);
        }
      }
      for (const r of src.matchAll(/["'`]([\w./-]+\.(?:wasm|node))["'`]/g)) {
        const asset = posix.normalize(posix.join(posix.dirname(f), r[1]));
        if (r[1].startsWith(".") && !files.has(asset)) fail(`${m.name}: ${f} refers to "${r[1]}", which is not in the tarball`);
      }
    }
    rmSync(unpacked, { recursive: true, force: true });
  }
  if (!process.exitCode) console.log(`manifests: ${tarballs.length} tarballs checked (${[...names].join(", ")})`);
}

const [cmd, arg] = process.argv.slice(2);
if (cmd === "plan") plan();
else if (cmd === "verify") verify(arg);
else if (cmd === "manifests") manifests(arg);
else fail(`usage: check-versions.mjs plan | verify PLAN.json | manifests DIR`);
