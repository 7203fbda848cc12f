/** PyTorch's `repr(optimizer)`: each group's options sorted by their (snake_case) name, Python-formatted. */
import { pyStr } from "@torchts/tensor/py-format";
import { toSnake } from "./keys";

/** Python's `str()` of an option value: True/False, None, ints bare, float repr, tuples. */
export function pyValue(v: unknown): string {
  if (v === null || v === undefined) return "None";
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return pyStr(v);
  if (Array.isArray(v)) return `(${v.map(pyValue).join(", ")}${v.length === 1 ? "," : ""})`;
  if (typeof v === "function") return `<function ${v.name || "<lambda>"}>`;
  return String(v);
}

/**
 * @example formatGroups("SGD", [{ params: [w], lr: 0.03 }])
 * // "SGD (\nParameter Group 0\n    lr: 0.03\n)"
 */
export function formatGroups(name: string, groups: readonly Record<string, unknown>[]): string {
  let out = `${name} (`;
  groups.forEach((group, i) => {
    out += `\nParameter Group ${i}\n`;
    const entries = Object.entries(group)
      .filter(([k]) => k !== "params")
      .map(([k, v]) => [toSnake(k), v] as const)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of entries) out += `    ${k}: ${pyValue(v)}\n`;
  });
  return `${out})`;
}
