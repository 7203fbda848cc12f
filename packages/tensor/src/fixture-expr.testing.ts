/**
 * A strict evaluator for the JavaScript that golden fixtures hold (`js` of ops.json, dtypes.json,
 * random.json, ...): the calls run on torchts without `new Function` or `eval`. The grammar is the
 * small subset the generators (fixtures/*.py) write; anything else is a SyntaxError naming the
 * position, so a fixture cannot silently mean something other than it says.
 *
 *   program   := stmt (";" stmt)* ";"?          stmt := "const" name "=" expr | "return" expr | expr
 *   expr      := arrow | sum ("===" sum)?        arrow := "(" names ")" "=>" expr
 *   sum       := power ("+" power)*             power := unary ("**" power)?
 *   unary     := "-" unary | postfix            postfix := primary ("." name | "(" args ")" | "[" expr "]")*
 *   primary   := number | 'string' | "string" | name | "[" items "]" | "{" props "}" | "(" expr ")"
 *   items     := (("..." expr) | expr) ("," ...)* ","?     props := (name ":" expr) ("," ...)* ","?
 *
 * @example evaluate("const y = x.add(1); return y.mul(2)", { x }) // the value of the last `return`
 */

type Scope = ReadonlyMap<string, unknown>;
type Node = (scope: Scope) => unknown;

const PUNCT = ["===", "=>", "...", "**", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".", "+", "-", "="];
/** Globals a fixture may name, besides the bindings the caller passes. */
const GLOBALS: Record<string, unknown> = { String, Number, Math, Infinity, NaN, undefined, true: true, false: false, null: null };

