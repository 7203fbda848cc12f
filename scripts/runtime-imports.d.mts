/** Types of scripts/runtime-imports.mjs (see its doc comment). */
export interface FileImport {
  /** The module specifier as written, e.g. "./series" or "node:fs". */
  spec: string;
  /** 1-based line of the import statement or require()/import() call. */
  line: number;
  /** False when TypeScript erases the import (type-only, or no binding read as a value). */
  runtime: boolean;
}
export declare function importsOf(file: string, text: string): FileImport[];
