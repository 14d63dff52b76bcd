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
import { enclosingFunction, findDeclaration, functionName } from './resolve/scope';
import { partsToPrompt, toResolved } from './resolve/resolved';
import { EMPTY_ENV, exactString, oneOf, options, type Arg, type Env, type FunctionLike, type SdkValue, type Value } from './resolve/values';
import { ADAPTERS, adaptersFor, CALL_NAMES, CALLABLE_RESULTS, readsByName } from './providers/registry';
import type { Detection, MatchContext, TagDraft } from './providers/types';
import type { Caller, CallSite, PromptPart, Resolved, ScanResult, ScanWarning, Tag, UnreadCall } from './types';
import { INFERENCE_VERBS, looksLikeInference } from './providers/unread-calls';
import { coverageOf } from './coverage';
import { packageName } from './project/imports';
import { VERSION } from './version';
import { budgeted, budgetWarning, measured, meterRestorer, replay, type Spent } from './resolve/budget';
import { redactDeep, redactSecrets, redactWarning } from './redact';
import { noteReads, readsRestorer, tracked } from './project/reads';
import { resetParser } from './project/parse';
import { TimeBudgetExceeded, withinTimeBudget } from './time-budget';
import { analysisBudgetMs, analysisTimedOut } from './analysis-budget';
import { walkTree } from './project/walk';
import { mockedModules } from './project/mocks';
import { dropsResponse, fetchByShape, forwardingCalls, localFunction, targetFromParameters } from './resolve/forwarding';
import { shapedFetchDetection } from './providers/http';
import { billedOptions } from './providers/billed-options';
import { errorText, isStackOverflow } from './failures';
import { annotationFor } from './estimate/annotations';
import { defaultWorkerCount, PARALLEL_MIN_FILES, PREFILTER_CHUNK, scanOrder, startPool } from './parallel';
import { Declarations } from './providers/declared';
import { withDeclaredHosts } from './providers/hosts';
import type { DetectConfig } from './config/detect-config';
import type { ProviderAdapter } from './providers/types';

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
  /** tollgate.yml's `detect:` declarations (plain JSON, handed to the workers as it is). */
  detect?: DetectConfig;
}

/** The adapters a scan uses: the built-in ones, then those made from the config's declarations. */
export function scanAdapters(declared: Declarations): ProviderAdapter[] {
  return [...ADAPTERS, ...(declared.adapter ? [declared.adapter] : []), ...(declared.hostsAdapter ? [declared.hostsAdapter] : [])];
}

/** The prefilter's view of the declared files of the tree (null when no path is declared). */
export function declaredFiles(declared: Declarations): ((rel: string) => string[] | null) | null {
  return declared.empty ? null : (rel) => declared.namesOfFile(rel);
}

const MAX_CALLERS = 50;
const MAX_CALLER_DEPTH = 3;
/** Fetch-like wrappers read through, one inside the other (`fetchJson` → `fetchWithRetry` → `fetch`). */
const MAX_FORWARD_DEPTH = 3;

/** The adapter whose requests fetch-like wrappers forward (see resolve/forwarding.ts). */
const HTTP_ADAPTER = 'http';
/**
 * The names HTTP requests are sent by, as wrappers forward them: `stream`, `raw` and `native` are
 * left out (they only qualify a client, and `stream` is called on every framework's objects).
 */
