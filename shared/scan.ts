import { ts } from 'ts-morph';
import * as path from 'path';
import { tsf } from './tsf';

const SK = tsf.SyntaxKind;
import { discover, type DiscoverOptions } from './project/discover';
import { SourceIndex } from './project/sources';
import { CandidateSelector } from './project/prefilter';
import { Evaluator } from './resolve/evaluate';
import { InstanceFinder } from './resolve/instances';
import { toParts } from './resolve/text';
import { enclosingFunction, functionName } from './resolve/scope';
import { partsToPrompt, toResolved } from './resolve/resolved';
import { EMPTY_ENV, exactString, oneOf, type Arg, type Env, type FunctionLike, type SdkValue, type Value } from './resolve/values';
import { ADAPTERS, adaptersFor, CALL_NAMES } from './providers/registry';
import type { Detection, MatchContext, TagDraft } from './providers/types';
import type { Caller, CallSite, PromptPart, Resolved, ScanResult, ScanWarning, Tag } from './types';
import { VERSION } from './version';
import { budgeted, budgetWarning, measured, meterRestorer, replay, type Spent } from './resolve/budget';
import { redactDeep, redactSecrets, redactWarning } from './redact';
import { noteReads, readsRestorer, tracked } from './project/reads';
import { resetParser } from './project/parse';
import { TimeBudgetExceeded, withinTimeBudget } from './time-budget';
import { analysisBudgetMs, analysisTimedOut } from './analysis-budget';
import { walkTree } from './project/walk';
import { errorText, isStackOverflow } from './failures';
import { annotationFor } from './estimate/annotations';
import { defaultWorkerCount, PARALLEL_MIN_FILES, PREFILTER_CHUNK, scanOrder, startPool } from './parallel';

export interface ScanOptions extends DiscoverOptions {
  /** Worker threads for large scans: 0 disables them; default: automatic for 1,500+ files. */
  workers?: number;
  /** Called with progress messages on long scans (the CLI shows them on a TTY). */
  onProgress?: (done: number, total: number) => void;
  /**
   * Absolute paths: walk only these files for call sites (the rest of the tree is still read for
   * imports, constants and callers). `tollgate diff` re-analyses just the base files a change can reach.
   */
  only?: string[];
  /** Tests only: the workers take every queue item, so their path is exercised on any machine. */
  workersOnly?: boolean;
}

const MAX_CALLERS = 50;
const MAX_CALLER_DEPTH = 3;

interface CallerEnv {
  caller: ts.CallExpression;
  env: Env;
  fn: FunctionLike;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function calleeName(expr: ts.Expression): string | null {
  if (tsf.isIdentifier(expr)) return expr.text;
  if (tsf.isPropertyAccessExpression(expr)) return expr.name.text;
  if (tsf.isElementAccessExpression(expr) && tsf.isStringLiteralLike(expr.argumentExpression)) return expr.argumentExpression.text;
  if (tsf.isParenthesizedExpression(expr) || tsf.isNonNullExpression(expr) || tsf.isAsExpression(expr)) return calleeName(expr.expression);
  return null;
}

function sdkOptions(v: Value): SdkValue[] {
  if (v.k === 'sdk') return [v];
  if (v.k === 'oneOf') return v.options.filter((o): o is SdkValue => o.k === 'sdk');
  return [];
}

export class Scanner {
  readonly index: SourceIndex;
  // Not readonly: all of the analysis state below is made again after a file's analysis is stopped (see scanFile).
  private ev: Evaluator;
  private instances: InstanceFinder;
  private callerCache = new WeakMap<ts.Node, Array<{ node: ts.CallExpression; fnValue: Extract<Value, { k: 'fn' }> }>>();
  /** The files read to find each function's callers (for the editor session, see project/reads.ts). */
  private callerReads = new WeakMap<ts.Node, Set<string>>();
  private callerCost = new WeakMap<ts.Node, Spent>();
  /** Each wrapper's caller bindings, made once for all the call sites inside it (and charged to each, see budget.ts). */
  private callerEnvCache = new WeakMap<ts.Node, Map<number, { envs: CallerEnv[]; spent: Spent; reads: Set<string> | null }>>();
  /** Milliseconds one file's analysis may take (see analysis-budget.ts). */
  private readonly budgetMs: number;

