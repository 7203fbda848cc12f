// The imports of one TypeScript/JavaScript file, and which of them survive
// compilation. TypeScript erases `import type` / `export type`, `import { type A }`,
// and an import none of whose bindings the file reads as a value (only as types);
// what is left is what runs. Decided per file, as TypeScript does with
// isolatedModules (ts.transpileModule), from the syntax tree alone: no type checker.
import ts from "typescript";

/** Every import of `file` as { spec, line, runtime }: runtime is false when TypeScript erases it. */
export function importsOf(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out = [];
  const pending = []; // imports kept only if one of their bindings is used as a value
  const values = new Set(); // identifiers the file uses as values
  const lineOf = (node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const add = (spec, node, runtime) => void out.push({ spec, line: lineOf(node), runtime });
  const ambient = (node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);

  // returns nothing: ts.forEachChild stops at the first child whose callback returns a truthy value
  function visit(node) {
    if (ts.isImportDeclaration(node)) {
      const spec = node.moduleSpecifier.text;
      const clause = node.importClause;
      if (!clause) return add(spec, node, true); // import "./side-effect"
      if (clause.isTypeOnly) return add(spec, node, false);
      const names = [];
      if (clause.name) names.push(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.push(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if (!el.isTypeOnly) names.push(el.name.text);
      return void pending.push({ spec, node, names });
    }
    if (ts.isImportEqualsDeclaration(node)) {
      if (ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression))
        pending.push({ spec: node.moduleReference.expression.text, node, names: node.isTypeOnly ? [] : [node.name.text] });
      return;
    }
    if (ts.isExportDeclaration(node)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      if (node.moduleSpecifier) {
        const typeOnly = node.isTypeOnly || (named !== null && named.length > 0 && named.every((e) => e.isTypeOnly));
        return add(node.moduleSpecifier.text, node, !typeOnly);
      }
      // export { a } of a local name: kept unless marked as a type, as TypeScript does for a single file
      if (!node.isTypeOnly && named) for (const el of named) if (!el.isTypeOnly) values.add((el.propertyName ?? el.name).text);
      return;
    }
    // erased entirely: types, interfaces, type aliases, `declare` blocks, `implements`, type arguments
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ambient(node)) return;
    if (ts.isHeritageClause(node)) {
      if (node.token === ts.SyntaxKind.ExtendsKeyword && !ts.isInterfaceDeclaration(node.parent))
        for (const t of node.types) visit(t.expression); // class A extends B: B is a value
      return;
    }
    if (ts.isTypeNode(node)) return;
    if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const lazy = node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require");
      if (lazy) add(node.arguments[0].text, node, true);
    }
    if (ts.isIdentifier(node) && !isNameSlot(node)) values.add(node.text);
    ts.forEachChild(node, visit);
  }
  visit(sf);
  for (const { spec, node, names } of pending) add(spec, node, names.some((n) => values.has(n)));
  return out.sort((a, b) => a.line - b.line);
}

// An identifier that names a member or a declaration rather than reading a binding.
function isNameSlot(node) {
  const p = node.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) || ts.isQualifiedName(p)) return p.name === node || p.right === node;
  if (ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isGetAccessor(p) ||
      ts.isSetAccessor(p) || ts.isEnumMember(p) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return p.name === node || p.label === node;
  if (ts.isBindingElement(p)) return p.propertyName === node;
  return false;
}
