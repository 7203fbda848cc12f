/** Test helper: fixtures store doubles as their big-endian IEEE bits (hex), so -0, nan and inf survive JSON exactly. */
const view = new DataView(new ArrayBuffer(8));

/** The double whose bits are `hex` (16 hex digits). */
export function fromBits(hex: string): number {
  view.setBigUint64(0, BigInt("0x" + hex));
  return view.getFloat64(0);
}
