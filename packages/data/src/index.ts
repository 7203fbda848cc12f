/**
 * @torchts/data: pandas-faithful DataFrames and CSV reading for torchts.
 *
 * @example
 * const data = readCsv("house_tiny.csv");
 * const inputs0 = data.iloc(":", "0:2");
 * const outputs = data.iloc(":", 2);
 * const inputs = getDummies(inputs0.fillna(inputs0.mean({ numericOnly: true })), { dummyNa: true });
 * const X = toTensor(inputs), y = toTensor(outputs);
 */
export { DataFrame, type StatOptions, type FillValue } from "./frame";
export { Series, type SeriesOptions, type Label } from "./series";
export { Index, RangeIndex } from "./labels";
export { readCsv, DEFAULT_NA_VALUES, type ReadCsvOptions } from "./read-csv";
export { type ToCsvOptions } from "./to-csv";
export { concat, type ConcatOptions } from "./concat";
export { getDummies, type GetDummiesOptions } from "./get-dummies";
export { toTensor, type ToTensorOptions } from "./to-tensor";
export { type ColumnInput, type FrameData, type FrameOptions } from "./frame-construct";
export { type DropnaOptions } from "./missing";
export { type ReduceOptions } from "./reduce";
export { type DescribeOptions } from "./describe";
export { type ValueCountsOptions } from "./value-counts";
export { type Indexer, type Position } from "./indexer";
export { type DTypeName, type DTypeLike, type Scalar, type ColumnData } from "./dtype";
export { parseSlice, resolveSlice, type Slice, type ResolvedSlice } from "./slice";
export { ParserError, EmptyDataError, LookupError, KeyError, IndexError, DTypeError, ValueError, FileError } from "./errors";
