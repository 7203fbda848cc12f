import { afterEach, describe, expect, it, vi } from "vitest";
import { backingOff, backoffPause, recordShare, resetBackoff, switches } from "./policy";

describe("worker policy: the back-off after slow shares", () => {
  let clock = 1000;
  const at = (ms: number) => (clock = ms);
  vi.spyOn(performance, "now").mockImplementation(() => clock);
  afterEach(() => {
    resetBackoff();
    switches.noBackoff = false;
  });
  const slow = () => recordShare(3, 4, true); // waited 3 of 4 ms for the worker
  const fast = () => recordShare(0.1, 4, true);

  it("backs off after two slow shares in a row, for 50 ms", () => {
    at(1000);
    slow();
    expect(backingOff()).toBe(false);
    slow();
    expect(backingOff()).toBe(true);
    at(1049);
    expect(backingOff()).toBe(true);
    at(1051);
    expect(backingOff()).toBe(false);
  });

  it("backs off for twice as long when sharing is slow again right after, up to 3.2 s", () => {
    at(0);
    slow(), slow();
    const pauses = [];
    for (let k = 0; k < 8; k++) {
      at(clock + 10_000); // the pause is over
      slow(); // and sharing is still slow
      pauses.push(backoffPause());
      expect(backingOff()).toBe(true);
    }
    expect(pauses).toEqual([200, 400, 800, 1600, 3200, 3200, 3200, 3200]);
  });

  it("a fast share ends the pause's growth and halves it; alternating fast and slow shares never back off", () => {
    at(0);
    slow(), slow();
    at(100);
    slow(); // 100 ms pause, next 200
    at(300);
    fast();
    expect(backoffPause()).toBe(100);
    expect(backingOff()).toBe(false);
    resetBackoff();
    for (let k = 0; k < 10; k++) slow(), fast();
    expect(backingOff()).toBe(false);
  });

  it("never backs off with the test switch noBackoff", () => {
    switches.noBackoff = true;
    for (let k = 0; k < 5; k++) slow();
    expect(backingOff()).toBe(false);
  });
});
