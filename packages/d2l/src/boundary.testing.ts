/**
 * The boundary sweep both d2l sweep tests run: each call gets each bad value in its one slot,
 * and must fail with a TorchError (or run), never a raw JavaScript error.
 */
import * as torch from "torchts";

const BAD: unknown[] = [undefined, null, NaN, -1, 1.5, "zz", {}, [], [undefined], { bogus: 1 }, () => 1, Symbol("s"), 10n, true];
const RAW = /Cannot read|is not a function|undefined \(reading|is not iterable|Invalid typed array|Maximum call|Cannot convert/;

/** A name and the call with the bad value in one slot. */
export type SweepCall = [string, (v: any) => unknown];

/** The calls that failed otherwise than with a clean TorchError, one line each (empty when all is well). */
export async function sweep(calls: readonly SweepCall[]): Promise<string[]> {
  const out: string[] = [];
  for (const [name, f] of calls) {
    for (const [i, v] of BAD.entries()) {
      try {
        await f(v);
      } catch (e) {
        const msg = (e as Error)?.message ?? String(e);
        if (!(e instanceof torch.TorchError) || RAW.test(msg)) out.push(`${name}(BAD${i}): ${(e as Error)?.constructor?.name}: ${msg.slice(0, 140)}`);
      }
    }
  }
  return out;
}
