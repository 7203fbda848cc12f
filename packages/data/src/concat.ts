/**
 * pandas' concat: stack frames (or Series) vertically, taking the union of
 * columns in order of appearance and filling absent columns with NaN, or
 * place them side by side with `axis: 1`.
 */
import { Column, castColumn, emptyData } from "./column";
import { type DTypeName, type Scalar, commonDType } from "./dtype";
import { ValueError } from "./errors";
import { DataFrame } from "./frame";
import { Index, RangeIndex } from "./labels";
import { Series, type Label } from "./series";
import { TypeError, argTypeError } from "@torchts/tensor";
import { boolOption, frameAxis, options as checked, pyType } from "./args";

export interface ConcatOptions {
  /** 0 stacks rows (default), 1 places columns side by side. */
  axis?: 0 | 1 | "index" | "columns";
  /** Number the result's rows 0..n−1 instead of keeping the inputs' labels. */
  ignoreIndex?: boolean;
}

/** Concatenate columns, converting each to the common dtype first. */
export function concatColumns(parts: Column[]): Column {
  const dtype: DTypeName = commonDType(parts.map((p) => p.dtype));
  const n = parts.reduce((t, p) => t + p.length, 0);
  const out = emptyData(dtype, n);
  const floats = dtype === "object" ? new Uint8Array(n) : null;
  let off = 0;
  for (const p of parts) {
    const c = castColumn(p, dtype);
    if (Array.isArray(out)) {
      for (let i = 0; i < c.length; i++) {
        out[off + i] = c.data[i] as Scalar;
        if (floats && c.isFloatAt(i)) floats[off + i] = 1;
      }
    } else (out as Float64Array).set(c.data as Float64Array, off);
    off += c.length;
  }
  return new Column(dtype, out, floats);
}

function concatIndex(idxs: Index[], ignore: boolean): Index {
  const n = idxs.reduce((t, x) => t + x.length, 0);
  if (ignore) return new RangeIndex(0, n);
  if (idxs.length === 1) return idxs[0];
  const labels: Scalar[] = [];
  for (const ix of idxs) labels.push(...ix.tolist());
  return Index.from(labels);
}

/**
 * Concatenate frames or Series.
 * @example concat([df1, df2]) // rows of df1 then df2; columns missing from one are NaN there
 * @example concat([df, s], { axis: 1 }) // s becomes a column named s.name
 */
export function concat(objs: (DataFrame | Series)[], opts?: ConcatOptions): DataFrame | Series {
  if (!Array.isArray(objs)) throw argTypeError("concat", "objs", 1, "an array of DataFrames or Series", objs);
  const options = checked("concat", opts);
  if (objs.length === 0) throw new ValueError("concat(): No objects to concatenate");
  for (const o of objs) {
    if (!(o instanceof DataFrame) && !(o instanceof Series)) {
      throw new TypeError(`concat(): cannot concatenate object of type '${pyType(o)}'; only Series and DataFrame objs are valid`);
    }
  }
  const axis = frameAxis("concat", options.axis);
  boolOption("concat", "ignoreIndex", options.ignoreIndex);
  const ignore = options.ignoreIndex ?? false;
  if (axis === 0 && objs.every((o) => o instanceof Series)) {
    const ss = objs as Series[];
    const name = ss.every((s) => s.name === ss[0].name) ? ss[0].name : null;
    return Series._of(concatColumns(ss.map((s) => s._col)), concatIndex(ss.map((s) => s.index), ignore), name);
  }
  const frames = objs.map((o) => (o instanceof Series ? o.toFrame() : o));
  if (axis === 0) {
    const labels: Label[] = [];
    for (const f of frames) for (const l of f._labels) if (!labels.includes(l)) labels.push(l);
    const cols = labels.map((l) =>
      concatColumns(frames.map((f) => {
        const j = f._labels.indexOf(l);
        return j >= 0 ? f._cols[j] : Column.missing("float64", f.length);
      })),
    );
    return DataFrame._of(cols, labels, concatIndex(frames.map((f) => f.index), ignore));
  }
  const first = frames[0].index;
  frames.forEach((f, k) => {
    if (!f.index.equals(first)) {
      throw new ValueError(`concat(axis=1): object ${k} has a different row index than object 0; only identical row indexes are supported`);
    }
  });
  const cols: Column[] = [];
  const labels: Label[] = [];
  let unnamed = 0;
  objs.forEach((o, k) => {
    if (o instanceof Series) {
      cols.push(o._col);
      labels.push(o.name ?? unnamed++);
    } else {
      cols.push(...frames[k]._cols);
      labels.push(...frames[k]._labels);
    }
  });
  return DataFrame._of(cols, labels, ignore ? new RangeIndex(0, first.length) : first);
}
