/**
 * `torch.meshgrid`: coordinate grids from 1-D tensors, as views (expanded, no copies).
 */
import { RuntimeError, argTypeError, checkOptions, fmtShape } from "./errors";
import { Tensor } from "./tensor";

export interface MeshgridOptions {
  /** "ij" (matrix indexing, the default, as PyTorch 1.13's) or "xy" (Cartesian: the first two output dims swapped). */
  indexing?: "ij" | "xy";
}

/**
 * Grids from N tensors of sizes s0, s1, ... (each 0-D or 1-D, one dtype): N tensors of shape
 * [s0, s1, ...] ("ij") or [s1, s0, s2, ...] ("xy"), where the i-th varies along input i's axis.
 * Each is a view of its input, so gradients flow back to it.
 * @example
 * const [X, Y] = torch.meshgrid(torch.tensor([1, 2, 3]), torch.tensor([4, 5]), { indexing: "ij" });
 * X; // tensor([[1, 1], [2, 2], [3, 3]])
 * Y; // tensor([[4, 5], [4, 5], [4, 5]])
 */
export function meshgrid(...args: (Tensor | readonly Tensor[] | MeshgridOptions)[]): Tensor[] {
  let options: MeshgridOptions | undefined;
  const last = args[args.length - 1];
  if (last !== undefined && !(last instanceof Tensor) && !Array.isArray(last)) options = args.pop() as MeshgridOptions;
  checkOptions("meshgrid", options, ["indexing"]);
  const tensors = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as unknown[];
  tensors.forEach((t, i) => {
    if (!(t instanceof Tensor)) throw argTypeError("meshgrid", "tensors", i, "Tensor", t);
  });
  const ts = tensors as Tensor[];
  const indexing = options?.indexing ?? "ij";
  if (indexing !== "ij" && indexing !== "xy") throw new RuntimeError(`torch.meshgrid: indexing must be one of "xy" or "ij", but received: ${String(indexing)}`);
  if (ts.length === 0) throw new RuntimeError("meshgrid expects a non-empty TensorList");
  for (const t of ts) {
    if (t.ndim > 1) throw new RuntimeError(`torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got a tensor of shape ${fmtShape(t.shape)}`);
    if (t.dtype !== ts[0].dtype) throw new RuntimeError(`meshgrid expects all tensors to have the same dtype, got ${ts[0].dtype} and ${t.dtype}`);
  }
  const sizes = ts.map((t) => t.numel());
  // "xy" swaps the first two axes of every output
  const axisOf = (i: number) => (indexing === "xy" && ts.length > 1 && i < 2 ? 1 - i : i);
  const shape = sizes.map((_, j) => sizes[axisOf(j)]);
  return ts.map((t, i) => {
    const view = shape.map(() => 1);
    view[axisOf(i)] = sizes[i];
    return t.reshape(view).expand(shape);
  });
}
