/**
 * A generator's state as bytes, in the layout of PyTorch's `get_rng_state()`
 * (CPUGeneratorImplState, little-endian, 5056 bytes), so states move between
 * torchts and PyTorch both ways:
 *
 * | offset | bytes   | field                                              |
 * |--------|---------|----------------------------------------------------|
 * | 0      | 8       | the seed (uint64)                                  |
 * | 8      | 4       | `left` (int32)                                     |
 * | 12     | 4       | `seeded` (int32, 1)                                |
 * | 16     | 8       | `next` (uint64)                                    |
 * | 24     | 624 × 8 | the mt19937 words, each widened to uint64          |
 * | 5016   | 8 × 3   | normal_x, normal_y, normal_rho (double): normal_y is the cached normal deviate, the others 0 |
 * | 5040   | 4       | normal_is_valid (int32)                            |
 * | 5048   | 4       | the cached float normal deviate (float32)          |
 * | 5052   | 1       | its validity (bool); bytes 5044-5047 and 5053-5055 are padding (0) |
 *
 * The legacy 5048-byte layout (CPUGeneratorImplStateLegacy) is read as PyTorch reads it.
 */
import { uint8 } from "./dtype";
import { RuntimeError, TypeError } from "./errors";
import { MT_N, MT19937 } from "./mt19937";
import { type Generator, stateCodec } from "./random";
import { Tensor } from "./tensor";

const SIZE = 5056;
const SIZE_LEGACY = 5048;

function getState(g: Generator): Tensor {
  const bytes = new Uint8Array(SIZE);
  const v = new DataView(bytes.buffer);
  v.setBigUint64(0, g._seed, true);
  v.setInt32(8, g._mt.left, true);
  v.setInt32(12, 1, true);
  v.setBigUint64(16, BigInt(g._mt.next), true);
  const s = g._mt.state;
  for (let j = 0; j < MT_N; j++) v.setUint32(24 + 8 * j, s[j], true); // the high halves stay 0
  if (g._nextDouble === g._nextDouble) {
    v.setFloat64(5024, g._nextDouble, true);
    v.setInt32(5040, 1, true);
  }
  if (g._nextFloat === g._nextFloat) {
    v.setFloat32(5048, g._nextFloat, true);
    bytes[5052] = 1;
  }
  return Tensor._fromData(bytes, [SIZE], uint8);
}

function setState(g: Generator, state: Tensor): void {
  if (!(state instanceof Tensor)) throw new TypeError(`setState: expected a torch.ByteTensor, but got ${state === null ? "null" : Array.isArray(state) ? "Array" : typeof state}`);
  if (state.dtype !== uint8) throw new TypeError(`setState: RNG state must be a torch.ByteTensor (uint8), got ${state.dtype}`);
  if (!state.isContiguous()) throw new RuntimeError("setState: RNG state must be contiguous");
  const n = state.numel();
  if (n !== SIZE && n !== SIZE_LEGACY) {
    throw new RuntimeError(
      `setState: Expected either a CPUGeneratorImplStateLegacy of size ${SIZE_LEGACY} or a CPUGeneratorImplState of size ${SIZE} but found the input RNG state size to be ${n}`,
    );
  }
  const bytes = (state._values() as Uint8Array).slice();
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mt = new MT19937();
  for (let j = 0; j < MT_N; j++) mt.state[j] = v.getUint32(24 + 8 * j, true); // std::copy narrows each uint64
  mt.left = v.getInt32(8, true);
  mt.next = v.getUint32(16, true); // static_cast<uint32_t>
  const seeded = v.getInt32(12, true);
  if (seeded === 0 || !mt.isValid()) throw new RuntimeError("setState: Invalid mt19937 state");
  let nextDouble = NaN;
  let nextFloat = NaN;
  if (n === SIZE) {
    if (v.getInt32(5040, true) !== 0) nextDouble = v.getFloat64(5024, true);
    if (bytes[5052] !== 0) nextFloat = v.getFloat32(5048, true);
  } else if (v.getInt32(5040, true) !== 0) {
    // the legacy layout kept Box-Muller's inputs: the cached deviate is rho·sin(2π·x)
    nextDouble = v.getFloat64(5032, true) * Math.sin(2 * Math.PI * v.getFloat64(5016, true));
  }
  g._mt.copyFrom(mt);
  g._seed = v.getBigUint64(0, true);
  g._nextDouble = nextDouble;
  g._nextFloat = nextFloat;
}

stateCodec.get = getState;
stateCodec.set = setState;