const HTTP_CALL_NAMES: ReadonlySet<string> = new Set((ADAPTERS.find((a) => a.id === HTTP_ADAPTER)?.callNames ?? []).filter((n) => !['stream', 'raw', 'native'].includes(n)));
const isHttpCallName = (name: string) => HTTP_CALL_NAMES.has(name);
/** A module that can hold a fetch-like wrapper: it makes an HTTP-style call, or passes on another module's exports. */
const MAY_FORWARD = /\b(?:fetch|fetchEventSource|fetcher|fetchFn|fetchImpl|customFetch|\$fetch|ofetch|axios|got|ky|superagent|request|post|stream)\s*(?:<[^()]*>\s*)?\(|[a-z]Fetch\s*\(|\.(?:fetch|post|request|stream|raw)\s*\(|\bexport\s*\*|\bexport\s*\{[^}]*\}\s*from|module\.exports/;

/** Method names that say a request is sent. */
const SENDING_NAME = /fetch|request|post|send|call|http/i;
/** Methods of strings, arrays, maps, promises and consoles: never a fetch-like wrapper, however their arguments read. */
const BUILTIN_METHODS = new Set(
  'join split includes startsWith endsWith replace replaceAll match matchAll test exec push unshift concat slice splice indexOf lastIndexOf map filter forEach find findIndex some every reduce sort set get has add delete log warn error info debug trace then catch finally emit on once off write end append parse stringify assign keys values entries from resolve reject all allSettled race any toString trim padStart padEnd localeCompare encode decode format normalize search at'.split(' '),
);

interface Found {
  d: Detection;
  adapter: string;
}

interface CallerEnv {
  caller: ts.CallExpression;
  /** The outermost call the bindings came from, through wrappers of wrappers (the caller itself when direct). */
  origin: ts.CallExpression;
  env: Env;
  fn: FunctionLike;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function calleeName(expr: ts.Expression): string | null {
  if (tsf.isIdentifier(expr)) return expr.text;
  if (tsf.isPropertyAccessExpression(expr)) return expr.name.text;
  if (tsf.isElementAccessExpression(expr) && tsf.isStringLiteralLike(expr.argumentExpression)) return expr.argumentExpression.text;
  if (tsf.isParenthesizedExpression(expr) || tsf.isNonNullExpression(expr) || tsf.isAsExpression(expr)) return calleeName(expr.expression);
  // `(options.fetch ?? globalThis.fetch)(...)`: the fallback names what is called.
  if (tsf.isBinaryExpression(expr) && (expr.operatorToken.kind === SK.QuestionQuestionToken || expr.operatorToken.kind === SK.BarBarToken)) return calleeName(expr.right);
  return null;
}

/** Option names that make an object literal read as a request's options or body. */
const REQUEST_KEYS = new Set(['method', 'body', 'json', 'data', 'headers', 'url', 'path', 'hostname', 'baseURL', 'baseUrl', 'prefixUrl', 'model', 'messages', 'prompt', 'input', 'contents']);
/** Names of values that read as a request target. */
const TARGET_NAME = /url|uri|endpoint|path|host|base|route|api/i;

/** Whether an argument reads as a request's target or options: a URL-like text, a target's name, an options object. */
function requestLike(arg: ts.Expression, depth = 0): boolean {
  let a = arg;
  while (tsf.isParenthesizedExpression(a) || tsf.isAsExpression(a) || tsf.isNonNullExpression(a)) a = a.expression;
  if (tsf.isStringLiteralLike(a)) return /[/.:]/.test(a.text);
  if (tsf.isTemplateExpression(a)) return /[/.:]/.test(a.head.text + a.templateSpans.map((t) => t.literal.text).join(''));
  if (tsf.isBinaryExpression(a)) return depth < 4 && a.operatorToken.kind === SK.PlusToken && (requestLike(a.left, depth + 1) || requestLike(a.right, depth + 1));
  if (tsf.isIdentifier(a)) return TARGET_NAME.test(a.text);
  if (tsf.isPropertyAccessExpression(a)) return TARGET_NAME.test(a.name.text);
  if (tsf.isNewExpression(a)) return tsf.isIdentifier(a.expression) && a.expression.text === 'URL';
  if (tsf.isObjectLiteralExpression(a)) return a.properties.some((p) => !!p.name && (tsf.isIdentifier(p.name) || tsf.isStringLiteral(p.name)) && REQUEST_KEYS.has(p.name.text));
  return false;
}

/**
 * A call that may be of a fetch-like wrapper (`fetchWithRetry(url, init)`, `customFetch(opts)(url)`,
 * `this.fetchFn(url)`): named by nothing an adapter knows, with arguments that read as a request
 * (a URL, a path, a host, request options). A cheap syntactic test: most calls of a file are not
 * evaluated at all.
 */
function maybeWrapperCall(call: ts.CallExpression): boolean {
  const c = call.expression;
  if (!(tsf.isIdentifier(c) || tsf.isPropertyAccessExpression(c) || tsf.isCallExpression(c) || tsf.isParenthesizedExpression(c) || tsf.isElementAccessExpression(c))) return false;
  // A method of another object is a wrapper only when its name says it sends something (`api.fetchJson`, `client.sendRequest`).
  if (tsf.isPropertyAccessExpression(c) && c.expression.kind !== SK.ThisKeyword && (BUILTIN_METHODS.has(c.name.text) || !SENDING_NAME.test(c.name.text))) return false;
  const args = call.arguments;
  for (let i = 0; i < args.length && i < 3; i++) if (requestLike(args[i])) return true;
  return false;
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
  private readonly declared: Declarations | null;
  private readonly callNames: ReadonlySet<string>;

  constructor(index: SourceIndex, options: { analysisBudgetMs?: number; declared?: Declarations } = {}) {
    this.index = index;
    this.declared = options.declared && !options.declared.empty ? options.declared : null;
    this.ev = new Evaluator(index, this.declared);
    this.instances = new InstanceFinder(this.ev);
    this.budgetMs = options.analysisBudgetMs ?? analysisBudgetMs();
    this.callNames = this.declared?.callNames.size ? new Set([...CALL_NAMES, ...this.declared.callNames]) : CALL_NAMES;
  }

  /**
   * Drops everything the analysis keeps between call sites. A stopped analysis skipped its `finally`
   * blocks: the evaluator's depth counters and in-progress sets, and caches filled half way, would
   * mislead the next file. Syntax trees, texts and the import graph stay: the index keeps only what
   * was complete.
   */
  private resetAnalysis(): void {
    this.ev = new Evaluator(this.index, this.declared);
    this.instances = new InstanceFinder(this.ev);
    this.callerCache = new WeakMap();
    this.callerReads = new WeakMap();
    this.callerCost = new WeakMap();
    this.callerEnvCache = new WeakMap();
    this.mocked = new Set();
    this.ownCache = new WeakMap();
  }

  private annotationOf(call: ts.CallExpression, rel: string): CallSite['annotation'] {
    const a = annotationFor(call);
    if (!a) return null;
    for (const e of a.errors) this.index.warnings.push({ file: rel, line: a.line, message: `tollgate annotation: ${e}` });
    return { line: a.line, volumePerMonth: a.volumePerMonth ?? null, volume: a.volumeText ?? null, tokens: a.tokens, fanout: a.fanout ?? null };
  }

  /** The volume annotation above a wrapper's caller: it sets that caller's share of the call site, not the whole. */
  private callerVolume(call: ts.CallExpression): Caller['volume'] | null {
    const a = annotationFor(call);
    if (!a) return null;
    const rel = this.index.rel(call.getSourceFile().fileName);
    for (const e of a.errors) this.index.warnings.push({ file: rel, line: a.line, message: `tollgate annotation: ${e}` });
    return a.volumePerMonth != null ? { file: rel, line: a.line, perMonth: a.volumePerMonth, text: a.volumeText ?? '' } : null;
  }

  /** Packages replaced by jest.mock / vi.mock in the file being scanned: their calls send nothing. */
  private mocked = new Set<string>();

  /**
   * Inference-looking calls of SDKs the adapters read that no adapter recognised, in the files
   * scanned that yield no call site (see coverage.ts): the scan, its workers and the editor
   * session take them from here.
   */
  readonly unreadCalls: UnreadCall[] = [];
  /** The callee of the call last analysed without callers: a call no adapter matched is looked at again for coverage. */
  private ownCallee: Value | null = null;
  /** Calls found by the fetch-like wrapper test only (see maybeWrapperCall): read by the HTTP adapter alone. */
  private wrapperCalls = new WeakSet<ts.CallExpression>();
  /** Whether a call is a request of its own, with no caller's help (cached: fetch-like wrappers ask it of their inner calls). */
  private ownCache = new WeakMap<ts.CallExpression, boolean>();

  private detectAt(call: ts.CallExpression, env: Env): Detection | null {
    return this.detectWith(call, env, this.wrapperCalls.has(call), 0)?.d ?? null;
  }

  private detectWith(call: ts.CallExpression, env: Env, httpOnly: boolean, depth: number): Found | null {
    const callee = this.ev.eval(call.expression, env);
    if (env === EMPTY_ENV) this.ownCallee = callee;
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
      for (const adapter of this.declared?.adaptersFor(sdk.module) ?? adaptersFor(sdk.module)) {
        if (httpOnly && adapter.id !== HTTP_ADAPTER) continue;
        const d = adapter.match(sdk, ctx);
        if (d) return { d, adapter: adapter.id };
      }
    }
    // Read through a project function only where a fetch-like wrapper can be: a call the wrapper
    // test picked, a call named as HTTP clients are (`this.fetch(...)`), or one inside a wrapper.
    const name = calleeName(call.expression);
    // A fetch known by its shape only, holding no client any adapter knows: read as fetch. A fork of
    // fetch itself (`patchedFetch`) is not read through: its code builds requests from any URL.
    const shaped = !sdkOptions(callee).some((o) => !this.mocked.has(o.module)) && fetchByShape(call.expression);
    if (!shaped && depth < MAX_FORWARD_DEPTH && (httpOnly || depth > 0 || (name !== null && HTTP_CALL_NAMES.has(name)))) {
      for (const fn of options(callee)) {
        if (fn.k !== 'fn') continue;
        const found = this.throughWrapper(fn, args, depth);
        if (found) return found;
      }
    }
    if (shaped) {
      const d = shapedFetchDetection(ctx);
      if (d) return { d, adapter: HTTP_ADAPTER };
    }
    return null;
  }

  /**
   * A call of a fetch-like wrapper: the request the wrapper makes with this call's arguments bound to
   * its parameters. Only requests that are none without a caller's arguments count (a wrapper that
   * fixes its endpoint is a call site of its own, with callers).
   */
  private throughWrapper(fn: Extract<Value, { k: 'fn' }>, args: Arg[], depth: number): Found | null {
    const inner = forwardingCalls(fn.decl, isHttpCallName);
    if (!inner.length) return null;
    const env: Env = { bindings: this.ev.bindParameters(fn.decl.parameters, args, fn.env), parent: fn.env, self: fn.self };
    for (const c of inner) {
      if (!this.needsCaller(c)) continue;
      const found = this.detectWith(c, env, true, depth + 1);
      if (found && found.adapter === HTTP_ADAPTER) return found;
    }
    return null;
  }

  /** Per project file: whether its text (kept to notice an edit) can hold a fetch-like wrapper (see MAY_FORWARD). */
  private mayForward = new Map<string, { text: string; hit: boolean }>();

  /**
   * Whether a name imported from a project file can be a fetch-like wrapper, by that file's text:
   * a module that makes no request is not parsed just to find out. Names from packages and
   * anything else are decided by evaluating them.
   */
  private importMayForward(id: ts.Identifier): boolean {
    let n: ts.Node | null | undefined = findDeclaration(id);
    while (n && !tsf.isImportDeclaration(n) && !tsf.isSourceFile(n)) n = n.parent;
    if (!n || !tsf.isImportDeclaration(n) || !tsf.isStringLiteral(n.moduleSpecifier)) return true;
    const target = this.index.resolveModule(id.getSourceFile().fileName, n.moduleSpecifier.text);
    if (!target) return true;
    const text = this.index.text(target) ?? '';
    const known = this.mayForward.get(target);
    if (known && known.text === text) return known.hit;
    const hit = MAY_FORWARD.test(text);
    this.mayForward.set(target, { text, hit });
    return hit;
  }

  private needsCaller(call: ts.CallExpression): boolean {
    let hit = this.ownCache.get(call);
    if (hit === undefined) {
      // Asked on the side: what this reads must not count as read by the call being analysed.
      const touched = new Set(this.ev.touched);
      hit = this.detectWith(call, EMPTY_ENV, true, 0) === null;
      this.ev.touched = touched;
      this.ownCache.set(call, hit);
    }
    return hit;
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
            out.push({ caller: node, origin: u.origin, env: { bindings: b, parent: fnValue.env, self }, fn });
          }
          continue;
        }
      }
      out.push({ caller: node, origin: node, env: { bindings, parent: fnValue.env, self }, fn });
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
    const unreadBefore = this.unreadCalls.length;
    const restoreMeter = meterRestorer();
    const restoreReads = readsRestorer();
    try {
      const work = () => withinTimeBudget(this.budgetMs, () => this.scanFileSites(abs, sites));
      if (this.declared?.hosts.length) withDeclaredHosts(this.declared.hosts, work);
      else work();
    } catch (err) {
      sites.length = before;
      this.unreadCalls.length = unreadBefore;
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
    // Inference-looking member calls no adapter names: looked at only when the file yields no call site.
    const probes: ts.CallExpression[] = [];
    const wrappers: ts.CallExpression[] = [];
    const renamed = new Set<string>();
    const names = this.callNames;
    // A declared fetch-like function that the file calls by a name of its own: every plain call may be one.
    const anyName = !!this.declared && this.declared.callsByAnyName(this.index.specifiersOf(abs), (spec) => {
      const target = this.index.resolveModule(abs, spec);
      return target ? this.index.rel(target) : null;
    });
    const sf = this.index.sourceFile(abs, (n) => {
      if (n.kind === SK.CallExpression) {
        const expr = (n as ts.CallExpression).expression;
        const name = calleeName(expr);
        if (name && names.has(name)) calls.push(n as ts.CallExpression);
        else {
          if (name && tsf.isIdentifier(expr)) maybeRenamed.push(n as ts.CallExpression);
          else if (anyName && tsf.isCallExpression(expr)) calls.push(n as ts.CallExpression);
          else if (name && INFERENCE_VERBS.has(name)) probes.push(n as ts.CallExpression);
          if (maybeWrapperCall(n as ts.CallExpression)) wrappers.push(n as ts.CallExpression);
        }
      } else if (n.kind === SK.VariableDeclaration && CALLABLE_RESULTS.size) {
        // `const summarize = ai.definePrompt(...)`: `summarize(input)` sends the request.
        const decl = n as ts.VariableDeclaration;
        let init = decl.initializer;
        while (init && (tsf.isAwaitExpression(init) || tsf.isParenthesizedExpression(init))) init = init.expression;
        const made = init && tsf.isCallExpression(init) ? calleeName(init.expression) : null;
        if (made && CALLABLE_RESULTS.has(made) && tsf.isIdentifier(decl.name)) renamed.add(decl.name.text);
      } else if ((n.kind === SK.ImportSpecifier || n.kind === SK.BindingElement) && (n as ts.ImportSpecifier).propertyName) {
        const el = n as ts.ImportSpecifier | ts.BindingElement;
        const original = el.propertyName && tsf.isIdentifier(el.propertyName) ? el.propertyName.text : null;
        if (original && names.has(original) && tsf.isIdentifier(el.name)) renamed.add(el.name.text);
      }
    });
    const named = new Set<ts.CallExpression>(calls);
    const found = calls.length;
    if (renamed.size || (anyName && maybeRenamed.length)) {
      for (const c of maybeRenamed) if (anyName || renamed.has(calleeName(c.expression)!)) (calls.push(c), named.add(c));
    }
    for (const c of wrappers) {
      if (named.has(c)) continue;
      this.wrapperCalls.add(c);
      calls.push(c);
    }
    if (calls.length > found) calls.sort((a, b) => a.pos - b.pos);
    if (!sf) return;
    const rel = this.index.rel(abs);
    // The body of a declared fetch-like function is not a call site: each of its calls is one.
    const declaredBodies = this.declared ? declaredFunctionBodies(sf, this.declared.fetchLikeIn(rel)) : [];
    if (declaredBodies.length) {
      const inside = (c: ts.CallExpression) => declaredBodies.some(([from, to]) => c.pos >= from && c.end <= to);
      for (let i = calls.length - 1; i >= 0; i--) if (inside(calls[i])) calls.splice(i, 1);
    }
    this.mocked = sf.text.includes('mock(') || sf.text.includes('.module(') ? mockedModules(sf.text) : new Set();
    const before = sites.length;
    const unmatched: Array<{ call: ts.CallExpression; callee: Value }> = [];
    for (const n of calls) {
      try {
        this.ownCallee = null;
        const site = this.siteAt(n, rel);
        // The one place a call site's strings (and the keys that come from code) are redacted, before
        // ids are made from them: the scan, its workers and the editor session all come through here.
        if (site) sites.push(redactDeep(site));
        else if (this.ownCallee && INFERENCE_VERBS.has(calleeName(n.expression)!)) unmatched.push({ call: n, callee: this.ownCallee });
      } catch (err) {
        const { line } = sf.getLineAndCharacterOfPosition(n.getStart(sf));
        const message = isStackOverflow(err) ? 'call skipped: its analysis ran out of stack (recursion too deep)' : `internal error while reading this call, skipped: ${errorText(err)}`;
        this.index.warnings.push({ file: rel, line: line + 1, message });
      }
    }
    if (sites.length === before && (unmatched.length || probes.length)) this.noteUnreadCalls(rel, unmatched, probes);
  }

  /** The calls of a file without call sites that go to an SDK an adapter reads and look like inference. */
  private noteUnreadCalls(rel: string, unmatched: Array<{ call: ts.CallExpression; callee: Value }>, probes: ts.CallExpression[]): void {
    const looked = [...unmatched];
    for (const call of probes) {
      try {
        const { value } = budgeted(() => this.ev.eval(call.expression, EMPTY_ENV));
        looked.push({ call, callee: value });
      } catch {
        // A callee that cannot be evaluated is no evidence either way.
      }
    }
    looked.sort((a, b) => a.call.pos - b.call.pos);
    for (const { call, callee } of looked) {
      const sdk = sdkOptions(callee).find((o) => !this.mocked.has(o.module) && readsAsSdk(o.module) && looksLikeInference(o));
      if (!sdk) continue;
      const sf = call.getSourceFile();
      const line = sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1;
      this.unreadCalls.push({ file: rel, line, sdk: packageName(sdk.module), call: redactSecrets(chainText(call.expression)) });
    }
  }

  private siteAt(call: ts.CallExpression, rel: string): CallSite | null {
    const { value: site, hit } = budgeted(() => this.analyseSite(call, rel));
    // A call looked at only in case it is a fetch-like wrapper's says nothing when it is not one.
    if (hit && (site || !this.wrapperCalls.has(call))) {
      const sf = call.getSourceFile();
      this.index.warnings.push({ file: rel, line: sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1, message: budgetWarning(hit) });
    }
    return site;
  }

  private analyseSite(call: ts.CallExpression, rel: string): CallSite | null {
    // A wrapper test's call of a function of this file that forwards nothing: nothing to evaluate.
    if (this.wrapperCalls.has(call) && tsf.isIdentifier(call.expression)) {
      const fn = localFunction(call.expression);
      if (fn ? !forwardingCalls(fn, isHttpCallName).length : !this.importMayForward(call.expression)) return null;
    }
    this.ev.touched.clear();
    this.ev.thisRead.clear();
    const own = this.detectAt(call, EMPTY_ENV);
    const wrapper = this.touchedWrapper(call);
    const thisClass = enclosingClassIn(call, this.ev.thisRead);
    const envs: CallerEnv[] = wrapper ? this.callerEnvs(wrapper, 1) : [];
    // Each caller's detection is made once; the first one also stands in when the client itself
    // is a parameter and nothing is detected without callers.
    const perCaller: PerCaller[] = [];
    let forwarded = !own;
    for (const e of envs) {
      const found = this.detectWith(call, e.env, this.wrapperCalls.has(call), 0);
      if (!found) continue;
      perCaller.push({ caller: e.caller, origin: e.origin, d: found.d, args: argumentsAt(e) });
      if (found.adapter !== HTTP_ADAPTER) forwarded = false;
    }
    // A request whose target only its callers give is a fetch-like wrapper's: each call of the
    // wrapper is the call site (found there, see throughWrapper), not this line once for all.
    if (forwarded && perCaller.length && targetFromParameters(call) && !dropsResponse(call)) return null;
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
    const callers: Caller[] = perCaller.map(({ caller, origin, d, args }) => {
      const csf = caller.getSourceFile();
      const pos = csf.getLineAndCharacterOfPosition(caller.getStart(csf));
      const values: Caller['values'] = { model: toResolved(d.model, 'no model given'), provider: { status: 'exact', value: d.provider } };
      if (d.maxOutput.value) values.maxOutputTokens = toResolved(d.maxOutput.value);
      const out: Caller = { file: this.index.rel(csf.fileName), line: pos.line + 1, column: pos.character + 1, function: functionName(enclosingFunction(caller)), values, arguments: args };
      // What this caller alone says about attribution and volume: its call site's units (estimate/units.ts).
      const own = convertTags(d.tags, this.ev);
      if (own.length) out.tags = own;
      const top = origin ?? caller;
      if (top !== caller) {
        const osf = top.getSourceFile();
        const at = osf.getLineAndCharacterOfPosition(top.getStart(osf));
        out.origin = { file: this.index.rel(osf.fileName), line: at.line + 1, column: at.character + 1, function: functionName(enclosingFunction(top)) };
      }
      const volume = tsf.isCallExpression(top) ? this.callerVolume(top) : null;
      if (volume) out.volume = volume;
      return out;
    });
    const seenCaller = new Set<string>();
    const uniqueCallers = callers
      .filter((c) => {
        const key = `${c.file}:${c.line}:${c.column}:${JSON.stringify(c.values)}:${JSON.stringify(c.tags ?? [])}:${JSON.stringify(c.origin ?? null)}`;
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
        ...billedOptions(base),
        ...(base.cacheTtl1h ? { cacheTtl: '1h' as const } : {}),
        ...(base.candidates ? { candidates: toResolved(base.candidates) } : {}),
      },
      tags,
      callers: uniqueCallers,
      fanOut: detectFanOut(call),
      annotation: this.annotationOf(call, rel),
      confidence,
    };
  }
}

