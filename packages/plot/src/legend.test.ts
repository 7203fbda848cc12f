import { expect, test } from "vitest";
import { bestCorner, legendSize, legendSpec } from "./legend";
import { parseFmt } from "./fmt";

const lin = (lo: number, hi: number) => ({ axis: { domain: [lo, hi] as [number, number], reverse: false }, scale: "linear" as const });
const area = { width: 300, height: 200 };
const box = { width: 100, height: 40 };

test("best avoids the corners the data pass through", () => {
  // A rising line fills bottom-left and top-right: upper left is free.
  const rising = [{ x: [0, 1], y: [0, 1] }];
  expect(bestCorner(rising, lin(0, 1), lin(0, 1), box, area)).toBe("top-left");
  // A falling line: upper right is free, and it is matplotlib's first choice.
  const falling = [{ x: [0, 1], y: [1, 0] }];
  expect(bestCorner(falling, lin(0, 1), lin(0, 1), box, area)).toBe("top-right");
  // Data along the top: a bottom corner.
  const top = [{ x: [0, 0.5, 1], y: [0.95, 0.95, 0.95] }];
  expect(bestCorner(top, lin(0, 1), lin(0, 1), box, area)).toBe("bottom-left");
});

test("best reads a reversed axis the way it is drawn", () => {
  const rising = [{ x: [0, 1], y: [0, 1] }];
  const reversedX = { axis: { domain: [0, 1] as [number, number], reverse: true }, scale: "linear" as const };
  expect(bestCorner(rising, reversedX, lin(0, 1), box, area)).toBe("top-right");
});

test("the legend lists labeled series only, each drawn like its series", () => {
  const entries = [
    { key: "0", label: "f(x)", color: "#1f77b4", dash: [], marker: null },
    { key: "2", label: "dots", color: "#ff0000", dash: null, marker: parseFmt("o").marker! },
  ];
  const spec = legendSpec(entries, "top-left") as any;
  expect(spec.values).toEqual(["0", "2"]);
  expect(spec.orient).toBe("top-left");
  expect(spec.labelExpr).toBe('{"0":"f(x)","2":"dots"}[datum.value]');
  const shape = spec.encode.symbols.update.shape.signal as string;
  expect(shape.startsWith('{"0":"stroke","2":"M')).toBe(true);
  expect(spec.encode.symbols.update.fill.signal).toBe('{"0":"transparent","2":"#ff0000"}[datum.value]');
});

test("legendSize grows with the labels", () => {
  expect(legendSize(["a", "b"]).height).toBeLessThan(legendSize(["a", "b", "c"]).height);
  expect(legendSize(["a"]).width).toBeLessThan(legendSize(["a much longer label"]).width);
});