  constructor(index: SourceIndex, options: { analysisBudgetMs?: number } = {}) {
    this.index = index;
    this.ev = new Evaluator(index);
    this.instances = new InstanceFinder(this.ev);
    this.budgetMs = options.analysisBudgetMs ?? analysisBudgetMs();
  }

  /**
   * Drops everything the analysis keeps between call sites. A stopped analysis skipped its `finally`
   * blocks: the evaluator's depth counters and in-progress sets, and caches filled half way, would
   * mislead the next file. Syntax trees, texts and the import graph stay: the index keeps only what
   * was complete.
   */
  private resetAnalysis(): void {
    this.ev = new Evaluator(this.index);
    this.instances = new InstanceFinder(this.ev);
    this.callerCache = new WeakMap();
    this.callerReads = new WeakMap();
    this.callerCost = new WeakMap();
    this.callerEnvCache = new WeakMap();
    this.mocked = new Set();
  }

  private annotationOf(call: ts.CallExpression, rel: string): CallSite['annotation'] {
    const a = annotationFor(call);
    if (!a) return null;
    for (const e of a.errors) this.index.warnings.push({ file: rel, line: a.line, message: `tollgate annotation: ${e}` });
    return { line: a.line, volumePerMonth: a.volumePerMonth ?? null, volume: a.volumeText ?? null, tokens: a.tokens, fanout: a.fanout ?? null };
  }

  /** Packages replaced by jest.mock / vi.mock in the file being scanned: their calls send nothing. */
  private mocked = new Set<string>();

  private detectAt(call: ts.CallExpression, env: Env): Detection | null {
    const callee = this.ev.eval(call.expression, env);
    const args = this.ev.args(call.arguments, env);
    const ctx: MatchContext = {
      ev: this.ev,
      call,
      env,
      args,
      arg: (i) => (args[i] && !args[i].spread ? this.ev.argValue(args[i]) : undefined),
    };
    for (const sdk of sdkOptions(callee)) {
      if (this.mocked.has(sdk.module)) continue;
      for (const adapter of adaptersFor(sdk.module)) {
        const d = adapter.match(sdk, ctx);
        if (d) return d;
      }
    }
    return null;
  }

  /** Calls of a project function anywhere it can be reached from: its own file and the files that import it. */
  private callersOf(fn: FunctionLike): Array<{ node: ts.CallExpression; fnValue: Extract<Value, { k: 'fn' }> }> {
    const hit = this.callerCache.get(fn);
    if (hit) {
      noteReads(this.callerReads.get(fn));
      replay(this.callerCost.get(fn));
      return hit;
    }
    const found: Array<{ node: ts.CallExpression; fnValue: Extract<Value, { k: 'fn' }> }> = [];
    this.callerCache.set(fn, found);
    const { value: run, reads } = tracked(() => measured(() => this.findCallers(fn, found)));
    // Cut short by the step budget: looked for again by the next call site that needs them.
    if (!run.complete) this.callerCache.delete(fn);
    else this.callerCost.set(fn, run.spent);
    if (reads) this.callerReads.set(fn, reads);
    return found;
  }

