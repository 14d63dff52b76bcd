import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import { noteReads, tracked } from '../project/reads';
import { walkDescendants } from '../project/walk';
import { measured, replay, type Spent } from './budget';
import type { Evaluator } from './evaluate';
import { EMPTY_ENV, type Value } from './values';

// Which objects `this` may be in a class's code when the call site does not say (no caller hands
// one over): the constructions of the class and of its subclasses in the scanned files, and the
// subclasses constructed nowhere in them (their own constructor's `super(...)` still says what the
// base class receives). A base class's method then has one value per object, each with its origin.

/** Objects followed for one class: past this the class's values are unknown, with this reason. */
export const MAX_INSTANCES = 8;
/** Importer hops searched from the class's file, as for a function's callers (see shared/diff/reuse.ts). */
const IMPORT_HOPS = 3;
/** Classes (the class and its subclasses, at any depth) looked at before giving up. */
const MAX_CLASSES = MAX_INSTANCES * 4;

type Instance = Extract<Value, { k: 'instance' }>;

export interface Construction {
  /** Where the object comes from: the `new X(...)` expression, or the name of a subclass constructed nowhere. */
  at: ts.Node;
  inst: Instance;
}

/** The objects found, or why they are not followed. */
export type Instances = { list: Construction[] } | { reason: string };

interface FileFacts {
  news: ts.NewExpression[];
  /** Classes with an `extends` clause. */
  derived: ts.ClassLikeDeclaration[];
}

export class InstanceFinder {
  private readonly cache = new WeakMap<ts.ClassLikeDeclaration, { found: Instances; spent: Spent; reads: Set<string> | null }>();
  private readonly facts = new WeakMap<ts.SourceFile, FileFacts>();

  constructor(private readonly ev: Evaluator) {}

  /** Found once per class; a later call site is charged what finding them cost (see budget.ts). */
  of(decl: ts.ClassLikeDeclaration): Instances {
    const hit = this.cache.get(decl);
    if (hit) {
      noteReads(hit.reads ?? undefined);
      return replay(hit.spent) ? hit.found : { reason: 'analysis budget exceeded' };
    }
    const { value: run, reads } = tracked(() => measured(() => this.find(decl)));
    if (run.complete) this.cache.set(decl, { found: run.value, spent: run.spent, reads });
    return run.value;
  }

  private find(decl: ts.ClassLikeDeclaration): Instances {
    const label = decl.name?.text ?? 'this class';
    const files = this.reach(decl.getSourceFile().fileName);
    const classes = [decl];
    const parents = new Set<ts.ClassLikeDeclaration>();
    for (let i = 0; i < classes.length; i++) {
      for (const sub of this.subclassesOf(classes[i], files)) {
        parents.add(classes[i]);
        if (classes.includes(sub)) continue;
        if (classes.length >= MAX_CLASSES) return { reason: tooMany(label) };
        classes.push(sub);
      }
    }
    const list: Construction[] = [];
    for (const c of classes) {
      const made = this.constructionsOf(c, files);
      // A subclass constructed nowhere in the scanned files still says what its base class gets; a
      // class with subclasses of its own is met through them.
      if (!made.length && c !== decl && !parents.has(c) && !isAbstract(c)) list.push({ at: c.name ?? c, inst: this.ev.instanceOf(c) });
      list.push(...made);
      if (list.length > MAX_INSTANCES) return { reason: tooMany(label) };
    }
    list.sort((a, b) => compare(a.at, b.at));
    return { list };
  }

  /** The class's file and its importers, up to IMPORT_HOPS away, in a stable order. */
  private reach(file: string): string[] {
    const files = new Set<string>([file]);
    let frontier = [file];
    for (let depth = 0; depth < IMPORT_HOPS && frontier.length; depth++) {
      const next: string[] = [];
      for (const f of frontier) for (const imp of this.ev.index.importers(f)) if (!files.has(imp)) (files.add(imp), next.push(imp));
      frontier = next;
    }
    return [...files].sort();
  }

