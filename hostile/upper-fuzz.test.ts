/**
 * The hostile-argument fuzz of the upper packages (nn, optim, loaders,
 * serialization, d2l, data, probability): every public function, constructor
 * and instance method we list (hostile/fuzz/recipes-*.ts), called with each
 * hostile value (fuzz/engine.ts) in each argument slot. Fails on any BUG; set
 * FUZZ_TABLE=1 to print the table, FUZZ_TRACE=1 to log each call (hangs).
 */
import { writeSync } from "node:fs";
import { expect, it } from "vitest";
import { fuzzAll, table } from "./fuzz/engine";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { D2L_TARGETS, DATA_TARGETS, PROBABILITY_TARGETS, serializationTargets } from "./fuzz/recipes-misc";
import { LOADERS_TARGETS } from "./fuzz/recipes-loaders";
import { NN_TARGETS } from "./fuzz/recipes-nn";
import { OPTIM_TARGETS } from "./fuzz/recipes-optim";
import { CALLBACK_TARGETS } from "./fuzz/recipes-callbacks";
import { METHOD_TARGETS } from "./fuzz/recipes-methods";
import { OPTION_TARGETS } from "./fuzz/recipes-options";
import { STATE_TARGETS } from "./fuzz/recipes-state";

// A hostile "1" where a path goes writes ./1: run in a scratch directory.
const dir = mkdtempSync(join(tmpdir(), "torchts-fuzz-"));
process.chdir(dir);
const only = process.env.FUZZ_ONLY?.split(",");
const ALL = { nn: NN_TARGETS, optim: OPTIM_TARGETS, loaders: LOADERS_TARGETS, serialization: serializationTargets(dir), d2l: D2L_TARGETS, data: DATA_TARGETS, probability: PROBABILITY_TARGETS, stateDicts: STATE_TARGETS, options: OPTION_TARGETS, methods: METHOD_TARGETS, callbacks: CALLBACK_TARGETS };
const GROUPS = Object.fromEntries(Object.entries(ALL).filter(([k]) => !only || only.includes(k)));
/**
 * Outcomes left as they are, each argued:
 * - nn.init.normal_(t, Infinity): PyTorch fills inf; torchts' normal_ gives NaN because its
 *   exact FMA emulation (tensor's random-fill, fmaD) turns inf + z·std into NaN. Tensor's
 *   kernels are another branch's work (fmaexact); reported, not patched here.
 */
const KNOWN = new Set<string>([]);
const trace = process.env.FUZZ_TRACE ? (s: string) => writeSync(2, s + "\n") : undefined;

for (const [pkg, targets] of Object.entries(GROUPS)) {
  it(`${pkg}: hostile arguments never crash, give NaN or pass silently`, async () => {
    const outs = await fuzzAll(targets, trace);
    if (process.env.FUZZ_TABLE) writeSync(1, `\n== ${pkg}\n${table(outs)}\n`);
    expect(outs.filter((o) => o.verdict === "BUG" && !KNOWN.has(`${o.target} slot ${o.slot} ${o.value}`)).map((o) => `${o.target} slot ${o.slot} ${o.value}: ${o.what}`)).toEqual([]);
  }, 300000);
}