  private findCallers(fn: FunctionLike, found: Array<{ node: ts.CallExpression; fnValue: Extract<Value, { k: 'fn' }> }>): void {
    const name = callableName(fn);
    if (!name) return;
    const file = fn.getSourceFile().fileName;
    const files = new Set<string>([file]);
    let frontier = [file];
    for (let depth = 0; depth < 3 && frontier.length; depth++) {
      const next: string[] = [];
      for (const f of frontier) for (const imp of this.index.importers(f)) if (!files.has(imp)) (files.add(imp), next.push(imp));
      frontier = next;
    }
    // A method may be named by any string (`'(a+)+$'() {}`): the name is searched for as text, never as a pattern.
    const edge = (c: string) => (/\w/.test(c) ? '\\b' : '');
    const needle = new RegExp(`${edge(name[0])}${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}${edge(name[name.length - 1])}`);
    for (const f of [...files].sort()) {
      const text = this.index.text(f);
      if (!text || !needle.test(text)) continue;
      const sf = this.index.sourceFile(f);
      if (!sf) continue;
      walkTree(sf, (n) => {
        if (found.length >= MAX_CALLERS) return false;
        if (tsf.isCallExpression(n) && calleeName(n.expression) === name) {
          const v = this.ev.eval(n.expression, EMPTY_ENV);
          for (const o of v.k === 'oneOf' ? v.options : [v]) {
            if (o.k === 'fn' && o.decl === fn) {
              found.push({ node: n, fnValue: o });
              break;
            }
          }
        }
      });
    }
  }

  /** Bindings of fn's parameters at each of its callers, following pass-through wrappers a few levels up. */
  private callerEnvs(fn: FunctionLike, depth: number): CallerEnv[] {
    let byDepth = this.callerEnvCache.get(fn);
    const hit = byDepth?.get(depth);
    if (hit) {
      noteReads(hit.reads ?? undefined);
      return replay(hit.spent) ? hit.envs : [];
    }
    const { value: run, reads } = tracked(() => measured(() => this.findCallerEnvs(fn, depth)));
    if (run.complete) {
      if (!byDepth) this.callerEnvCache.set(fn, (byDepth = new Map()));
      byDepth.set(depth, { envs: run.value, spent: run.spent, reads });
    }
    return run.value;
  }

  private findCallerEnvs(fn: FunctionLike, depth: number): CallerEnv[] {
    const out: CallerEnv[] = [];
    for (const { node, fnValue } of this.callersOf(fn)) {
      const outer = enclosingFunction(node) as FunctionLike | null;
      this.ev.touched.clear();
      const bindings = this.ev.bindParameters(fn.parameters, this.ev.args(node.arguments, EMPTY_ENV), fnValue.env);
      const self = fnValue.self;
      if (depth < MAX_CALLER_DEPTH && outer && this.ev.touched.has(outer)) {
        const upper = this.callerEnvs(outer, depth + 1);
        if (upper.length) {
          for (const u of upper) {
            const b = this.ev.bindParameters(fn.parameters, this.ev.args(node.arguments, u.env), fnValue.env);
            out.push({ caller: node, env: { bindings: b, parent: fnValue.env, self }, fn });
          }
          continue;
        }
      }
      out.push({ caller: node, env: { bindings, parent: fnValue.env, self }, fn });
    }
    return out;
  }

  /** The nearest enclosing function whose parameters the last evaluation read. */
  private touchedWrapper(call: ts.Node): FunctionLike | null {
    for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
      if (this.ev.touched.has(fn as FunctionLike)) return fn as FunctionLike;
    }
    return null;
  }

  /**
   * Adds the file's call sites to `sites`. A file whose analysis fails outright (a recursion that ran
   * out of stack, a bug of ours, or longer than the time budget) is a warning and adds none; the scan
   * goes on. A call whose analysis fails is a warning at its line, and the file's other calls are still read.
   */
  scanFile(abs: string, sites: CallSite[]): void {
    const before = sites.length;
    const warningsBefore = this.index.warnings.length;
    const restoreMeter = meterRestorer();
    const restoreReads = readsRestorer();
    try {
      withinTimeBudget(this.budgetMs, () => this.scanFileSites(abs, sites));
    } catch (err) {
      sites.length = before;
      if (err instanceof TimeBudgetExceeded) {
        restoreMeter();
        restoreReads();
        resetParser();
        this.resetAnalysis();
        // What was said about this file's calls went with them; what other files' reads found (a
        // parse that failed, a link refused) is kept with their cached outcome and stays true.
        const rel = this.index.rel(abs);
        const kept = this.index.warnings.slice(warningsBefore).filter((w) => w.file !== rel);
        this.index.warnings.splice(warningsBefore, Infinity, ...kept, { file: rel, message: analysisTimedOut(err.budgetMs) });
        return;
      }
      const message = isStackOverflow(err) ? 'skipped: its analysis ran out of stack (recursion too deep)' : `internal error while reading this file, skipped: ${errorText(err)}`;
      this.index.warnings.push({ file: this.index.rel(abs), message });
    }
  }

