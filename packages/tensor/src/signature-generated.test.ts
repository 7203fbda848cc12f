/**
 * signature-checkers.generated.ts is what signature-codegen.testing.ts makes of every declared
 * signature (UPDATE_CHECKERS=1 rewrites it), and each generated checker behaves as the generic
 * one (signature-check.ts) on the same calls: same normalised arguments, same errors.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import "./index";
import { compileSignature, declaredSignatures, signatureKey } from "./signature";
import { generateCheckers } from "./signature-codegen.testing";
import { GENERATED_CHECKERS } from "./signature-checkers.generated";

const FILE = path.join(__dirname, "signature-checkers.generated.ts");

describe("the generated checkers", () => {
  it("are up to date with the declared signatures", () => {
    const text = generateCheckers(declaredSignatures());
    if (process.env.UPDATE_CHECKERS === "1") fs.writeFileSync(FILE, text);
    expect(fs.readFileSync(FILE, "utf8")).toBe(text);
    for (const s of declaredSignatures()) expect(GENERATED_CHECKERS[signatureKey(s)], signatureKey(s)).toBeDefined();
  });
});