/** Where the top-level functions of these names are written: `function request() {}`, `const request = () => {}`. */
function declaredFunctionBodies(sf: ts.SourceFile, names: string[]): Array<[number, number]> {
  if (!names.length) return [];
  const out: Array<[number, number]> = [];
  for (const st of sf.statements) {
    if (tsf.isFunctionDeclaration(st) && st.body && names.includes(st.name ? st.name.text : 'default')) out.push([st.body.pos, st.body.end]);
    if (tsf.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (tsf.isIdentifier(d.name) && names.includes(d.name.text) && d.initializer && (tsf.isArrowFunction(d.initializer) || tsf.isFunctionExpression(d.initializer))) out.push([d.initializer.pos, d.initializer.end]);
      }
    }
    if (tsf.isExportAssignment(st) && names.includes('default') && (tsf.isArrowFunction(st.expression) || tsf.isFunctionExpression(st.expression))) out.push([st.expression.pos, st.expression.end]);
  }
  return out;
}

/** The nearest class around the call whose `this` the analysis read (see Evaluator.thisRead). */
function enclosingClassIn(call: ts.Node, read: Set<ts.ClassLikeDeclaration>): ts.ClassLikeDeclaration | null {
  if (!read.size) return null;
  for (let n: ts.Node | undefined = call.parent; n; n = n.parent) if (tsf.isClassLike(n) && read.has(n)) return n;
  return null;
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

/** A module some adapter reads as an SDK: raw HTTP clients (fetch, axios, got) are transports, their members name nothing. */
function readsAsSdk(module: string): boolean {
  // By name only: the OpenAI-shape fallback reads any package, and an unknown package (twilio's
  // `messages.create`) is not an SDK whose unrecognised calls are a blind spot.
  return readsByName(module) && adaptersFor(module).some((a) => a.id !== 'http');
}

/** The callee as written, a member chain on one line: `client.beta.realtime.sessions.create`, `getClient().run`. */
function chainText(expr: ts.Expression): string {
  const names: string[] = [];
  let e: ts.Expression = expr;
  for (;;) {
    if (tsf.isPropertyAccessExpression(e)) (names.unshift(e.name.text), (e = e.expression));
    else if (tsf.isParenthesizedExpression(e) || tsf.isNonNullExpression(e) || tsf.isAsExpression(e)) e = e.expression;
    else break;
  }
  let base: string;
  if (tsf.isIdentifier(e)) base = e.text;
  else if (e.kind === SK.ThisKeyword) base = 'this';
  else if (tsf.isCallExpression(e)) base = `${chainText(e.expression)}()`;
  else if (tsf.isNewExpression(e)) base = `new ${chainText(e.expression)}()`;
  else base = '…';
  const text = [base, ...names].join('.');
  return text.length > 120 ? '…' + text.slice(-119) : text;
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
  /** The outermost call of a chain of wrappers that led to `caller` (the caller itself when direct). */
  origin?: ts.Node;
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
  const detect = options.detect ?? null;
  const declared = new Declarations(detect ?? { modules: [], hosts: [] });
  const pool = wantWorkers > 0 ? startPool(wantWorkers, discovery.root, discovery.files, options.workersOnly, detect) : null;
  const only = options.only ? new Set(options.only.map((f) => path.resolve(f))) : null;
  const selector = new CandidateSelector(index, scanAdapters(declared), declaredFiles(declared));
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
        selector.adopt(f.abs, f.kind, f.names, f.unread);
        sizes.set(f.abs, f.size);
      }
      warnings.push(...report.warnings);
    }
  }
  const candidates = selector.select().filter((f) => !only || only.has(f));
  const scanner = new Scanner(index, { declared });
  const sites: CallSite[] = [];
  const unreadCalls: UnreadCall[] = [];
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
      unreadCalls.push(...report.unreadCalls);
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
  unreadCalls.push(...scanner.unreadCalls);
  warnings.push(...index.warnings);
  sites.sort((a, b) => byString(a.file, b.file) || a.line - b.line || a.column - b.column);
  // The same call found twice (through two callee options) is one call site.
  const unique = sites.filter((s, i) => i === 0 || !(s.file === sites[i - 1].file && s.line === sites[i - 1].line && s.column === sites[i - 1].column));
  assignIds(unique);
  // Blind spots of the files this scan answers for (with `only`, the files it walked).
  const withSites = new Set(unique.map((s) => s.file));
  const answered = discovery.files.filter((f) => !only || only.has(f.abs));
  const gaps = coverageOf(
    answered.map((f) => ({ file: f.rel, packages: selector.unreadImportsOf(f.abs) })),
    (file) => withSites.has(file),
    unreadCalls,
  );
  warnings.push(...gaps.warnings);
  // Threads that parsed the same file report its warning once.
  const uniqueWarnings = distinctWarnings(warnings);
  return {
    tool: { name: 'tollgate', version: VERSION },
    callSites: unique,
    warnings: uniqueWarnings,
    stats: { filesSeen: discovery.files.length, filesCandidate: candidates.length, filesParsed: parsed.size, callSites: unique.length, unreadFiles: gaps.unreadFiles },
    coverage: gaps.coverage,
  };
}

export type { Arg };
