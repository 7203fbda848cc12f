/**
 * The in-place methods' argument checks, derived from their PyTorch signatures
 * (signature.ts), as the out-of-place ops' are: `x.add_([1, 2])` is a TypeError
 * naming add_ and `other`, `x.clamp_({ mni: 0 })` names the unknown option. Each
 * checked method wraps the implementation inplace.ts defined (captured here once).
 */
import "./inplace";
import { defineMethods } from "./methods";
import { checkedOp } from "./signature";
import { Tensor } from "./tensor";

type Method = (this: Tensor, ...args: unknown[]) => Tensor;
const proto = Tensor.prototype as unknown as Record<string, Method>;

const raw = (name: string): Method => proto[name];
const add_ = raw("add_");
const sub_ = raw("sub_");
const mul_ = raw("mul_");
const div_ = raw("div_");
const clamp_ = raw("clamp_");
const copy_ = raw("copy_");
const fill_ = raw("fill_");
const zero_ = raw("zero_");
const normal_ = raw("normal_");
const uniform_ = raw("uniform_");
const noAlpha = undefined;

/** Each in-place method: its signature, and how its checked parameters reach inplace.ts's method. */
const OPS: Record<string, [string, (self: Tensor, a: never, b: never, c: never) => Tensor]> = {
  add_: ["add_(Tensor input, Tensor|Number other, *, Number alpha=1)", (self, other, alpha) => add_.call(self, other, alpha === 1 ? noAlpha : { alpha })],
  sub_: ["sub_(Tensor input, Tensor|Number other, *, Number alpha=1)", (self, other, alpha) => sub_.call(self, other, alpha === 1 ? noAlpha : { alpha })],
  mul_: ["mul_(Tensor input, Tensor|Number other)", (self, other) => mul_.call(self, other)],
  div_: ["div_(Tensor input, Tensor|Number other)", (self, other) => div_.call(self, other)],
  clamp_: ["clamp_(Tensor input, float? min, float? max)", (self, min, max) => clamp_.call(self, min ?? null, max ?? null)],
  copy_: ["copy_(Tensor input, Tensor|Number src)", (self, src) => copy_.call(self, src)],
  fill_: ["fill_(Tensor input, Tensor|Number value)", (self, value) => fill_.call(self, value)],
  zero_: ["zero_(Tensor input)", (self) => zero_.call(self)],
  normal_: ["normal_(Tensor input, float mean=0, float std=1, *, any? generator)", (self, mean, std, generator) => normal_.call(self, mean, std, { generator })],
  uniform_: ["uniform_(Tensor input, float from=0, float to=1, *, any? generator)", (self, from, to, generator) => uniform_.call(self, from, to, { generator })],
};

defineMethods(Object.fromEntries(Object.entries(OPS).map(([name, [signature, impl]]) => [name, checkedOp(signature, impl).method])) as never);
