/**
 * The release rehearsal's tarball check (`check-versions.mjs manifests`, step 2 of
 * scripts/release-rehearsal.sh) on real packages packed with npm, and on each of issue 19's
 * three deliberate breakages: a file removed from `files`, a dependency moved to
 * devDependencies, a `workspace:` range left in a published manifest. Each must fail,
 * naming the package and what is wrong; the unbroken pair must pass.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const CHECK = join(__dirname, "check-versions.mjs");
const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

type Manifest = { name: string; version: string; files?: string[]; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

/** `npm pack` of packages/<dir> as published (its `files`), with its manifest edited by `edit`. */
function pack(dir: string, out: string, edit: (m: Manifest) => void): void {
  const src = join(root, "packages", dir);
  const stage = mkdtempSync(join(tmpdir(), `rehearsal-${dir}-`));
  made.push(stage);
  for (const f of readdirSync(src)) if (!["node_modules", "src", ".turbo", "fixtures", "wasm", "scripts"].includes(f)) cpSync(join(src, f), join(stage, f), { recursive: true });
  const m = JSON.parse(readFileSync(join(src, "package.json"), "utf8")) as Manifest & { scripts?: unknown };
  delete m.scripts;
  edit(m);
  writeFileSync(join(stage, "package.json"), JSON.stringify(m, null, 2));
  const r = spawnSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", out], { cwd: stage, encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
}

/** Published form: `workspace:*` replaced by the dependency's version, as `pnpm pack` does. */
const published = (m: Manifest) => {
  for (const d of Object.keys(m.dependencies ?? {})) if (m.dependencies![d].startsWith("workspace:")) m.dependencies![d] = "0.1.0";
};

/** Packs the packages named in `edits` (each manifest published, then edited) and runs the check on them. */
function check(edits: Record<string, (m: Manifest) => void>): { status: number | null; out: string } {
  const out = mkdtempSync(join(tmpdir(), "rehearsal-tarballs-"));
  made.push(out);
  for (const [dir, edit] of Object.entries(edits)) pack(dir, out, (m) => (published(m), edit(m)));
  const r = spawnSync(process.execPath, [CHECK, "manifests", out], { encoding: "utf8" });
  return { status: r.status, out: r.stdout + r.stderr };
}

const built = existsSync(join(root, "packages", "tensor", "dist", "index.js")) && existsSync(join(root, "packages", "loaders", "dist", "index.js"));
describe.skipIf(!built)("the release rehearsal's tarball check (issue 19's three breakages)", () => {
  it("passes the packages as they are", () => {
    const r = check({ tensor: () => {}, loaders: () => {} });
    expect(r.out).toMatch(/manifests: 2 tarballs checked \((@torchts\/tensor, @torchts\/loaders|@torchts\/loaders, @torchts\/tensor)\)/);
    expect(r.status).toBe(0);
  });
  it("fails when a file dist needs is removed from `files` (tensor's native addon)", () => {
    const r = check({ tensor: (m) => (m.files = m.files!.filter((f) => f !== "native/*.node")) });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/@torchts\/tensor: dist\/memory\.js requires "\.\.\/native\/torchts-host\.linux-x64-gnu\.node", which is not in the tarball/);
  });
  it("fails when a dependency is moved to devDependencies", () => {
    const r = check({
      loaders: (m) => {
        m.devDependencies = { "@torchts/tensor": m.dependencies!["@torchts/tensor"] };
        delete m.dependencies;
      },
    });
    expect(r.status).toBe(1);
    expect(r.out).toMatch(/@torchts\/loaders: dist\/\S+\.js requires "@torchts\/tensor", which is not in dependencies \(it is a devDependency\)/);
  });
  it("fails when a `workspace:` range is left in a published manifest", () => {
    const r = check({ loaders: (m) => (m.dependencies!["@torchts/tensor"] = "workspace:*") });
    expect(r.status).toBe(1);
    expect(r.out).toContain('@torchts/loaders: dependencies.@torchts/tensor is "workspace:*" in the packed manifest');
  });
});
