/**
 * Every `torch.*` name that docs/pytorch-to-torchts.md maps exists on the umbrella
 * (issue 19): a reader who follows the table with `import * as torch from "torchts"` finds it.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as torch from "./index";

/** The `torch.a.b.c` chains in the torchts column of every table row. */
function mappedNames(): string[] {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "pytorch-to-torchts.md"), "utf8");
  const names = new Set<string>();
  for (const line of doc.split("\n")) {
    if (!line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    const cells = line.split("|").map((c) => c.trim());
    const ours = cells[2] ?? "";
    for (const code of ours.match(/`[^`]+`/g) ?? []) {
      for (const m of code.matchAll(/(?<![\w$."'])torch((?:\.[A-Za-z_$][\w$]*)+)/g)) names.add(`torch${m[1]}`); // not inside a string: "torch.FloatTensor" is a value
    }
  }
  return [...names].sort();
}

/**
 * The sections of the table for one package write its names bare (`new DataLoader(...)`,
 * `randomSplit(...)`, `new optim.SGD(...)`): each is looked up under the package's
 * umbrella namespace. A `new X` chain or a call at the start of a code span counts.
 */
const SECTIONS: Record<string, string[]> = {
  "@torchts/loaders": ["utils", "data"],
  "@torchts/optim": ["optim"],
  "@torchts/nn": ["nn"],
  "@torchts/probability": ["distributions"],
  "@torchts/serialization": [],
};
/** The import names the sections use for a namespace (`dist` for torch.distributions). */
const ALIASES: Record<string, string> = { dist: "distributions" };
/** Locals and JavaScript built-ins the rows call (`net(X)`, `ds.get(i)`, `new Map`), not package names. */
const NOT_NAMES = new Set(["get", "net", "Map"]);
/** Serialization's file-level safetensors functions live under torch.safetensors on the umbrella. */
const MOVED: Record<string, string> = { saveFile: "safetensors.saveFile", loadFile: "safetensors.loadFile" };

function sectionNames(): string[] {
  const doc = readFileSync(join(__dirname, "..", "..", "..", "docs", "pytorch-to-torchts.md"), "utf8");
  const names = new Set<string>();
  let ns: string[] | null = null;
  for (const line of doc.split("\n")) {
    if (line.startsWith("## ")) {
      ns = null;
      for (const [pkg, path] of Object.entries(SECTIONS)) if (line.includes(`(\`${pkg}\``)) ns = path;
      continue;
    }
    if (ns === null || !line.startsWith("|") || /^\|\s*-/.test(line)) continue;
    for (const code of (line.split("|").map((c) => c.trim())[2] ?? "").match(/`[^`]+`/g) ?? []) {
      const c = code.slice(1, -1);
      const chains = [...c.matchAll(/new\s+([A-Za-z_$][\w$.]*)/g)].map((m) => m[1]);
      const call = /^([A-Za-z_$][\w$]*)\(/.exec(c);
      if (call) chains.push(call[1]);
      for (const chain of chains) {
        if (chain in MOVED) {
          names.add(`torch.${MOVED[chain]}`);
          continue;
        }
        let parts = chain.split(".");
        if (NOT_NAMES.has(parts[0])) continue;
        parts[0] = ALIASES[parts[0]] ?? parts[0];
        if (parts[0] === "torch") parts = parts.slice(1);
        else if (ns.length > 0 && parts[0] === ns[ns.length - 1]) parts = [...ns, ...parts.slice(1)];
        else parts = [...ns, ...parts];
        names.add(`torch.${parts.join(".")}`);
      }
    }
  }
  return [...names].sort();
}

describe("the umbrella exposes what the package sections of the table map (names written bare)", () => {
  const names = sectionNames();
  it("the sections map names (the parser finds them)", () => {
    expect(names).toContain("torch.utils.data.DataLoader");
    expect(names).toContain("torch.optim.SGD");
    expect(names).toContain("torch.nn.Linear");
    expect(names).toContain("torch.distributions.Normal");
    expect(names).toContain("torch.safetensors.saveFile");
  });
  it.each(names)("%s", (name) => {
    const v = name.split(".").slice(1).reduce<unknown>((o, p) => (o == null ? undefined : (o as Record<string, unknown>)[p]), torch);
    expect(v, name).not.toBeUndefined();
  });
});

describe("the umbrella exposes what the mapping table maps", () => {
  const names = mappedNames();
  it("the table maps names (the parser finds them)", () => {
    expect(names.length).toBeGreaterThan(50);
    expect(names).toContain("torch.tensor");
  });
  it.each(names)("%s", (name) => {
    let v: unknown = torch;
    for (const part of name.split(".").slice(1)) {
      expect(v, `${name}: nothing at .${part}`).toBeTruthy();
      v = (v as Record<string, unknown>)[part];
    }
    expect(v, name).not.toBeUndefined();
  });
});
