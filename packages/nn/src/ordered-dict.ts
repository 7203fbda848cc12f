/**
 * The state dict's container: a Map (insertion order, integer-like keys included) that
 * prints as PyTorch's `OrderedDict([('0.weight', tensor(...)), ...])`.
 */
import { inspect } from "node:util";

export class OrderedDict<V> extends Map<string, V> {
  override toString(): string {
    if (this.size === 0) return "OrderedDict()";
    const items = [...this].map(([k, v]) => `('${k}', ${String(v)})`);
    return `OrderedDict([${items.join(", ")}])`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}
