/**
 * Option names: camelCase in the JavaScript API (`weightDecay`), PyTorch's
 * snake_case inside state dicts (`weight_decay`), so that a state dict saved by
 * torchts loads into PyTorch and the reverse.
 */

/** weightDecay → weight_decay, initialAccumulatorValue → initial_accumulator_value. */
export function toSnake(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** weight_decay → weightDecay. */
export function toCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
