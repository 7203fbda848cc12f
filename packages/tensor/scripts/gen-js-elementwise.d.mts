/** Types of gen-js-elementwise.mjs (see its header). */
interface Decl {
  readonly op: string;
  readonly spec: { readonly expr: string; readonly intExpr?: string; readonly predicate?: boolean; readonly toFloat?: boolean; readonly helpers?: object };
}
/** The generated files' texts, by path under src/kernels/, from the declarations. */
export declare function generate(unaryDecls: readonly Decl[], binaryDecls: readonly Decl[]): Record<string, string>;