  private scanFileSites(abs: string, sites: CallSite[]): void {
    const calls: ts.CallExpression[] = [];
    // Calls of a plain identifier that is not a known name may still be one, renamed on import
    // (`import { generateText as gen }`) or destructuring (`const { generateText: gen } = ai`).
    const maybeRenamed: ts.CallExpression[] = [];
    const renamed = new Set<string>();
    const sf = this.index.sourceFile(abs, (n) => {
      if (n.kind === SK.CallExpression) {
        const expr = (n as ts.CallExpression).expression;
        const name = calleeName(expr);
        if (name && CALL_NAMES.has(name)) calls.push(n as ts.CallExpression);
        else if (name && tsf.isIdentifier(expr)) maybeRenamed.push(n as ts.CallExpression);
      } else if ((n.kind === SK.ImportSpecifier || n.kind === SK.BindingElement) && (n as ts.ImportSpecifier).propertyName) {
        const el = n as ts.ImportSpecifier | ts.BindingElement;
        const original = el.propertyName && tsf.isIdentifier(el.propertyName) ? el.propertyName.text : null;
        if (original && CALL_NAMES.has(original) && tsf.isIdentifier(el.name)) renamed.add(el.name.text);
      }
    });
    if (renamed.size) {
      for (const c of maybeRenamed) if (renamed.has(calleeName(c.expression)!)) calls.push(c);
      calls.sort((a, b) => a.pos - b.pos);
    }
    if (!sf) return;
    const rel = this.index.rel(abs);
    this.mocked = sf.text.includes('mock(') || sf.text.includes('.module(') ? mockedModules(sf.text) : new Set();
    for (const n of calls) {
      try {
        const site = this.siteAt(n, rel);
        // The one place a call site's strings (and the keys that come from code) are redacted, before
        // ids are made from them: the scan, its workers and the editor session all come through here.
        if (site) sites.push(redactDeep(site));
      } catch (err) {
        const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
        const message = isStackOverflow(err) ? 'call skipped: its analysis ran out of stack (recursion too deep)' : `internal error while reading this call, skipped: ${errorText(err)}`;
        this.index.warnings.push({ file: rel, line: line + 1, message });
      }
    }
  }

  private siteAt(call: ts.CallExpression, rel: string): CallSite | null {
    const { value: site, hit } = budgeted(() => this.analyseSite(call, rel));
    if (hit) {
      const sf = call.getSourceFile();
      this.index.warnings.push({ file: rel, line: sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1, message: budgetWarning(hit) });
    }
    return site;
  }

  private analyseSite(call: ts.CallExpression, rel: string): CallSite | null {
    this.ev.touched.clear();
    this.ev.thisRead.clear();
    const own = this.detectAt(call, EMPTY_ENV);
    const wrapper = this.touchedWrapper(call);
    const thisClass = enclosingClassIn(call, this.ev.thisRead);
    const envs: CallerEnv[] = wrapper ? this.callerEnvs(wrapper, 1) : [];
    // Each caller's detection is made once; the first one also stands in when the client itself
    // is a parameter and nothing is detected without callers.
    const perCaller: PerCaller[] = [];
    for (const e of envs) {
      const d = this.detectAt(call, e.env);
      if (d) perCaller.push({ caller: e.caller, d, args: argumentsAt(e) });
    }
    const wrapperCallers = perCaller.length;
    // With no caller to say which object `this` is, each object the class's code may run on does.
    let objectsUnknown: string | null = null;
    if (!perCaller.length && thisClass) {
      const found = this.instances.of(thisClass);
      if ('reason' in found) objectsUnknown = found.reason;
      else if (!found.list.length) objectsUnknown = `no construction of ${thisClass.name?.text ?? 'the class'} found in the scanned files`;
      for (const c of 'list' in found ? found.list : []) {
        const d = this.detectAt(call, { bindings: new Map(), parent: null, self: c.inst });
        if (d) perCaller.push({ caller: c.at, d, args: {} });
      }
    }
    const base = own ?? perCaller[0]?.d ?? null;
    return base ? this.buildSite(call, rel, base, perCaller, wrapper && !wrapperCallers ? wrapper : null, objectsUnknown, perCaller.length > wrapperCallers) : null;
  }