  /**
   * Files that may name the class: those whose text holds its name, and, for a default export (which
   * may be imported under any name), those importing its file directly. A named export keeps its name
   * in the importing text even when renamed (`import { X as Y }`), so other importers are not parsed.
   */
  private mayName(decl: ts.ClassLikeDeclaration, files: string[], word: string): ts.SourceFile[] {
    const own = decl.getSourceFile().fileName;
    const name = decl.name?.text;
    const direct = !name || isDefaultExport(decl) ? new Set(this.ev.index.importers(own)) : new Set<string>();
    // `new X(`, `extends X`, also through a namespace (`new sdk.X(`): a file that only names X in
    // an import or a type constructs nothing and is not parsed.
    const named = name ? new RegExp(`\\b${word}\\s+(?:[\\w$]+\\s*\\.\\s*)*${name.replace(/\$/g, '\\$')}(?![\\w$])`) : null;
    const out: ts.SourceFile[] = [];
    for (const f of files) {
      const text = this.ev.index.text(f);
      if (!text || !text.includes(word)) continue;
      if (!direct.has(f) && !(named && named.test(text)) && !(f === own && !name)) continue;
      const sf = this.ev.index.sourceFile(f);
      if (sf) out.push(sf);
    }
    return out;
  }

  private subclassesOf(decl: ts.ClassLikeDeclaration, files: string[]): ts.ClassLikeDeclaration[] {
    const out: ts.ClassLikeDeclaration[] = [];
    for (const sf of this.mayName(decl, files, 'extends')) {
      for (const c of this.factsOf(sf).derived) {
        const heritage = c.heritageClauses!.find((h) => h.token === tsf.SyntaxKind.ExtendsKeyword)!.types[0];
        if (classesIn(this.ev.eval(heritage.expression, EMPTY_ENV)).includes(decl)) out.push(c);
      }
    }
    return out;
  }

  private constructionsOf(decl: ts.ClassLikeDeclaration, files: string[]): Construction[] {
    const out: Construction[] = [];
    for (const sf of this.mayName(decl, files, 'new')) {
      for (const ne of this.factsOf(sf).news) {
        const callee = this.ev.eval(ne.expression, EMPTY_ENV);
        if (callee.k !== 'class' || callee.decl !== decl) continue;
        out.push({ at: ne, inst: { k: 'instance', decl, args: this.ev.args(ne.arguments ?? [], EMPTY_ENV), env: callee.env ?? EMPTY_ENV } });
      }
    }
    return out;
  }

  private factsOf(sf: ts.SourceFile): FileFacts {
    let f = this.facts.get(sf);
    if (f) return f;
    f = { news: [], derived: [] };
    const found = f;
    walkDescendants(sf, (n) => {
      if (tsf.isNewExpression(n)) found.news.push(n);
      else if (tsf.isClassLike(n) && n.heritageClauses?.some((h) => h.token === tsf.SyntaxKind.ExtendsKeyword)) found.derived.push(n);
    });
    this.facts.set(sf, f);
    return f;
  }
}

const tooMany = (label: string) => `${label} has more than ${MAX_INSTANCES} constructions and subclasses in the scanned files: not followed`;

function classesIn(v: Value): ts.ClassLikeDeclaration[] {
  if (v.k === 'class') return [v.decl];
  if (v.k === 'oneOf') return v.options.flatMap(classesIn);
  return [];
}

function isAbstract(c: ts.ClassLikeDeclaration): boolean {
  return (tsf.getModifiers(c) ?? []).some((m) => m.kind === tsf.SyntaxKind.AbstractKeyword);
}

function compare(a: ts.Node, b: ts.Node): number {
  const fa = a.getSourceFile().fileName;
  const fb = b.getSourceFile().fileName;
  return fa < fb ? -1 : fa > fb ? 1 : a.getStart() - b.getStart();
}

/** `export default class X {}`, or `export default X` / `export { X as default }` / `module.exports = X` in its file. */
function isDefaultExport(decl: ts.ClassLikeDeclaration): boolean {
  const mods = tsf.canHaveModifiers(decl) ? tsf.getModifiers(decl) ?? [] : [];
  if (mods.some((m) => m.kind === tsf.SyntaxKind.DefaultKeyword)) return true;
  const name = decl.name?.text;
  if (!name) return true;
  const text = decl.getSourceFile().text;
  const n = name.replace(/\$/g, '\\$');
  return new RegExp(`export\\s+default\\s+${n}(?![\\w$])|(?<![\\w$])${n}\\s+as\\s+default\\b|module\\.exports\\s*=\\s*${n}(?![\\w$])`).test(text);
}