interface Token {
  kind: "num" | "str" | "name" | "punct";
  text: string;
  value?: unknown;
  at: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === " ") {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/.exec(src.slice(i));
    if (num) {
      out.push({ kind: "num", text: num[0], value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = src.indexOf(c, i + 1);
      if (end < 0 || src.slice(i + 1, end).includes("\\")) throw new SyntaxError(`fixture expression: unterminated or escaped string at ${i}: ${src}`);
      out.push({ kind: "str", text: src.slice(i, end + 1), value: src.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const name = /^[A-Za-z_$][\w$]*/.exec(src.slice(i));
    if (name) {
      out.push({ kind: "name", text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const p = PUNCT.find((q) => src.startsWith(q, i));
    if (p === undefined) throw new SyntaxError(`fixture expression: unexpected '${c}' at ${i}: ${src}`);
    out.push({ kind: "punct", text: p, at: i });
    i += p.length;
  }
  return out;
}

function lookup(scope: Scope, name: string): unknown {
  if (scope.has(name)) return scope.get(name);
  if (Object.hasOwn(GLOBALS, name)) return GLOBALS[name];
  throw new ReferenceError(`fixture expression: ${name} is not defined`);
}

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly toks: Token[]) {}

  private peek(text?: string): boolean {
    const t = this.toks[this.i];
    return t !== undefined && (text === undefined || ((t.kind === "punct" || t.kind === "name") && t.text === text));
  }
  private fail(what: string): never {
    const t = this.toks[this.i];
    throw new SyntaxError(`fixture expression: expected ${what} at ${t ? `'${t.text}' (${t.at})` : "the end"}: ${this.src}`);
  }
  private eat(text: string): void {
    if (!this.peek(text)) this.fail(`'${text}'`);
    this.i++;
  }
  private name(): string {
    const t = this.toks[this.i];
    if (t?.kind !== "name") this.fail("a name");
    this.i++;
    return t.text;
  }

  /** The statements, run in order with `const` bindings; the value of `return` (or of a lone expression). */
  program(): Node {
    const stmts: { bind?: string; ret: boolean; node: Node }[] = [];
    for (;;) {
      if (this.peek("const")) {
        this.i++;
        const bind = this.name();
        this.eat("=");
        stmts.push({ bind, ret: false, node: this.expr() });
      } else if (this.peek("return")) {
        this.i++;
        stmts.push({ ret: true, node: this.expr() });
      } else stmts.push({ ret: false, node: this.expr() });
      if (!this.peek(";")) break;
      this.i++;
      if (this.i === this.toks.length) break;
    }
    if (this.i !== this.toks.length) this.fail("';' or the end");
    const lone = stmts.length === 1 && stmts[0].bind === undefined;
    return (outer) => {
      const scope = new Map(outer);
      for (const s of stmts) {
        const v = s.node(scope);
        if (s.ret || lone) return v;
        if (s.bind !== undefined) scope.set(s.bind, v);
      }
      return undefined;
    };
  }

  private expr(): Node {
    const start = this.i;
    if (this.peek("(")) {
      // an arrow function: "(" names ")" "=>"
      this.i++;
      const params: string[] = [];
      while (this.toks[this.i]?.kind === "name" && (this.toks[this.i + 1]?.text === "," || this.toks[this.i + 1]?.text === ")")) {
        params.push(this.name());
        if (this.peek(",")) this.i++;
      }
      if (this.peek(")") && this.toks[this.i + 1]?.text === "=>") {
        this.i += 2;
        const body = this.expr();
        return (scope) => (...args: unknown[]) => body(new Map([...scope, ...params.map((p, k): [string, unknown] => [p, args[k]])]));
      }
      this.i = start;
    }
    const left = this.sum();
    if (!this.peek("===")) return left;
    this.i++;
    const right = this.sum();
    return (s) => left(s) === right(s);
  }
  private sum(): Node {
    let left = this.power();
    while (this.peek("+")) {
      this.i++;
      const l = left, r = this.power();
      left = (s) => (l(s) as number) + (r(s) as number);
    }
    return left;
  }
  private power(): Node {
    const base = this.unary();
    if (!this.peek("**")) return base;
    this.i++;
    const exp = this.power();
    return (s) => (base(s) as number) ** (exp(s) as number);
  }
  private unary(): Node {
    if (!this.peek("-")) return this.postfix();
    this.i++;
    const v = this.unary();
    return (s) => -(v(s) as number);
  }
  private postfix(): Node {
    let node = this.primary();
    // the last member read (object and key), so a call through it evaluates the object once and has it as `this`
    let member: { obj: Node; key: (s: Scope) => string } | null = null;
    for (;;) {
      if (this.peek(".") || this.peek("[")) {
        const dot = this.toks[this.i++].text === ".";
        let key: (s: Scope) => string;
        if (dot) {
          const name = this.name();
          key = () => name;
        } else {
          const k = this.expr();
          this.eat("]");
          key = (s) => String(k(s));
        }
        const obj = node;
        member = { obj, key };
        node = (s) => (obj(s) as Record<string, unknown>)[key(s)];
      } else if (this.peek("(")) {
        this.i++;
        const args = this.list(")", false), m = member, callee = node, src = this.src;
        const call = (fn: unknown, self: unknown, s: Scope) => {
          if (typeof fn !== "function") throw new TypeError(`fixture expression: not a function: ${src}`);
          return Reflect.apply(fn, self, args(s));
        };
        node = m === null ? (s) => call(callee(s), undefined, s) : (s) => {
          const self = m.obj(s);
          return call((self as Record<string, unknown>)[m.key(s)], self, s);
        };
        member = null;
      } else return node;
    }
  }
  private primary(): Node {
    const t = this.toks[this.i];
    if (t === undefined) this.fail("a value");
    if (t.kind === "num" || t.kind === "str") {
      this.i++;
      const v = t.value;
      return () => v;
    }
    if (t.kind === "name") {
      this.i++;
      return (s) => lookup(s, t.text);
    }
    if (t.text === "(") {
      this.i++;
      const e = this.expr();
      this.eat(")");
      return e;
    }
    if (t.text === "[") {
      this.i++;
      return this.list("]", true);
    }
    if (t.text === "{") {
      this.i++;
      const props: [string, Node][] = [];
      while (!this.peek("}")) {
        const key = this.name();
        this.eat(":");
        props.push([key, this.expr()]);
        if (!this.peek(",")) break;
        this.i++;
      }
      this.eat("}");
      return (s) => Object.fromEntries(props.map(([k, v]) => [k, v(s)]));
    }
    this.fail("a value");
  }
  /** Comma-separated expressions up to `close` (spread `...` allowed in array literals). */
  private list(close: string, spread: boolean): (s: Scope) => unknown[] {
    const items: { spread: boolean; node: Node }[] = [];
    while (!this.peek(close)) {
      const isSpread = spread && this.peek("...");
      if (isSpread) this.i++;
      items.push({ spread: isSpread, node: this.expr() });
      if (!this.peek(",")) break;
      this.i++;
    }
    this.eat(close);
    return (s) => items.flatMap((it) => (it.spread ? [...(it.node(s) as Iterable<unknown>)] : [it.node(s)]));
  }
}

const cache = new Map<string, Node>();

/** Runs a fixture's program with `bindings` (e.g. `{ torch, util, a, b }`): the value it returns. */
export function evaluate(src: string, bindings: Record<string, unknown>): unknown {
  let node = cache.get(src);
  if (node === undefined) cache.set(src, (node = new Parser(src, tokenize(src)).program()));
  return node(new Map(Object.entries(bindings)));
}