  /**
   * `uncalled`: the wrapper the model hangs on when none of its callers was found; `objectsUnknown`:
   * why the objects a class's `this` may be were not followed, when they were not; `fromObjects`:
   * the per-caller values are those of the objects `this` may be.
   */
  private buildSite(call: ts.CallExpression, rel: string, base: Detection, perCaller: PerCaller[], uncalled: FunctionLike | null, objectsUnknown: string | null, fromObjects: boolean): CallSite {
    const sf = call.getSourceFile();
    const start = sf.getLineAndCharacterOfPosition(call.getStart(sf));
    const end = sf.getLineAndCharacterOfPosition(call.getEnd());
    const fnName = functionName(enclosingFunction(call));
    const union = (pick: (d: Detection) => Value | null | undefined): Value | null => {
      if (!perCaller.length) return pick(base) ?? null;
      const vals = perCaller.map((p) => pick(p.d)).filter((v): v is Value => !!v);
      return vals.length ? oneOf(vals) : pick(base) ?? null;
    };
    const modelValue = union((d) => d.model);
    let model: Resolved = base.modelReason && !modelValue ? { status: 'unknown', reason: base.modelReason } : toResolved(modelValue, 'no model given');
    // With no callers found, say so where the model hangs on the wrapper's parameters.
    const fromParam = (text: string) => text.includes('parameter `');
    // The objects' values stand without the wrapper's callers unless they still hang on its parameters.
    if (fromObjects && model.status !== 'unknown') uncalled = null;
    const why = [uncalled ? `no callers of ${functionName(uncalled) ?? 'the wrapper'}() found in the scanned files` : null, objectsUnknown].filter((x): x is string => !!x);
    for (const none of why) {
      if (model.status === 'unknown' && fromParam(model.reason)) model = { ...model, reason: `${model.reason}; ${none}` };
      else if (model.status !== 'unknown' && (model.notes ?? []).some(fromParam)) model = { ...model, notes: [...(model.notes ?? []), none].sort(byString) };
    }
    const maxOut = union((d) => d.maxOutput.value);
    const baseURL = union((d) => d.baseURL);
    const callers: Caller[] = perCaller.map(({ caller, d, args }) => {
      const csf = caller.getSourceFile();
      const pos = csf.getLineAndCharacterOfPosition(caller.getStart(csf));
      const values: Caller['values'] = { model: toResolved(d.model, 'no model given'), provider: { status: 'exact', value: d.provider } };
      if (d.maxOutput.value) values.maxOutputTokens = toResolved(d.maxOutput.value);
      return { file: this.index.rel(csf.fileName), line: pos.line + 1, column: pos.character + 1, function: functionName(enclosingFunction(caller)), values, arguments: args };
    });
    const seenCaller = new Set<string>();
    const uniqueCallers = callers
      .filter((c) => {
        const key = `${c.file}:${c.line}:${c.column}:${JSON.stringify(c.values)}`;
        if (seenCaller.has(key)) return false;
        seenCaller.add(key);
        return true;
      })
      .sort((a, b) => byString(a.file, b.file) || a.line - b.line || a.column - b.column);
    const baseModel = toResolved(base.model, 'no model given');
    const modelFromCallers = perCaller.length > 0 && (baseModel.status === 'unknown' ? fromParam(baseModel.reason) : (baseModel.notes ?? []).some(fromParam));
    const confidence: CallSite['confidence'] = model.status === 'unknown' ? 'low' : modelFromCallers || model.notes?.length || base.providerInferred ? 'medium' : 'high';
    // With callers known, their tags are the whole story; the wrapper alone sees only its parameters.
    const tags = convertTags(perCaller.length ? perCaller.flatMap((p) => p.d.tags) : base.tags, this.ev);
    // A wrapper whose client or model comes from its callers bills whoever all the callers agree on.
    const callerProviders = [...new Set(perCaller.map((p) => p.d.provider))];
    const provider = callerProviders.length === 1 ? callerProviders[0] : base.provider;
    const callerGateways = [...new Set(perCaller.map((p) => p.d.gateway ?? null))];
    const gateway = callerProviders.length === 1 && callerGateways.length === 1 ? callerGateways[0] : base.gateway ?? null;
    return {
      id: '',
      file: rel,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      function: fnName,
      provider,
      sdk: base.sdk,
      gateway,
      baseURL: baseURL ? toResolved(baseURL) : null,
      api: base.api,
      kind: base.kind,
      model,
      prompt: promptParts(base),
      options: {
        maxOutputTokens: maxOut ? toResolved(maxOut) : null,
        maxOutputOption: base.maxOutput.option,
        streaming: base.streaming,
        tools: base.tools ?? null,
        maxSteps: base.maxSteps ? toResolved(base.maxSteps) : null,
        reasoning: base.reasoning ? toResolved(base.reasoning) : null,
        cacheControl: !!base.cacheControl,
        batch: !!base.batch,
        serviceTier: base.serviceTier ? toResolved(base.serviceTier) : null,
      },
      tags,
      callers: uniqueCallers,
      fanOut: detectFanOut(call),
      annotation: this.annotationOf(call, rel),
      confidence,
    };
  }
}

