/** Loading the pandas fixtures written by fixtures/gen_pandas.py, and comparing frames with them. */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { expect } from "vitest";
import type { DataFrame, Scalar, Series } from "../src/index";

export const FIXTURES = path.join(__dirname, "..", "fixtures");
export const CSV_DIR = path.join(FIXTURES, "csv");

type Encoded = number | string | boolean | null | { $: "nan" | "inf" | "-inf" };

export interface FrameFixture {
  columns: Encoded[];
  dtypes: string[];
  shape: [number, number];
  index: Encoded[];
  index_name: string | null;
  values: Encoded[][];
  str: string;
  html?: string;
}

export interface SeriesFixture {
  name: Encoded;
  dtype: string;
  index: Encoded[];
  values: Encoded[];
  str: string;
}

export function decode(v: Encoded): Scalar {
  if (v !== null && typeof v === "object") return v.$ === "nan" ? NaN : v.$ === "inf" ? Infinity : -Infinity;
  return v;
}

export function loadJson<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), "utf8")) as T;
}

function isNA(v: Scalar): boolean {
  return v === null || (typeof v === "number" && Number.isNaN(v));
}

/** Values equal as pandas sees them: NA matches NA (NaN or null); numbers compared exactly, −0 included. */
export function expectValues(actual: Scalar[], expected: Encoded[], what: string): void {
  const exp = expected.map(decode);
  expect(actual.length, `${what}: length`).toBe(exp.length);
  actual.forEach((a, i) => {
    const e = exp[i];
    if (isNA(e)) expect(isNA(a), `${what}[${i}] should be NA, got ${String(a)}`).toBe(true);
    else if (typeof e === "number" && typeof a === "number") expect(Object.is(a, e) || a === e, `${what}[${i}]: ${a} vs ${e}`).toBe(true);
    else expect(a, `${what}[${i}]`).toEqual(e);
  });
}

export function expectFrame(df: DataFrame, fx: FrameFixture, what: string, opts: { str?: boolean } = {}): void {
  expect(df.shape, `${what}: shape`).toEqual(fx.shape);
  expect(df.columns.tolist(), `${what}: columns`).toEqual(fx.columns.map(decode));
  expect(df.dtypes.tolist(), `${what}: dtypes`).toEqual(fx.dtypes);
  expectValues(df.index.tolist(), fx.index, `${what}: index`);
  fx.values.forEach((col, j) => expectValues((df.iloc(":", j) as Series).tolist(), col, `${what}: column ${j}`));
  if (opts.str ?? true) expect(df.toString(), `${what}: str`).toBe(fx.str);
}

export function expectSeries(s: Series, fx: SeriesFixture, what: string, opts: { str?: boolean; close?: boolean } = {}): void {
  expect(s.dtype, `${what}: dtype`).toBe(fx.dtype);
  expect(s.name, `${what}: name`).toEqual(decode(fx.name));
  expectValues(s.index.tolist(), fx.index, `${what}: index`);
  if (opts.close) {
    const exp = fx.values.map(decode) as number[];
    (s.tolist() as number[]).forEach((a, i) => expect(a).toBeCloseTo(exp[i], 10));
  } else expectValues(s.tolist(), fx.values, `${what}: values`);
  if (opts.str ?? true) expect(s.toString(), `${what}: str`).toBe(fx.str);
}
