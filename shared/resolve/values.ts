import type { ts } from 'ts-morph';
import { noteReads, tracked } from '../project/reads';
import { measured, noteHit, OPTION_LIMIT, replay, TOO_MANY_OPTIONS, TOO_MANY_STEPS, type Spent } from './budget';

/** A lazily evaluated argument: the expression and the bindings in force where it was written. */
export interface Arg {
  node: ts.Expression;
  env: Env;
  spread?: boolean;
}

export type Step =
  | { t: 'get'; name: string }
  | { t: 'call'; args: Arg[]; node: ts.CallExpression | ts.Decorator | ts.TaggedTemplateExpression }
  | { t: 'new'; args: Arg[]; node: ts.NewExpression | null };

export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration | ts.GetAccessorDeclaration | ts.ConstructorDeclaration;

/** A placeholder in a string: a part of a prompt whose text is not in the code. */
export interface Hole {
  expr: string;
  reason: string;
  hint?: 'history' | 'document' | 'value';
  /** The values a choice stood for, kept where a text's pieces are read again (a URL's host among them). */
  choices?: Value[];
}

export type TplPart = string | Hole;

export interface Origin {
  file: string;
  line: number;
}

export type Value =
  | { k: 'str'; v: string; note?: string; origin?: Origin }
  | { k: 'num'; v: number; note?: string }
  | { k: 'bool'; v: boolean }
  | { k: 'nullish' }
  | { k: 'tpl'; parts: TplPart[] }
  | { k: 'obj'; props: Map<string, Value>; open?: string }
  | { k: 'arr'; items: Value[]; open?: Hole }
  | { k: 'oneOf'; options: Value[] }
  /** `made`: the arguments of the `new URL(...)` it is, read again where the URL's pieces matter (http/url.ts). */
  | { k: 'unknown'; reason: string; expr?: string; hint?: Hole['hint']; made?: Arg[] }
  | { k: 'env'; name: string }
  /** Something that comes from an npm package (or a global such as fetch): the chain of what was done to it. */
  | { k: 'sdk'; module: string; steps: Step[]; typed?: boolean }
  | { k: 'fn'; decl: FunctionLike; env: Env; self?: Value }
  /** A class; `env` holds what a class written inside a function (a mixin) closes over. */
  | { k: 'class'; decl: ts.ClassLikeDeclaration; env?: Env }
  /**
   * An object of a project class. `args` are its constructor's arguments (null: not known). An
   * instance seen as its base class (`extends`) keeps in `whole` the object it is part of: `this` in
   * the base class's code is that object, so a member its subclass overrides or assigns is found.
   */
  | { k: 'instance'; decl: ts.ClassLikeDeclaration; args: Arg[] | null; env: Env; whole?: Value }
  | { k: 'module'; file: string }
  | { k: 'path'; v: string };

export type SdkValue = Extract<Value, { k: 'sdk' }>;

const PENDING = Symbol('pending');

/**
 * The properties of an object literal, evaluated when first read. A request object often holds
 * tool definitions, schemas and callbacks that no adapter looks at; evaluating them all is most of
 * the cost of a large scan. Reading, iterating or copying the map evaluates what it touches; `size`,
 * `has` and `keys` do not evaluate anything.
 */
export class LazyProps extends Map<string, Value> {
  private thunks: Map<string, () => Value> | null = null;
  /** The files read to evaluate each property (for the editor session, see project/reads.ts). */
  private reads: Map<string, Set<string>> | null = null;
  /** What evaluating each property cost, charged again when it is read again (see budget.ts). */
  private costs: Map<string, Spent> | null = null;

  defineLazy(key: string, thunk: () => Value): void {
    (this.thunks ??= new Map()).set(key, thunk);
    super.set(key, PENDING as unknown as Value);
  }

  /** Copies entries into another map without evaluating the ones still pending. */
  copyInto(target: LazyProps): void {
    for (const key of super.keys()) {
      const thunk = this.thunks?.get(key);
      const v = super.get(key);
      // The thunk is self-contained: copying it (not a reference back to this map) keeps the copy independent.
      if ((v as unknown) === PENDING && thunk) target.defineLazy(key, thunk);
      else {
        target.set(key, v!);
        const r = this.reads?.get(key);
        if (r) (target.reads ??= new Map()).set(key, r);
        const c = this.costs?.get(key);
        if (c) (target.costs ??= new Map()).set(key, c);
      }
    }
  }

  override get(key: string): Value | undefined {
    const v = super.get(key);
    if ((v as unknown) !== PENDING) {
      noteReads(this.reads?.get(key));
      return replay(this.costs?.get(key)) || v === undefined ? v : { k: 'unknown', reason: TOO_MANY_STEPS };
    }
    const thunk = this.thunks!.get(key)!;
    this.thunks!.delete(key);
    // Guard against a thunk that reads its own key while running.
    super.set(key, { k: 'unknown', reason: 'defined in terms of itself' });
    const { value: run, reads } = tracked(() => measured(thunk));
    if (!run.complete) {
      // Cut short by the step budget: evaluated again when read again.
      (this.thunks ??= new Map()).set(key, thunk);
      super.set(key, PENDING as unknown as Value);
      return { k: 'unknown', reason: TOO_MANY_STEPS };
    }
    super.set(key, run.value);
    if (reads) (this.reads ??= new Map()).set(key, reads);
    (this.costs ??= new Map()).set(key, run.spent);
    return run.value;
  }

