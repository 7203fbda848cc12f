/**
 * `@torchts/autograd/testing`: how torchts tests its ops, for the packages above it
 * (nn, optim) and for users' own differentiable ops — the OpInfo table of every tensor
 * op, input makers, float64 gradient checks at first and second order, and readers for
 * golden data written by a PyTorch script (JSON tensors with "nan"/"inf" strings).
 *
 * @example
 * import { checkGradients, unarySamples } from "@torchts/autograd/testing";
 * checkGradients({ name: "softplus", fn: (x) => torch.softplus(x), samples: unarySamples() }, 0, 2);
 */
export {
  type Domain, type InputSpec, type OpInfo, spec, unarySamples, binarySamples, rng, makeInput,
  sampleLabel, sampleInputs, gradientsOf, checkGradients,
} from "./op-info";
export { opTable } from "./op-table";
export { type JsonNum, type JsonTensor, num, decodeTensor, mismatch } from "./golden";
