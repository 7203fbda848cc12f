// Builds of torchts at a git revision, outside the repository, cached by commit: the
// "before" side of bench/ab.mjs. A build is the revision's tracked files (git archive),
// its dependencies from pnpm's store (--frozen-lockfile --prefer-offline), and the build
// script of the packages the workloads load (tensor and autograd, and the umbrella `torchts` with
// nn, optim and loaders beneath it, for the d2l MLP epoch: BUILD_FILTERS).
// The work tree and the repository's git metadata are never touched.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Where builds are cached: $TORCHTS_AB_CACHE, else <tmp>/torchts-ab. One folder per commit. */
export const DEFAULT_CACHE = process.env.TORCHTS_AB_CACHE ?? path.join(os.tmpdir(), "torchts-ab");
/** The packages (and, by pnpm's `...`, their dependencies) a build makes. */
export const BUILD_FILTERS = ["@torchts/autograd...", "torchts..."];
const filterArgs = BUILD_FILTERS.flatMap((f) => ["--filter", f]);
const READY = ".torchts-ab-ready.json";

const git = (repo, ...args) => execFileSync("git", ["-C", repo, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** The full commit id of `rev` (a branch, tag, short id, HEAD~2, ...); throws with git's message when unknown. */
export function resolveRev(repo, rev) {
  try {
    return git(repo, "rev-parse", "--verify", "--quiet", `${rev}^{commit}`);
  } catch {
    throw new Error(`ab: "${rev}" is not a commit in ${repo}`);
  }
}

/** The default base: where HEAD left `main` (git merge-base HEAD main). */
export function defaultBase(repo) {
  try {
    return git(repo, "merge-base", "HEAD", "main");
  } catch {
    throw new Error("ab: no merge-base of HEAD and main here; pass --base REV");
  }
}

/** "1410a2f wasm-threads: one publish() ..." for a report. */
export function describeRev(repo, sha) {
  return git(repo, "log", "-1", "--format=%h %s", sha);
}

/** Whether the work tree has uncommitted changes to tracked files under packages/ (B is then not HEAD). */
export function hasChanges(repo) {
  try {
    return git(repo, "status", "--porcelain", "--untracked-files=no", "--", "packages") !== "";
  } catch {
    return false;
  }
}

/**
 * The root of a built checkout of commit `sha` (a full id), building it first unless the
 * cache has it. Builds go to a temporary folder renamed into place when done, so an
 * interrupted or failed build is never taken for a finished one. `log(line)` narrates.
 */
export function prepareBuild(repo, sha, { cacheDir = DEFAULT_CACHE, log = () => {} } = {}) {
  const dir = path.join(cacheDir, sha);
  const marker = path.join(dir, READY);
  if (fs.existsSync(marker)) {
    log(`base ${sha.slice(0, 10)}: cached build in ${dir}`);
    // builds cached before the umbrella was part of BUILD_FILTERS: build it now, in place
    const umbrella = path.join(dir, "packages", "torchts");
    if (fs.existsSync(path.join(umbrella, "package.json")) && !fs.existsSync(path.join(umbrella, "dist", "index.js"))) {
      log(`base ${sha.slice(0, 10)}: building the umbrella torchts (and what it needs) into the cached build`);
      const opts = { cwd: dir, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", CI: "true" } };
      execFileSync("pnpm", ["install", "--frozen-lockfile", "--prefer-offline", ...filterArgs], opts);
      execFileSync("pnpm", [...filterArgs, "run", "build"], opts);
    }
    return dir;
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.rmSync(dir, { recursive: true, force: true });
  const tmp = fs.mkdtempSync(path.join(cacheDir, `${sha.slice(0, 10)}.tmp-`));
  const logFile = path.join(tmp, ".torchts-ab-build.log");
  const run = (what, cmd, args) => {
    log(`base ${sha.slice(0, 10)}: ${what}`);
    const t0 = Date.now();
    try {
      const out = execFileSync(cmd, args, { cwd: tmp, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", CI: "true" } });
      fs.appendFileSync(logFile, `$ ${cmd} ${args.join(" ")}\n${out}\n`);
    } catch (e) {
      fs.appendFileSync(logFile, `$ ${cmd} ${args.join(" ")}\n${e.stdout ?? ""}${e.stderr ?? ""}\n`);
      const tail = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n");
      throw new Error(`ab: building ${sha.slice(0, 10)} failed at "${cmd} ${args.join(" ")}" (log: ${logFile}):\n${tail}`);
    }
    log(`base ${sha.slice(0, 10)}:   ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  const tar = path.join(tmp, ".source.tar");
  run("git archive", "git", ["-C", repo, "archive", "--format=tar", "-o", tar, sha]);
  run("unpack", "tar", ["-xf", tar, "-C", tmp]);
  fs.rmSync(tar);
  run("pnpm install --frozen-lockfile --prefer-offline", "pnpm", ["install", "--frozen-lockfile", "--prefer-offline", ...filterArgs]);
  run(`build ${BUILD_FILTERS.join(" ")}`, "pnpm", [...filterArgs, "run", "build"]);
  fs.writeFileSync(path.join(tmp, READY), JSON.stringify({ sha, built: new Date().toISOString(), node: process.version }, null, 1));
  try {
    fs.renameSync(tmp, dir);
  } catch (e) {
    // Another run finished the same build first: use that one.
    if (!fs.existsSync(marker)) throw e;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

/**
 * Whether this tree's dist is older than its sources (a build is due): the newest
 * non-test .ts under packages/{tensor,autograd,nn,optim,loaders}/src against the newest file in their dist.
 */
export function staleDist(root) {
  const newest = (dir, keep) => {
    let t = 0;
    if (!fs.existsSync(dir)) return t;
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !keep(e.name)) continue;
      t = Math.max(t, fs.statSync(path.join(e.parentPath ?? e.path, e.name)).mtimeMs);
    }
    return t;
  };
  const stale = [];
  for (const p of ["tensor", "autograd", "nn", "optim", "loaders"]) {
    const src = newest(path.join(root, "packages", p, "src"), (n) => n.endsWith(".ts") && !n.includes(".test."));
    const dist = newest(path.join(root, "packages", p, "dist"), (n) => n.endsWith(".js"));
    if (dist === 0 || src > dist) stale.push(p);
  }
  return stale;
}