  override set(key: string, value: Value): this {
    this.thunks?.delete(key);
    this.costs?.delete(key);
    return super.set(key, value);
  }

  override values(): MapIterator<Value> {
    return this.forced().values();
  }

  override entries(): MapIterator<[string, Value]> {
    return this.forced().entries();
  }

  override [Symbol.iterator](): MapIterator<[string, Value]> {
    return this.entries();
  }

  override forEach(cb: (value: Value, key: string, map: Map<string, Value>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) cb.call(thisArg, v, k, this);
  }

  private forced(): Map<string, Value> {
    const out = new Map<string, Value>();
    for (const key of [...super.keys()]) out.set(key, this.get(key)!);
    return out;
  }
}

/** Parameter bindings: what a function's parameters receive at one call. */
export interface Env {
  bindings: Map<ts.Node, Value>;
  /** `this` inside the bound function, when it is an instance of a project class. */
  self?: Value;
  parent: Env | null;
}

export const EMPTY_ENV: Env = { bindings: new Map(), parent: null };

export const unknown = (reason: string, expr?: string, hint?: Hole['hint']): Value => ({ k: 'unknown', reason, expr, hint });
export const str = (v: string, note?: string): Value => (note ? { k: 'str', v, note } : { k: 'str', v });

export function oneOf(values: Value[]): Value {
  const flat: Value[] = [];
  for (const v of values) {
    if (v.k === 'oneOf') for (const o of v.options) flat.push(o);
    else flat.push(v);
    if (flat.length > OPTION_LIMIT * 4) break;
  }
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const v of flat) {
    const key = v.k === 'str' ? 's:' + v.v : v.k === 'num' ? 'n:' + v.v : null;
    if (key) {
      if (seen.has(key)) continue;
      seen.add(key);
    }
    out.push(v);
  }
  if (out.length > OPTION_LIMIT) {
    noteHit(TOO_MANY_OPTIONS);
    return unknown(TOO_MANY_OPTIONS);
  }
  return out.length === 1 ? out[0] : { k: 'oneOf', options: out };
}

/** The string content of a value when it is fully known. */
export function exactString(v: Value | undefined): string | null {
  if (!v) return null;
  if (v.k === 'str') return v.v;
  if (v.k === 'num') return String(v.v);
  if (v.k === 'tpl' && v.parts.every((p) => typeof p === 'string')) return v.parts.join('');
  return null;
}

export function exactNumber(v: Value | undefined): number | null {
  if (!v) return null;
  if (v.k === 'num') return v.v;
  if (v.k === 'str' && /^\s*\d+(\.\d+)?\s*$/.test(v.v)) return Number(v.v);
  return null;
}

export function isTruthyKnown(v: Value | undefined): boolean | null {
  if (!v) return null;
  if (v.k === 'bool') return v.v;
  if (v.k === 'nullish') return false;
  if (v.k === 'str') return v.v !== '';
  if (v.k === 'num') return v.v !== 0;
  // What a package's function returns may be empty (`config.get('BASE_URL') || default`); what it exports or constructs is not.
  if (v.k === 'sdk') return v.steps[v.steps.length - 1]?.t === 'call' ? null : true;
  if (v.k === 'obj' || v.k === 'arr' || v.k === 'fn' || v.k === 'instance') return true;
  return null;
}

/** Reads a property of a plain object value; undefined when the object does not have it. */
export function prop(v: Value | undefined, name: string): Value | undefined {
  if (!v) return undefined;
  if (v.k === 'obj') return v.props.get(name) ?? (v.open ? unknown(v.open) : undefined);
  if (v.k === 'oneOf') {
    const found = v.options.map((o) => prop(o, name)).filter((x): x is Value => x !== undefined);
    return found.length ? oneOf(found) : undefined;
  }
  if (v.k === 'unknown') return v;
  return undefined;
}

/** Follows a dotted path of plain-object properties. */
export function path(v: Value | undefined, dotted: string): Value | undefined {
  let cur = v;
  for (const part of dotted.split('.')) cur = prop(cur, part);
  return cur;
}

/** Options of a oneOf, or the value itself. */
export const options = (v: Value): Value[] => (v.k === 'oneOf' ? v.options : [v]);

export function sdkName(v: SdkValue): string {
  const names = v.steps.filter((s) => s.t === 'get').map((s) => (s as { name: string }).name);
  return names.join('.');
}

/** A value the code sets: not missing, not null or undefined. */
export const present = (v: Value | undefined | null): v is Value => !!v && v.k !== 'nullish';
