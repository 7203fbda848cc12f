import { describe, expect, test } from "vitest";
import { DASHES, FMT_COLORS, LINE_WIDTH, parseFmt, scalePath } from "./fmt";
import { PlotError } from "./errors";

describe("parseFmt", () => {
  test("d2l's default formats", () => {
    expect(parseFmt("-")).toEqual({ line: "-" });
    expect(parseFmt("m--")).toEqual({ color: "#bf00bf", line: "--" });
    expect(parseFmt("g-.")).toEqual({ color: "#008000", line: "-." });
    expect(parseFmt("r:")).toEqual({ color: "#ff0000", line: ":" });
  });
  test("order does not matter; markers without a line style draw no line", () => {
    expect(parseFmt("--m")).toEqual(parseFmt("m--"));
    const o = parseFmt("o");
    expect(o.line).toBeUndefined();
    expect(o.marker?.filled).toBe(true);
    const bx = parseFmt("bx");
    expect(bx).toMatchObject({ color: FMT_COLORS.b, marker: { filled: false } });
    expect(parseFmt("o-").line).toBe("-");
    expect(parseFmt("ks:")).toMatchObject({ color: "#000000", line: ":", marker: { filled: true } });
  });
  test("C0-C9 and hex colors", () => {
    expect(parseFmt("C1--")).toEqual({ color: "#ff7f0e", line: "--" });
    expect(parseFmt("#123ABC")).toEqual({ color: "#123abc", line: "-" });
    expect(parseFmt("")).toEqual({ line: "-" });
  });
  test("bad formats are rejected with the fmt in the message", () => {
    expect(() => parseFmt("q")).toThrow(PlotError);
    expect(() => parseFmt("q")).toThrow(/plot: bad fmt "q": unknown character "q"/);
    expect(() => parseFmt("--:", "scatter")).toThrow(/scatter: bad fmt "--:": two line styles/);
    expect(() => parseFmt("rg")).toThrow(/two colors/);
    expect(() => parseFmt("ox")).toThrow(/two markers/);
  });
});

test("dash patterns are matplotlib's, scaled by the 1.5 pt line width in px", () => {
  expect(LINE_WIDTH).toBeCloseTo(2);
  expect(DASHES["-"]).toEqual([]);
  expect(DASHES["--"].map((d) => +d.toFixed(3))).toEqual([7.4, 3.2]);
  expect(DASHES[":"].map((d) => +d.toFixed(3))).toEqual([2, 3.3]);
  expect(DASHES["-."]).toHaveLength(4);
});

test("scalePath multiplies every coordinate", () => {
  expect(scalePath("M-1,-0.5L1,0.25Z", 2)).toBe("M-2,-1L2,0.5Z");
  expect(scalePath("M0,-1L0.6,0", 0.5)).toBe("M0,-0.5L0.3,0");
});
