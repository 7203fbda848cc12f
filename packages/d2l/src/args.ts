/**
 * The argument checks every public d2l helper makes at its boundary (the call convention:
 * a clear TypeError naming the function and the argument, never NaN or a crash further in).
 */
import { Tensor, RuntimeError, ValueError, argTypeError, nn } from "torchts";

/** A non-negative integer count (`numExamples`, `n`). */
export function checkCount(fn: string, name: string, position: number, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw argTypeError(fn, name, position, "an integer", v);
  if (v < 0) throw new RuntimeError(`${fn}(): argument '${name}' must be non-negative, got ${v}`);
  return v;
}

/** A batch size: a positive integer, with DataLoader's message. */
export function checkBatchSize(fn: string, position: number, v: unknown): number {
  if (typeof v !== "number" || !Number.isInteger(v)) throw argTypeError(fn, "batchSize", position, "an integer", v);
  if (v <= 0) throw new ValueError(`${fn}(): batch_size should be a positive integer value, but got batchSize=${v}`);
  return v;
}

/** A finite number (a learning rate, a bias). */
export function checkNumber(fn: string, name: string, position: number, v: unknown): number {
  if (typeof v !== "number" || Number.isNaN(v)) throw argTypeError(fn, name, position, "a number", v);
  return v;
}

export function checkTensor(fn: string, name: string, position: number, v: unknown): Tensor {
  if (!(v instanceof Tensor)) throw argTypeError(fn, name, position, "Tensor", v);
  return v;
}

/** A model: an nn.Module or any function from a batch to predictions (d2l's from-scratch `net`). */
export type Net = nn.Module | ((X: Tensor) => Tensor);

export function checkNet(fn: string, position: number, v: unknown): Net {
  if (typeof v !== "function") throw argTypeError(fn, "net", position, "an nn.Module or a function (X) => Tensor", v);
  return v as Net;
}

/** A loss: an nn loss module or a function (yHat, y) => Tensor. */
export type Loss = nn.Module | ((yHat: Tensor, y: Tensor) => Tensor);

export function checkLoss(fn: string, position: number, v: unknown): Loss {
  if (typeof v !== "function") throw argTypeError(fn, "loss", position, "a loss module or a function (yHat, y) => Tensor", v);
  return v as Loss;
}

/** A data iterator: anything iterable (a DataLoader, an array of batches, a generator). */
export function checkIterable<T>(fn: string, name: string, position: number, v: unknown): Iterable<T> {
  if (v === null || (typeof v !== "object" && typeof v !== "function") || typeof (v as Iterable<T>)[Symbol.iterator] !== "function" || typeof v === "string") {
    throw argTypeError(fn, name, position, "an iterable of [X, y] batches (a DataLoader)", v);
  }
  return v as Iterable<T>;
}

/** One batch of a data iterator: `[X, y]` tensors. */
export function batchPair(fn: string, name: string, batch: unknown): [Tensor, Tensor] {
  if (!Array.isArray(batch) || batch.length < 2 || !(batch[0] instanceof Tensor) || !(batch[1] instanceof Tensor)) {
    throw argTypeError(fn, name, undefined, "an iterable of [X, y] tensor batches; a batch", batch);
  }
  return [batch[0], batch[1]];
}

/** Calls a net and checks it gave a tensor. */
export function callNet(fn: string, net: Net, X: Tensor): Tensor {
  const out = (net as (X: Tensor) => unknown)(X);
  if (!(out instanceof Tensor)) throw argTypeError(fn, "net", undefined, "a model returning a Tensor; net(X) returned", out);
  return out;
}

/** Calls a loss and checks it gave a tensor. */
export function callLoss(fn: string, loss: Loss, yHat: Tensor, y: Tensor): Tensor {
  const out = (loss as (a: Tensor, b: Tensor) => unknown)(yHat, y);
  if (!(out instanceof Tensor)) throw argTypeError(fn, "loss", undefined, "a loss returning a Tensor; loss(yHat, y) returned", out);
  return out;
}
