/**
 * Devices, as PyTorch names them. torchts computes on the CPU only: `torch.device("cpu")`
 * is the one usable device, `torch.cuda.isAvailable()` is false, and moving a tensor to
 * any other device raises PyTorch's error for a build without that device. This lets
 * GPU-aware code written for PyTorch (`x.to(device)`, `x.cpu()`) run unchanged.
 * This module imports only errors.ts, so tensor.ts can return a Device from `x.device`.
 * @example torch.device("cpu")           // device(type='cpu')
 * @example torch.zeros(2).to("cpu")       // the same tensor
 * @example torch.zeros(2).to("cuda")      // RuntimeError: Torch not compiled with CUDA enabled
 */
import { inspect } from "node:util";
import { RuntimeError, argTypeError } from "./errors";

/** PyTorch 1.13's device types (the message for an unknown one lists them). */
const DEVICE_TYPES = [
  "cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "ort", "xla", "lazy", "vulkan", "mps", "meta", "hpu",
  "privateuseone",
] as const;

/** `torch.device`: a device type and an optional index (`cuda:1`). */
export class Device {
  readonly type: string;
  readonly index: number | null;
  /** @internal Use `device(...)`. */
  constructor(type: string, index: number | null) {
    this.type = type;
    this.index = index;
  }
  /** `"cpu"`, `"cuda:0"`: what `str(device)` prints. */
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  [inspect.custom](): string {
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
}

export const cpu = new Device("cpu", null);

/**
 * `torch.device("cpu")`, `torch.device("cuda:1")`, `torch.device("cuda", 1)`. Making a
 * device object never fails for a known type (as in PyTorch); using a non-CPU one does.
 */
export function device(spec: string | Device, index?: number): Device {
  if (spec instanceof Device) return spec;
  if (typeof spec !== "string") throw argTypeError("device", "type", 0, "str or torch.device", spec);
  if (index !== undefined && (!Number.isInteger(index) || index < 0)) throw argTypeError("device", "index", 1, "a non-negative int", index);
  const m = /^([a-z_]+)(?::(\d+))?$/.exec(spec);
  if (m === null || !(DEVICE_TYPES as readonly string[]).includes(m[1])) {
    throw new RuntimeError(`device: Expected one of ${DEVICE_TYPES.join(", ")} device type at start of device string: ${spec}`);
  }
  if (m[2] !== undefined && index !== undefined) {
    throw new RuntimeError(`device: type (string) must not include an index because index was passed explicitly: ${spec}`);
  }
  const idx = m[2] !== undefined ? Number(m[2]) : (index ?? null);
  if (m[1] === "cpu" && idx === null) return cpu;
  return new Device(m[1], idx);
}

/**
 * The device a tensor may be moved to, checked: the CPU, or PyTorch's error for a device this
 * build lacks (`op` names the call in the message).
 */
export function usableDevice(op: string, spec: string | Device): Device {
  const d = device(spec);
  if (d.type === "cpu") return cpu;
  if (d.type === "cuda") throw new RuntimeError(`${op}: Torch not compiled with CUDA enabled (torchts computes on the CPU only; torch.cuda.isAvailable() is false)`);
  throw new RuntimeError(`${op}: PyTorch is not linked with support for ${d.type} devices (torchts computes on the CPU only)`);
}

/** `torch.cuda`: there is no CUDA device. */
export const cuda = {
  /** Always false: torchts computes on the CPU. */
  isAvailable(): boolean {
    return false;
  },
  /** Always 0. */
  deviceCount(): number {
    return 0;
  },
};
