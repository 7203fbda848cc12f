/**
 * `@torchts/tensor/internal`: the building blocks the layers above tensor build on —
 * the tracer seam autograd installs, the primitive names and attributes its derivative
 * table is typed over, and the primitives its rules are written with (flat-position
 * `take`/`put`, one-dim `sliceDim`, `expand`, `reshapeTo`, the batched `matmulPrim`).
 *
 * Not public API: users import `@torchts/tensor` (where `torch.take`/`torch.put` have
 * PyTorch's semantics). This subpath may change in any release of the fixed
 * tensor/autograd version group, which is why only those packages import it.
 */
import "./index"; // the op layer and the Tensor methods load with it
export { setTracer, tracer, record, recordView, composite, type Tracer, type ViewPrim, type CompositeAttrs, type CompositeName } from "./hooks";
export type { PrimName, PrimAttrs, DifferentiableUnary, DifferentiableBinary } from "./prims";
export { take, put } from "./indexing";
export { slice as sliceDim, expand, reshapeTo } from "./views";
export { matmulPrim } from "./matmul";
/** Storage arrays allocated so far (tests: in-place ops that need no temporary allocate none). */
export { allocationCount } from "./dtype";
// the worker thread's counters (whether it is up, jobs shared, chunks it computed): the release
// rehearsal checks with it that the worker starts from an installed tarball
export { workerStats } from "./kernels/worker/share";
/** The shared buffer plus version counter (autograd's `.data` wraps the same array in a fresh counter). */
export { Storage } from "./storage";