/** The nearest class around the call whose `this` the analysis read (see Evaluator.thisRead). */
function enclosingClassIn(call: ts.Node, read: Set<ts.ClassLikeDeclaration>): ts.ClassLikeDeclaration | null {
  if (!read.size) return null;
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) if (tsf.isClassLike(n) && read.has(n)) return n;
  return null;
}

function mockedModules(text: string): Set<string> {
  const out = new Set<string>();
  const re = /\b(?:jest|vi|mock)\.(?:mock|doMock|module)\(\s*['"]([^'"]+)['"]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.add(m[1].replace(/^node:/, ''));
  return out;
}

/** A loop, `.map(...)`-like callback or `Promise.all(...)` around the call, within its own function. */
function detectFanOut(call: ts.CallExpression): CallSite['fanOut'] {
  const sf = call.getSourceFile();
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  for (let n: ts.Node = call; n.parent && !tsf.isSourceFile(n.parent); n = n.parent) {
    const p = n.parent;
    if ((tsf.isForStatement(p) || tsf.isForOfStatement(p) || tsf.isForInStatement(p) || tsf.isWhileStatement(p) || tsf.isDoStatement(p)) && n !== (p as ts.ForStatement).initializer) {
      return { kind: 'loop', line: lineOf(p) };
    }
    if (tsf.isCallExpression(p) && p.arguments.includes(n as ts.Expression)) {
      const callee = p.expression;
      if (tsf.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        if (['all', 'allSettled', 'any', 'race'].includes(name) && tsf.isIdentifier(callee.expression) && callee.expression.text === 'Promise') return { kind: 'promise-all', line: lineOf(p) };
        if (['map', 'forEach', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find'].includes(name) && tsf.isFunctionLike(n)) return { kind: 'map', line: lineOf(p) };
      }
    }
    // A named function's own callers decide how often it runs; stop at its boundary.
    if (tsf.isFunctionLike(n) && !(tsf.isArrowFunction(n) || tsf.isFunctionExpression(n))) return null;
    if ((tsf.isArrowFunction(n) || tsf.isFunctionExpression(n)) && !(tsf.isCallExpression(p) && p.arguments.includes(n))) return null;
  }
  return null;
}

function callableName(fn: FunctionLike): string | null {
  if ((tsf.isFunctionDeclaration(fn) || tsf.isMethodDeclaration(fn) || tsf.isGetAccessorDeclaration(fn)) && fn.name && (tsf.isIdentifier(fn.name) || tsf.isStringLiteral(fn.name))) return fn.name.text;
  const p = fn.parent;
  if (p && tsf.isVariableDeclaration(p) && tsf.isIdentifier(p.name)) return p.name.text;
  if (p && (tsf.isPropertyAssignment(p) || tsf.isPropertyDeclaration(p)) && tsf.isIdentifier(p.name)) return p.name.text;
  if (tsf.isFunctionExpression(fn) && fn.name) return fn.name.text;
  return null;
}

function promptParts(d: Detection): PromptPart[] {
  const out: PromptPart[] = [];
  for (const src of d.prompt) {
    const v = src.value;
    const items = v.k === 'arr' ? v.items : [v];
    for (const item of items) {
      const origin = item.k === 'str' ? item.origin : undefined;
      out.push(...partsToPrompt(toParts(item, null, item.k === 'unknown' ? item.expr ?? 'input' : 'input'), src.role, origin));
    }
  }
  return out;
}

function redactResolved(r: Resolved): Resolved {
  if (r.status === 'exact') return { ...r, value: redactSecrets(r.value) };
  if (r.status === 'oneOf') return { ...r, values: r.values.map(redactSecrets) };
  return r;
}

interface PerCaller {
  /** A call of the wrapper, or where an object of the class comes from (`new X()`, a subclass). */
  caller: ts.Node;
  d: Detection;
  args: Record<string, Resolved>;
}

/** The wrapper's parameters as one caller fills them; objects and functions are summarised, not dumped. */
function argumentsAt(e: CallerEnv): Record<string, Resolved> {
  const out: Record<string, Resolved> = {};
  for (const p of e.fn.parameters) {
    const name = tsf.isIdentifier(p.name) ? p.name.text : p.name.getText().replace(/\s+/g, ' ');
    const v = e.env.bindings.get(p);
    if (!v) continue;
    if (v.k === 'obj' || v.k === 'arr' || v.k === 'fn' || v.k === 'sdk' || v.k === 'instance') {
      out[name] = { status: 'unknown', reason: `a${v.k === 'arr' || v.k === 'obj' || v.k === 'instance' ? 'n' : ''} ${v.k === 'obj' ? 'object' : v.k === 'arr' ? 'array' : v.k === 'sdk' ? 'SDK value' : v.k === 'fn' ? 'function' : 'instance'}` };
    } else {
      // Redacted before it is cut: a key cut in half no longer matches its pattern.
      const r = redactResolved(toResolved(v));
      out[name] = r.status === 'exact' && r.value.length > 200 ? { ...r, value: r.value.slice(0, 197) + '...' } : r;
    }
  }
  return out;
}

function convertTags(drafts: TagDraft[], _ev: Evaluator): Tag[] {
  const out = new Map<string, Tag>();
  for (const d of drafts) {
    const s = exactString(d.value);
    let value: string | null = s;
    let dynamic = s === null;
    if (s === null && d.value.k === 'oneOf') {
      const all = d.value.options.map(exactString);
      if (all.every((x) => x !== null)) {
        value = [...new Set(all as string[])].sort(byString).join(' | ');
        dynamic = false;
      }
    }
    // Redacted before tags are told apart: two secrets are one `[REDACTED]` tag, not two that look the same.
    const tag: Tag = { key: d.key, value: value === null ? null : redactSecrets(value), dynamic, mechanism: d.mechanism, reachesBill: d.reachesBill };
    out.set(`${tag.key}\0${tag.mechanism}\0${tag.value}`, tag);
  }
  return [...out.values()].sort((a, b) => byString(a.key, b.key) || byString(a.mechanism, b.mechanism) || byString(String(a.value), String(b.value)));
}

export function assignIds(sites: CallSite[]): void {
  const counts = new Map<string, number>();
  for (const s of sites) {
    const base = `${s.file}#${s.function ?? '<top>'}#${s.api}`;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    s.id = `${base}#${n}`;
  }
}

/**
 * Each warning once (several threads or passes may report the same one), sorted by file, line, message.
 * Warnings quote file names and code: they are redacted here, where the scan and the editor session collect them.
 */
export function distinctWarnings(warnings: ScanWarning[]): ScanWarning[] {
  const seen = new Set<string>();
  return warnings
    .map(redactWarning)
    .filter((w) => {
      const key = `${w.file}\0${w.line ?? 0}\0${w.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => byString(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || byString(a.message, b.message));
}

export function scan(dir: string, options: ScanOptions = {}): ScanResult {
  const discovery = discover(dir, options);
  const index = new SourceIndex(discovery.root, discovery.files);
  const wantWorkers = options.workers ?? (discovery.files.length >= PARALLEL_MIN_FILES ? defaultWorkerCount() : 0);
  const pool = wantWorkers > 0 ? startPool(wantWorkers, discovery.root, discovery.files, options.workersOnly) : null;
  const only = options.only ? new Set(options.only.map((f) => path.resolve(f))) : null;
  const selector = new CandidateSelector(index, ADAPTERS);
  const warnings: ScanWarning[] = [...discovery.warnings];
  const sizes = new Map<string, number>();
  if (pool) {
    // The prefilter's reading is shared: this thread takes chunks while the workers load and join.
    for (let c = pool.takeChunk(); c >= 0; c = pool.takeChunk()) {
      for (const f of discovery.files.slice(c * PREFILTER_CHUNK, (c + 1) * PREFILTER_CHUNK)) selector.classify(f.abs);
    }
    for (const report of pool.collectPrefilter()) {
      for (const f of report.facts) {
        index.adoptSpecifiers(f.abs, f.specifiers);
        selector.adopt(f.abs, f.kind, f.names);
        sizes.set(f.abs, f.size);
      }
      warnings.push(...report.warnings);
    }
  }
  const candidates = selector.select().filter((f) => !only || only.has(f));
  const scanner = new Scanner(index);
  const sites: CallSite[] = [];
  const parsed = new Set<string>();
  const scanOne = (abs: string) => {
    scanner.scanFile(abs, sites);
    // A file nothing imports is not needed again: let its syntax tree go.
    if (!index.importers(abs).length) index.release(abs);
  };
  if (pool && candidates.length) {
    const order = scanOrder(candidates, (f) => sizes.get(f) ?? index.text(f)?.length ?? 0);
    pool.startScan({ order, importers: index.importerGraph() });
    let done = 0;
    for (let i = pool.takeFile(); i >= 0; i = pool.takeFile()) {
      scanOne(order[i]);
      done++;
      options.onProgress?.(done, order.length);
    }
    for (const report of pool.collectScan()) {
      sites.push(...report.sites);
      warnings.push(...report.warnings);
      for (const f of report.parsed) parsed.add(f);
      for (const i of report.unfinished) scanOne(order[i]);
    }
  } else {
    pool?.dismiss();
    candidates.forEach((abs, i) => {
      scanOne(abs);
      options.onProgress?.(i + 1, candidates.length);
    });
  }
  for (const f of index.parsedFileList()) parsed.add(f);
  warnings.push(...index.warnings);
  sites.sort((a, b) => byString(a.file, b.file) || a.line - b.line || a.column - b.column);
  // The same call found twice (through two callee options) is one call site.
  const unique = sites.filter((s, i) => i === 0 || !(s.file === sites[i - 1].file && s.line === sites[i - 1].line && s.column === sites[i - 1].column));
  assignIds(unique);
  // Threads that parsed the same file report its warning once.
  const uniqueWarnings = distinctWarnings(warnings);
  return {
    tool: { name: 'tollgate', version: VERSION },
    callSites: unique,
    warnings: uniqueWarnings,
    stats: { filesSeen: discovery.files.length, filesCandidate: candidates.length, filesParsed: parsed.size, callSites: unique.length },
  };
}

export type { Arg };
