// pure-rand 8 publishes subpath exports only; Node10 resolution (which tslab and
// this build use) cannot see their types, so we declare the one entry we use.
declare module "pure-rand/generator/xoroshiro128plus" {
  export interface XoroShiro128Plus {
    next(): number;
    clone(): XoroShiro128Plus;
    jump(): void;
    getState(): number[];
  }
  export function xoroshiro128plus(seed: number): XoroShiro128Plus;
  export function xoroshiro128plusFromState(state: readonly number[]): XoroShiro128Plus;
}
