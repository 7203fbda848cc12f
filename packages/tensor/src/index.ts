/**
 * @torchts/tensor — PyTorch's tensor API in TypeScript.
 *
 * @example
 * import * as torch from "@torchts/tensor";
 * const A = torch.arange(20, { dtype: torch.float32 }).reshape(5, 4);
 * A.sum({ dim: 0, keepdim: true }); // tensor([[40., 45., 50., 55.]])
 */
export { Tensor, type TensorLike, type DimArg, type ReduceOptions, type VarOptions, type ValuesIndices } from "./tensor";
export type { ScanOptions, SoftmaxOptions } from "./tensor-types";
export { Size } from "./size";
export {
  DType, type DTypeName, type TypedArray, bool, uint8, int8, int16, int32, int64, float32, float64, float16, bfloat16, half, long, int, short, float, double, dtypes, promoteTypes,
} from "./dtype";
export { resultType } from "./promotion";
export {
  tensor, fromTypedArray, zeros, ones, empty, full, zerosLike, onesLike, emptyLike, fullLike, arange, linspace, eye,
  type TensorOptions, type NestedArray,
} from "./creation";
export { rand, randn, randint, normal, randperm, randLike, randnLike, type RandomOptions } from "./sampling";
export { bernoulli, multinomial } from "./random-methods";
export { Generator, manualSeed, initialSeed, seed, getRngState, setRngState, defaultGenerator } from "./random";
// the torch.* functions: each op family's declarations (tensor-methods.ts derives the methods)
export * from "./unary-ops";
export * from "./binary-ops";
export * from "./logical-ops";
export { where, clamp, equal, allclose, isnan } from "./elementwise";
export type { UnaryDecl, BinaryDecl, BinaryFn, UnarySpec, BinarySpec, ScalarFn } from "./op-decl";
export * from "./reduce-ops";
export { max, min, var_, var_ as var } from "./reduce";
export * from "./view-ops";
export * from "./linalg-ops";
export { cat, stack } from "./combine";
export { meshgrid, type MeshgridOptions } from "./meshgrid";
export { linalg, inv, solve, type NormOptions } from "./linalg";
export { LinAlgError } from "./linalg-kernels";
export type { SvdResult, SvdOptions } from "./svd";
export { slice, type Index, type Slice } from "./index-spec";
export { TorchError, RuntimeError, IndexError, DTypeError, ValueError, fmtShape, checkOptions, argTypeError, describeValue, isPlainObject, suggestKey } from "./errors";
export { TypeError, NotImplementedError } from "./errors";
export { broadcastShapes } from "./shape";
export { setBackend, getBackend, setNumThreads, getNumThreads, type BackendName } from "./kernels/registry";
export { mallocTuning, type MallocTuning } from "./memory";
export { formatTensor, type PrintOptions } from "./format";
export { finfo, FInfo } from "./finfo";
export { asTensor } from "./as-tensor";
export { Device, device, cuda } from "./device";
export type { ToOptions } from "./tensor-to";
export { softplus, logsigmoid, type SoftplusOptions } from "./activations";
export { broadcastTensors } from "./broadcast-tensors";
export { take, put, type PutOptions } from "./take-put";
export { relu_, sigmoid_, tanh_ } from "./inplace-activations";
// autograd's building blocks (the tracer seam, the primitives) live in the ./internal subpath (internal.ts)
// Tensor methods: each family defines its own when loaded (package.json lists them as side effects)
import "./convert";
import "./tensor-type";
import "./tensor-to";
import "./interop";
import "./inplace";
import "./half-ops";
import "./random-methods";
import "./rng-state";
import "./tensor-methods";
import "./take-put";
