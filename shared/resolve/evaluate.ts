import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../tsf';

const SK = tsf.SyntaxKind;
import type { SourceIndex } from '../project/sources';
import type { Declarations } from '../providers/declared';
import { noteReads, tracked } from '../project/reads';
import { isRelativeSpecifier } from '../project/imports';
import { NOT_READ } from '../project/confined-fs';
import { walkDescendants, walkTree } from '../project/walk';
import { findDeclaration, functionName, type DeclNode } from './scope';
import { callBuiltin, stringMethod, arrayMethod, applyTemplateTag } from './builtins';
import { computeExport } from './modules';
import { callLabel, fromJson, joinPieces, short, withNote, type Piece } from './text';
import { exhausted, ITEM_LIMIT, measured, noteHit, replay, step, TEXT_LIMIT, TOO_LONG, TOO_MANY_ITEMS, TOO_MANY_STEPS, type Spent } from './budget';
import {
  EMPTY_ENV,
  LazyProps,
  exactString,
  isTruthyKnown,
  oneOf,
  str,
  unknown,
  type Arg,
  type Env,
  type FunctionLike,
  type Value,
} from './values';

const MAX_DEPTH = 120;
/** Files imported as modules; anything else imported (a .md, a .txt, `?raw`) is its text. */
const CODE_FILE = /\.(?:[cm]?[jt]sx?|vue|svelte|astro)$/;
const PASSTHROUGH_METHODS = new Set(['toString', 'valueOf', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'normalize']);
const MAX_CALL_DEPTH = 5;
/** Base classes followed for one member (a cycle of `extends` is not valid code, but a pull request may hold it). */
const MAX_HERITAGE_DEPTH = 30;

type Instance = Extract<Value, { k: 'instance' }>;

/** A result kept for reuse, with what it cost and the files it read (both charged again on reuse). */
interface Kept<T = Value> {
  value: T;
  spent: Spent;
  reads: Set<string> | null;
}

const outOfSteps = (): Value => unknown(TOO_MANY_STEPS);
const tooLarge = (reason: string): Value => (noteHit(reason), unknown(reason));

/** Runs a computation whose result is kept: null when the step budget cut it short (such a result is not kept). */
function keep<T>(compute: () => T): Kept<T> | null {
  const { value, reads } = tracked(() => measured(compute));
  return value.complete ? { value: value.value, spent: value.spent, reads } : null;
}

/** A kept result used again: its reads and cost count again; null when that cost is over the budget. */
function reuse<T>(kept: Kept<T>): T | null {
  noteReads(kept.reads ?? undefined);
  return replay(kept.spent) ? kept.value : null;
}

/** Global types that hold the caller's data (`messages: Array<Message>`): a parameter so typed is a value the caller passes, not a runtime object. */
const GLOBAL_DATA_TYPES = new Set(['Array', 'ReadonlyArray', 'Record', 'Partial', 'Required', 'Readonly', 'Pick', 'Omit', 'NonNullable', 'Map', 'ReadonlyMap', 'Set', 'ReadonlySet', 'Promise', 'Awaited', 'Iterable', 'AsyncIterable', 'String', 'Number', 'Boolean', 'Object']);

/** What a parameter typed with an SDK class stands for: an instance we know the class of, not its options. */
function typedSdk(typeNode: ts.TypeNode | undefined, ev: Evaluator): Value | null {
  if (!typeNode) return null;
  let t = typeNode;
  while (tsf.isParenthesizedTypeNode(t)) t = t.type;
  if (tsf.isUnionTypeNode(t)) {
    for (const m of t.types) {
      const v = typedSdk(m, ev);
      if (v) return v;
    }
    return null;
  }
  if (!tsf.isTypeReferenceNode(t)) return null;
  const names: string[] = [];
  let n: ts.EntityName = t.typeName;
  while (tsf.isQualifiedName(n)) {
    names.unshift(n.right.text);
    n = n.left;
  }
  // A parameter named as its type (`onChange?: onChange`): the name in the type is no value, and read as one it is this parameter again.
  const decl = findDeclaration(n);
  if (decl && tsf.isParameter(decl)) return null;
  const base = ev.evalIdentifier(n, EMPTY_ENV);
  let v: Value = base;
  for (const name of names) v = ev.get(v, name);
  // An interface or type parameter of the project's own says nothing of a package (a global type such as Request does).
  if (v.k === 'sdk' && !(v.module === 'global' && (GLOBAL_DATA_TYPES.has(n.text) || declaresType(typeNode, n.text)))) return { k: 'sdk', module: v.module, steps: [...v.steps, { t: 'new', args: [], node: null }], typed: true };
  if (v.k === 'class') return { k: 'instance', decl: v.decl, args: null, env: EMPTY_ENV };
  return null;
}

export class Evaluator {
  readonly index: SourceIndex;
  /** Functions whose unbound parameters the last evaluations read: the wrappers whose callers matter. */
  touched = new Set<FunctionLike>();
  /** Classes whose `this` the last evaluations read with no instance known: their objects' constructions matter. */
  readonly thisRead = new Set<ts.ClassLikeDeclaration>();
  private depth = 0;
  private callDepth = 0;
  private readonly topCache = new WeakMap<ts.Node, Kept>();
  private readonly exportCache = new Map<string, Kept>();
  /** Members of an instance, each evaluated once per instance (not once per path that reads it). */
  private readonly memberCache = new WeakMap<Instance, Map<string, Kept>>();
  /** The constructor's parameter bindings of an instance. */
  private readonly ctorEnvCache = new WeakMap<Instance, Kept<Env>>();
  /** The same object, seen as an instance of its base class. */
  private readonly baseCache = new WeakMap<Instance, Value | null>();
  /** `this` in a class's code when nothing says which instance: one value per class, so its members are kept. */
  private readonly anyInstance = new WeakMap<ts.ClassLikeDeclaration, Instance>();
  /** Instance members being evaluated, innermost last: a read of one of them is a cycle. */
  private readonly memberStack: Array<{ inst: Instance; name: string }> = [];
  /** The outermost member a cycle reached since the current member started (Infinity: none). */
  private cutFloor = Infinity;
  /** Base classes being searched for a member, nested: `class A extends B` with `class B extends A` never ends. */
  private heritageDepth = 0;
  private readonly inProgress = new Set<ts.Node | string>();
  private readonly assignmentCache = new WeakMap<ts.Node, ts.Expression[]>();
  private readonly returnCache = new WeakMap<ts.Node, Array<ts.Expression | null>>();
  private readonly thisAssignmentCache = new WeakMap<ts.Node, Map<string, Array<{ expr: ts.Expression; inConstructor: boolean }>>>();

  /** What tollgate.yml declares (see providers/declared): modules the evaluator does not follow into. */
  readonly declared: Declarations | null;

  constructor(index: SourceIndex, declared: Declarations | null = null) {
    this.index = index;
    this.declared = declared;
  }

  fileOf(node: ts.Node): string {
    return node.getSourceFile().fileName;
  }

  origin(node: ts.Node) {
    const sf = node.getSourceFile();
    return { file: this.index.rel(sf.fileName), line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 };
  }

  argValue(arg: Arg): Value {
    return this.eval(arg.node, arg.env);
  }

  eval(node: ts.Expression, env: Env = EMPTY_ENV): Value {
    if (!step()) return outOfSteps();
    if (this.depth > MAX_DEPTH) return unknown('too deeply nested to follow', short(node));
    this.depth++;
    try {
      return this.evalInner(node, env);
    } finally {
      this.depth--;
    }
  }

  private evalInner(node: ts.Expression, env: Env): Value {
    switch (node.kind) {
      case SK.StringLiteral:
      case SK.NoSubstitutionTemplateLiteral:
        return { k: 'str', v: (node as ts.StringLiteral).text, origin: this.origin(node) };
      case SK.NumericLiteral:
        return { k: 'num', v: Number((node as ts.NumericLiteral).text.replace(/_/g, '')) };
      case SK.TrueKeyword:
        return { k: 'bool', v: true };
      case SK.FalseKeyword:
        return { k: 'bool', v: false };
      case SK.NullKeyword:
        return { k: 'nullish' };
      case SK.Identifier:
        return this.evalIdentifier(node as ts.Identifier, env);
      case SK.TemplateExpression:
        return this.evalTemplate(node as ts.TemplateExpression, env);
      case SK.ParenthesizedExpression:
      case SK.AsExpression:
      case SK.TypeAssertionExpression:
      case SK.NonNullExpression:
      case SK.SatisfiesExpression:
      case SK.AwaitExpression:
        return this.eval((node as ts.ParenthesizedExpression).expression, env);
      case SK.PropertyAccessExpression: {
        const pa = node as ts.PropertyAccessExpression;
        if (tsf.isMetaProperty(pa.expression)) return this.metaProperty(pa);
        return this.get(this.eval(pa.expression, env), pa.name.text, pa);
      }
      case SK.ElementAccessExpression: {
        const ea = node as ts.ElementAccessExpression;
        const obj = this.eval(ea.expression, env);
        const key = exactString(this.eval(ea.argumentExpression, env));
        return key !== null ? this.get(obj, key, ea) : this.anyElement(obj, ea);
      }
      case SK.CallExpression:
        return this.evalCall(node as ts.CallExpression, env);
      case SK.NewExpression: {
        const ne = node as ts.NewExpression;
        return this.construct(this.eval(ne.expression, env), this.args(ne.arguments ?? [], env), ne);
      }
      case SK.ObjectLiteralExpression:
        return this.evalObject(node as ts.ObjectLiteralExpression, env);
      case SK.ArrayLiteralExpression:
        return this.evalArray(node as ts.ArrayLiteralExpression, env);
      case SK.ConditionalExpression: {
        const c = node as ts.ConditionalExpression;
        const cond = isTruthyKnown(this.eval(c.condition, env));
        if (cond === true) return this.eval(c.whenTrue, env);
        if (cond === false) return this.eval(c.whenFalse, env);
        return oneOf([this.eval(c.whenTrue, env), this.eval(c.whenFalse, env)]);
      }
      case SK.BinaryExpression:
        return this.evalBinary(node as ts.BinaryExpression, env);
      case SK.ArrowFunction:
      case SK.FunctionExpression:
        return { k: 'fn', decl: node as ts.ArrowFunction, env };
      case SK.ClassExpression:
        return { k: 'class', decl: node as ts.ClassExpression, env };
      case SK.ThisKeyword:
        return this.thisValue(node, env);
      case SK.TaggedTemplateExpression: {
        const tt = node as ts.TaggedTemplateExpression;
        const tag = this.eval(tt.tag, env);
        const tpl = tsf.isNoSubstitutionTemplateLiteral(tt.template) ? str(tt.template.text) : this.evalTemplate(tt.template, env);
        return applyTemplateTag(tag, tpl) ?? unknown(`result of the template tag \`${short(tt.tag)}\``, short(node));
      }
      case SK.PrefixUnaryExpression: {
        const pu = node as ts.PrefixUnaryExpression;
        const v = this.eval(pu.operand, env);
        if (pu.operator === SK.MinusToken && v.k === 'num') return { k: 'num', v: -v.v };
        if (pu.operator === SK.PlusToken && v.k === 'num') return v;
        if (pu.operator === SK.ExclamationToken) {
          const t = isTruthyKnown(v);
          return t === null ? unknown('a condition known only at run time', short(node)) : { k: 'bool', v: !t };
        }
        return unknown(`computed at run time: \`${short(node)}\``, short(node));
      }
      case SK.VoidExpression:
        return { k: 'nullish' };
      default:
        return unknown(`computed at run time: \`${short(node)}\``, short(node));
    }
  }

  private metaProperty(pa: ts.PropertyAccessExpression): Value {
    const file = this.fileOf(pa);
    if (pa.name.text === 'url') return { k: 'path', v: file };
    if (pa.name.text === 'dirname') return { k: 'path', v: path.dirname(file) };
    if (pa.name.text === 'filename') return { k: 'path', v: file };
    if (pa.name.text === 'env') return { k: 'sdk', module: 'global', steps: [{ t: 'get', name: 'process' }, { t: 'get', name: 'env' }] };
    return unknown('import.meta property');
  }

  private thisValue(node: ts.Node, env: Env): Value {
    for (let e: Env | null = env; e; e = e.parent) if (e.self) return e.self;
    let cur: ts.Node | undefined = node.parent;
    let member: ts.Node | undefined;
    while (cur) {
      if (tsf.isClassLike(cur)) {
        // `this` in a static member is the class itself.
        if (member && isStaticMember(member)) return { k: 'class', decl: cur };
        this.thisRead.add(cur);
        return this.instanceOf(cur);
      }
      if (tsf.isFunctionDeclaration(cur) || tsf.isFunctionExpression(cur)) {
        // `this` of a method in an object literal is the object.
        const p = cur.parent;
        if (p && tsf.isPropertyAssignment(p) && tsf.isObjectLiteralExpression(p.parent)) return this.eval(p.parent, EMPTY_ENV);
        return unknown('`this` of a plain function');
      }
      if (tsf.isMethodDeclaration(cur) && tsf.isObjectLiteralExpression(cur.parent)) return this.eval(cur.parent, EMPTY_ENV);
      member = cur;
      cur = cur.parent;
    }
    return unknown('`this` outside a class');
  }

  /** The one instance that stands for any object of a class when nothing says which (no constructor arguments known). */
  instanceOf(decl: ts.ClassLikeDeclaration): Instance {
    let inst = this.anyInstance.get(decl);
    if (!inst) this.anyInstance.set(decl, (inst = { k: 'instance', decl, args: null, env: EMPTY_ENV }));
    return inst;
  }

  evalIdentifier(id: ts.Identifier, env: Env): Value {
    const name = id.text;
    if (name === 'undefined') return { k: 'nullish' };
    const decl = findDeclaration(id);
    if (!decl) {
      if (name === '__dirname') return { k: 'path', v: path.dirname(this.fileOf(id)) };
      if (name === '__filename') return { k: 'path', v: this.fileOf(id) };
      return { k: 'sdk', module: 'global', steps: [{ t: 'get', name }] };
    }
    return this.declValue(decl, env);
  }

  private cached(decl: ts.Node, compute: () => Value): Value {
    const hit = this.topCache.get(decl);
    if (hit) return reuse(hit) ?? outOfSteps();
    if (this.inProgress.has(decl)) return unknown('defined in terms of itself');
    this.inProgress.add(decl);
    try {
      const kept = keep(compute);
      if (!kept) return outOfSteps();
      this.topCache.set(decl, kept);
      return kept.value;
    } finally {
      this.inProgress.delete(decl);
    }
  }

  declValue(decl: DeclNode, env: Env): Value {
    switch (decl.kind) {
      case SK.VariableDeclaration:
        return isTopLevel(decl) ? this.cached(decl, () => this.variableValue(decl as ts.VariableDeclaration, EMPTY_ENV)) : this.guard(decl, () => this.variableValue(decl as ts.VariableDeclaration, env));
      case SK.BindingElement:
        return this.guard(decl, () => this.bindingElementValue(decl as ts.BindingElement, env));
      case SK.Parameter:
        return this.parameterValue(decl as ts.ParameterDeclaration, env);
      case SK.FunctionDeclaration:
      case SK.FunctionExpression:
        return { k: 'fn', decl: decl as ts.FunctionDeclaration, env: EMPTY_ENV };
      case SK.ClassDeclaration:
      case SK.ClassExpression:
        return { k: 'class', decl: decl as ts.ClassDeclaration };
      case SK.EnumDeclaration:
        return this.cached(decl, () => this.enumValue(decl as ts.EnumDeclaration));
      case SK.ImportClause:
      case SK.NamespaceImport:
      case SK.ImportSpecifier:
      case SK.ImportEqualsDeclaration:
        return this.cached(decl, () => this.importValue(decl));
      default:
        return unknown('unsupported declaration');
    }
  }

  private guard(key: ts.Node, compute: () => Value): Value {
    if (this.inProgress.has(key)) return unknown('defined in terms of itself');
    this.inProgress.add(key);
    try {
      return compute();
    } finally {
      this.inProgress.delete(key);
    }
  }

  private variableValue(decl: ts.VariableDeclaration, env: Env): Value {
    const list = decl.parent;
    const stmt = list.parent;
    if (stmt && (tsf.isForOfStatement(stmt) || tsf.isForInStatement(stmt))) {
      if (tsf.isForInStatement(stmt)) return unknown('a key of a for...in loop', decl.name.getText());
      return this.anyElement(this.eval(stmt.expression, env), stmt.expression);
    }
    const isConst = (list.flags & tsf.NodeFlags.Const) !== 0;
    const values: Value[] = [];
    if (decl.initializer) values.push(this.eval(decl.initializer, env));
    if (!isConst && tsf.isIdentifier(decl.name)) {
      for (const rhs of this.assignmentsTo(decl)) values.push(this.eval(rhs, env));
    }
    const typed = typedSdk(decl.type, this);
    if (typed && (!values.length || values.every((v) => v.k === 'nullish' || v.k === 'unknown'))) return typed;
    if (!values.length) return unknown(`\`${decl.name.getText()}\` is declared without a value`);
    // A lazily initialised singleton (`let client = null; ... client = new X()`) is the non-null value;
    // likewise `let id = ''` set later is a placeholder, not a value.
    const reassigned = values.length > 1;
    const nonNull = values.filter((v, i) => v.k !== 'nullish' && !(reassigned && i === 0 && decl.initializer && exactString(v) === ''));
    return oneOf(nonNull.length ? nonNull : values);
  }

  private assignmentsTo(decl: ts.VariableDeclaration): ts.Expression[] {
    const hit = this.assignmentCache.get(decl);
    if (hit) return hit;
    const name = (decl.name as ts.Identifier).text;
    const found: ts.Expression[] = [];
    let scope: ts.Node = decl.parent.parent;
    while (scope.parent && !tsf.isBlock(scope) && !tsf.isSourceFile(scope)) scope = scope.parent;
    walkTree(scope, (n) => {
      if (
        tsf.isBinaryExpression(n) &&
        (n.operatorToken.kind === SK.EqualsToken || n.operatorToken.kind === SK.QuestionQuestionEqualsToken || n.operatorToken.kind === SK.BarBarEqualsToken) &&
        tsf.isIdentifier(n.left) &&
        n.left.text === name &&
        findDeclaration(n.left) === decl
      ) {
        found.push(n.right);
      }
    });
    this.assignmentCache.set(decl, found);
    return found;
  }

  private bindingElementValue(el: ts.BindingElement, env: Env): Value {
    // Walk up to the declaration, remembering the path of property names and indices.
    const steps: Array<string | number> = [];
    let cur: ts.Node = el;
    while (tsf.isBindingElement(cur)) {
      const pattern = cur.parent;
      if (tsf.isObjectBindingPattern(pattern)) {
        const key = cur.propertyName ?? cur.name;
        if (cur.dotDotDotToken) steps.unshift('...');
        else steps.unshift(tsf.isIdentifier(key) || tsf.isStringLiteral(key) ? key.text : exactString(tsf.isComputedPropertyName(key) ? this.eval(key.expression, env) : undefined) ?? '?');
      } else {
        steps.unshift(pattern.elements.indexOf(cur as ts.BindingElement));
      }
      cur = pattern.parent;
    }
    let base: Value;
    if (tsf.isVariableDeclaration(cur)) {
      const stmt = cur.parent.parent;
      if (stmt && tsf.isForOfStatement(stmt)) base = this.anyElement(this.eval(stmt.expression, env), stmt.expression);
      else base = cur.initializer ? this.eval(cur.initializer, env) : unknown('declared without a value');
    } else if (tsf.isParameter(cur)) base = this.parameterValue(cur, env);
    else return unknown('unsupported destructuring');
    let v = base;
    for (const s of steps) {
      if (s === '...') break;
      v = typeof s === 'number' ? this.elementAt(v, s) : this.get(v, s);
    }
    if (el.initializer && (v.k === 'nullish' || v.k === 'unknown' || v.k === 'env')) {
      const dflt = this.eval(el.initializer, env);
      if (v.k === 'nullish') return dflt;
      return withNote(dflt, v.k === 'env' ? `default when process.env.${v.name} is unset` : `default when \`${el.name.getText()}\` is not given`);
    }
    return v;
  }

  private parameterValue(p: ts.ParameterDeclaration, env: Env): Value {
    for (let e: Env | null = env; e; e = e.parent) {
      const bound = e.bindings.get(p);
      if (bound) return bound;
    }
    const fn = p.parent as FunctionLike;
    const elementOf = this.callbackElement(p);
    if (elementOf) return elementOf;
    this.touched.add(fn);
    if (p.initializer) return withNote(this.eval(p.initializer, env), `default of parameter \`${p.name.getText()}\``);
    const typed = typedSdk(p.type, this);
    if (typed) return typed;
    const name = tsf.isIdentifier(p.name) ? p.name.text : p.name.getText();
    return unknown(`parameter \`${name}\` of ${callLabel(functionName(fn))}`, name);
  }

  /** The item parameter of `array.map(item => ...)` and friends: an element of the array. */
  private callbackElement(p: ts.ParameterDeclaration): Value | null {
    const fn = p.parent;
    if (!(tsf.isArrowFunction(fn) || tsf.isFunctionExpression(fn)) || fn.parameters[0] !== p) return null;
    const call = fn.parent;
    if (!call || !tsf.isCallExpression(call) || call.arguments[0] !== fn || !tsf.isPropertyAccessExpression(call.expression)) return null;
    if (!['map', 'forEach', 'flatMap', 'filter', 'find', 'some', 'every'].includes(call.expression.name.text)) return null;
    const arr = this.eval(call.expression.expression, EMPTY_ENV);
    if (arr.k !== 'arr') return null;
    return this.anyElement(arr, call.expression.expression);
  }

  private enumValue(decl: ts.EnumDeclaration): Value {
    const props = new Map<string, Value>();
    let next = 0;
    for (const m of decl.members) {
      const key = tsf.isIdentifier(m.name) || tsf.isStringLiteral(m.name) ? m.name.text : m.name.getText();
      let v: Value;
      if (m.initializer) {
        v = this.eval(m.initializer);
        if (v.k === 'num') next = v.v + 1;
      } else v = { k: 'num', v: next++ };
      props.set(key, v);
    }
    return { k: 'obj', props };
  }

  private importValue(decl: DeclNode): Value {
    let spec: string | null = null;
    let imported: string | null = null; // null: the namespace
    if (tsf.isImportEqualsDeclaration(decl)) {
      const ref = decl.moduleReference;
      if (tsf.isExternalModuleReference(ref) && tsf.isStringLiteral(ref.expression)) spec = ref.expression.text;
      else return unknown('TypeScript namespace import');
      return this.requireValue(spec, decl);
    }
    let importDecl: ts.Node = decl;
    while (!tsf.isImportDeclaration(importDecl)) importDecl = importDecl.parent;
    const ms = (importDecl as ts.ImportDeclaration).moduleSpecifier;
    if (!tsf.isStringLiteral(ms)) return unknown('import of a computed module');
    spec = ms.text;
    if (tsf.isImportClause(decl)) imported = 'default';
    else if (tsf.isImportSpecifier(decl)) imported = (decl.propertyName ?? decl.name).text;
    // A declared package is what tollgate.yml says, even where the tree holds its source (a workspace package).
    if (this.declared?.isPackage(spec)) return { k: 'sdk', module: spec, steps: imported === null ? [] : [{ t: 'get', name: imported }] };
    const file = this.fileOf(decl);
    const target = this.index.resolveModule(file, spec);
    if (target) {
      if (/\?raw$/.test(spec) || !CODE_FILE.test(target)) return this.fileContents(target, spec, decl);
      if (imported === null) return { k: 'module', file: target };
      return this.exportOf(target, imported);
    }
    const outside = this.leavesRoot(file, spec, decl);
    if (outside) return outside;
    const mod = spec.replace(/^node:/, '');
    return { k: 'sdk', module: mod, steps: imported === null ? [] : [{ t: 'get', name: imported }] };
  }

  /** A relative import that climbs out of the scanned folder: not followed, and said so at the import. */
  private leavesRoot(file: string, spec: string, at: ts.Node): Value | null {
    if (!isRelativeSpecifier(spec) || this.index.fsg.contains(path.resolve(path.dirname(file), spec.replace(/\?.*$/, '')))) return null;
    this.warnAt(at, `${NOT_READ.leaves} (\`${spec}\`)`);
    return unknown(`\`${spec}\` ${NOT_READ.leaves}`);
  }

  private warnAt(at: ts.Node, message: string): void {
    const { file, line } = this.origin(at);
    this.index.warnings.push({ file, line, message });
  }

  private fileContents(abs: string, spec: string, at: ts.Node): Value {
    const read = this.index.readTextFile(abs);
    if ('refusal' in read) {
      if (read.refusal?.kind === 'leaves') this.warnAt(at, `${NOT_READ.leaves} (\`${spec}\`)`);
      return unknown(`cannot read \`${spec}\`: ${read.reason}`);
    }
    const text = read.text;
    if (text.length > TEXT_LIMIT) return tooLarge(TOO_LONG);
    if (abs.endsWith('.json') && !/\?raw$/.test(spec)) {
      try {
        return fromJson(JSON.parse(text));
      } catch {
        return unknown(`\`${spec}\` is not valid JSON`);
      }
    }
    return { k: 'str', v: text, origin: { file: this.index.rel(abs), line: 1 } };
  }

  /**
   * Reads a prompt file from a statically known path inside the scanned tree. A path that leaves the
   * tree (absolute, or `..` out of it) is not read: a warning at the call names it, and the value is unknown.
   */
  readFileValue(p: Value, description: string, at: ts.Node): Value {
    const candidates = p.k === 'oneOf' ? p.options : [p];
    const out: Value[] = [];
    for (const c of candidates) {
      const s = c.k === 'path' ? c.v : exactString(c);
      if (s === null) {
        out.push(unknown(`file read from a path known only at run time (${description})`, description, 'document'));
        continue;
      }
      const abs = path.isAbsolute(s) ? s : path.resolve(this.index.root, s);
      const read = this.index.readTextFile(abs);
      if ('text' in read && read.text.length > TEXT_LIMIT) {
        out.push(tooLarge(TOO_LONG));
        continue;
      }
      if ('text' in read) {
        out.push({ k: 'str', v: read.text, origin: { file: this.index.rel(abs), line: 1 } });
        continue;
      }
      if (read.refusal?.kind === 'leaves') {
        this.warnAt(at, `${NOT_READ.leaves} (${description})`);
        out.push(unknown(`\`${description}\` ${NOT_READ.leaves}`, description, 'document'));
      } else out.push(unknown(`cannot read \`${this.index.rel(abs)}\`: ${read.reason}`, description, 'document'));
    }
    return oneOf(out);
  }

  requireValue(spec: string, from: ts.Node): Value {
    if (this.declared?.isPackage(spec)) return { k: 'sdk', module: spec, steps: [] };
    const target = this.index.resolveModule(this.fileOf(from), spec);
    if (target) {
      if (!CODE_FILE.test(target)) return this.fileContents(target, spec, from);
      return { k: 'module', file: target };
    }
    const outside = this.leavesRoot(this.fileOf(from), spec, from);
    if (outside) return outside;
    return { k: 'sdk', module: spec.replace(/^node:/, ''), steps: [] };
  }

  /** The value a module exports under a name (ESM or CommonJS). */
  exportOf(file: string, name: string): Value {
    const declared = this.declared?.exportAt(this.index.rel(file), name);
    if (declared) return declared;
    const key = file + '\0' + name;
    const hit = this.exportCache.get(key);
    if (hit) return reuse(hit) ?? outOfSteps();
    if (this.inProgress.has(key)) return unknown(`circular re-export of \`${name}\``);
    this.inProgress.add(key);
    try {
      const kept = keep(() => computeExport(this, file, name) ?? unknown(`\`${name}\` is not exported by ${this.index.rel(file)}`));
      if (!kept) return outOfSteps();
      this.exportCache.set(key, kept);
      return kept.value;
    } finally {
      this.inProgress.delete(key);
    }
  }

  private evalTemplate(node: ts.TemplateExpression, env: Env): Value {
    const pieces: Piece[] = [{ value: str(node.head.text), node: null }];
    for (const span of node.templateSpans) {
      pieces.push({ value: this.eval(span.expression, env), node: span.expression });
      pieces.push({ value: str(span.literal.text), node: null });
    }
    return joinPieces(pieces, node);
  }

  private evalBinary(node: ts.BinaryExpression, env: Env): Value {
    // `a ??= b` has the value of `a ?? b` (likewise `||=`, `&&=`).
    const op = LOGICAL_OF_ASSIGNMENT.get(node.operatorToken.kind) ?? node.operatorToken.kind;
    if (op === SK.QuestionQuestionToken || op === SK.BarBarToken) {
      const left = this.eval(node.left, env);
      const known = op === SK.QuestionQuestionToken ? (left.k === 'nullish' ? false : isConcrete(left) ? true : null) : isTruthyKnown(left);
      if (known === true) return left;
      const right = this.eval(node.right, env);
      if (known === false) return right;
      if (left.k === 'env') return withNote(right, `default when process.env.${left.name} is unset`);
      if (left.k === 'oneOf') return oneOf([...left.options.filter((o) => o.k !== 'nullish' && o.k !== 'unknown' && o.k !== 'env'), right]);
      return withNote(right, `default when \`${short(node.left)}\` is not set`);
    }
    if (op === SK.AmpersandAmpersandToken) {
      const left = this.eval(node.left, env);
      const t = isTruthyKnown(left);
      if (t === false) return left;
      return this.eval(node.right, env);
    }
    if (op === SK.PlusToken) {
      const l = this.eval(node.left, env);
      const r = this.eval(node.right, env);
      if (l.k === 'num' && r.k === 'num') return { k: 'num', v: l.v + r.v };
      return joinPieces([{ value: l, node: node.left }, { value: r, node: node.right }], node);
    }
    if (op === SK.CommaToken || op === SK.EqualsToken) return this.eval(node.right, env);
    if (op === SK.AsteriskToken || op === SK.MinusToken || op === SK.SlashToken) {
      const l = this.eval(node.left, env);
      const r = this.eval(node.right, env);
      if (l.k === 'num' && r.k === 'num') return { k: 'num', v: op === SK.AsteriskToken ? l.v * r.v : op === SK.MinusToken ? l.v - r.v : l.v / r.v };
    }
    return unknown(`computed at run time: \`${short(node)}\``, short(node));
  }

  private evalObject(node: ts.ObjectLiteralExpression, env: Env): Value {
    const props = new LazyProps();
    let open: string | undefined;
    for (const p of node.properties) {
      if (tsf.isPropertyAssignment(p)) {
        const key = this.propertyKey(p.name, env);
        if (key === null) {
          open = `computed key \`${short(p.name)}\``;
          continue;
        }
        const init = p.initializer;
        props.defineLazy(key, () => this.eval(init, env));
      } else if (tsf.isShorthandPropertyAssignment(p)) {
        const name = p.name;
        props.defineLazy(name.text, () => this.evalIdentifier(name, env));
      } else if (tsf.isSpreadAssignment(p)) {
        const v = this.eval(p.expression, env);
        const objs = v.k === 'oneOf' ? v.options : [v];
        for (const o of objs) {
          if (o.k === 'obj') {
            if (objs.length === 1 && o.props instanceof LazyProps) o.props.copyInto(props);
            else for (const [k, val] of o.props) props.set(k, objs.length > 1 && props.has(k) ? oneOf([props.get(k)!, val]) : val);
            if (o.open) open = o.open;
          } else if (o.k !== 'nullish') {
            open = `spread of \`${short(p.expression)}\``;
            // A later known property still wins over the spread; earlier ones may be overridden.
            const override = unknown(`may be overridden by the spread of \`${short(p.expression)}\``);
            const before = new LazyProps();
            props.copyInto(before);
            for (const k of [...props.keys()]) props.defineLazy(k, () => oneOf([before.get(k)!, override]));
          }
        }
      } else if (tsf.isMethodDeclaration(p) || tsf.isGetAccessorDeclaration(p)) {
        const key = this.propertyKey(p.name, env);
        if (key !== null) props.set(key, { k: 'fn', decl: p, env });
      }
    }
    return open ? { k: 'obj', props, open } : { k: 'obj', props };
  }

  private propertyKey(name: ts.PropertyName, env: Env): string | null {
    if (tsf.isIdentifier(name) || tsf.isStringLiteral(name) || tsf.isNumericLiteral(name) || tsf.isPrivateIdentifier(name)) return name.text;
    if (tsf.isComputedPropertyName(name)) return exactString(this.eval(name.expression, env));
    return null;
  }

  private evalArray(node: ts.ArrayLiteralExpression, env: Env): Value {
    const items: Value[] = [];
    for (const el of node.elements) {
      if (tsf.isSpreadElement(el)) {
        const v = this.eval(el.expression, env);
        if (v.k === 'arr') {
          if (items.length + v.items.length > ITEM_LIMIT) return tooLarge(TOO_MANY_ITEMS);
          for (const item of v.items) items.push(item);
        } else items.push(unknown(`spread of \`${short(el.expression)}\``, '...' + short(el.expression), 'history'));
      } else if (tsf.isOmittedExpression(el)) items.push({ k: 'nullish' });
      else items.push(this.eval(el, env));
    }
    return items.length > ITEM_LIMIT ? tooLarge(TOO_MANY_ITEMS) : { k: 'arr', items };
  }

  private evalCall(node: ts.CallExpression, env: Env): Value {
    const callee = node.expression;
    if (tsf.isIdentifier(callee) && callee.text === 'require' && !findDeclaration(callee)) {
      const a = node.arguments[0];
      if (a && tsf.isStringLiteralLike(a)) return this.requireValue(a.text, node);
      return unknown('require() of a computed path');
    }
    if (callee.kind === SK.ImportKeyword) {
      const a = node.arguments[0];
      if (a && tsf.isStringLiteralLike(a)) return this.requireValue(a.text, node);
      return unknown('import() of a computed path');
    }
    const args = this.args(node.arguments, env);
    if (tsf.isPropertyAccessExpression(callee) && !tsf.isMetaProperty(callee.expression)) {
      const receiver = this.eval(callee.expression, env);
      const name = callee.name.text;
      // Formatting an unknown value keeps it unknown for the same reason.
      if ((receiver.k === 'unknown' || receiver.k === 'env') && PASSTHROUGH_METHODS.has(name)) return receiver;
      const viaString = stringMethod(this, receiver, name, args);
      if (viaString) return viaString;
      const viaArray = arrayMethod(this, receiver, name, args, node);
      if (viaArray) return viaArray;
      const member = this.get(receiver, name, callee);
      // `load().then((sdk) => new sdk.Client())`: a promise's callback gets its value (an SDK loaded
      // with a dynamic import, a client made once it resolves). A project object's own `then` is called as written.
      if (name === 'then' && member.k !== 'fn' && args[0] && !args[0].spread) {
        const cb = this.argValue(args[0]);
        if (cb.k === 'fn') return this.invoke(cb, [{ node: callee.expression, env }]);
      }
      // `.catch(handler)` / `.finally(cb)` resolve to the same value when nothing throws.
      if ((name === 'catch' || name === 'finally') && member.k !== 'fn') return receiver;
      return this.call(member, args, node);
    }
    return this.call(this.eval(callee, env), args, node);
  }

  args(nodes: ts.NodeArray<ts.Expression> | readonly ts.Expression[], env: Env): Arg[] {
    return nodes.map((n) => (tsf.isSpreadElement(n) ? { node: n.expression, env, spread: true } : { node: n, env }));
  }

  call(callee: Value, args: Arg[], node: ts.CallExpression | ts.TaggedTemplateExpression): Value {
    switch (callee.k) {
      case 'sdk': {
        const builtin = callBuiltin(this, callee, args, node);
        if (builtin) return builtin;
        return { k: 'sdk', module: callee.module, steps: [...callee.steps, { t: 'call', args, node }], typed: callee.typed };
      }
      case 'fn':
        return this.invoke(callee, args);
      case 'oneOf':
        return oneOf(callee.options.filter((o) => o.k !== 'nullish').map((o) => this.call(o, args, node)));
      default: {
        const target = tsf.isCallExpression(node) ? node.expression : node.tag;
        return unknown(`result of \`${short(target)}()\``, short(node));
      }
    }
  }

  /** Runs a project function symbolically: parameters bound to the arguments, the value of its returns. */
  invoke(fn: Extract<Value, { k: 'fn' }>, args: Arg[]): Value {
    const decl = fn.decl;
    if (!step()) return outOfSteps();
    if (this.callDepth >= MAX_CALL_DEPTH) return unknown(`calls nested too deeply to follow (${functionName(decl) ?? 'function'})`);
    if ((decl as ts.FunctionDeclaration).asteriskToken) return unknown('generator function');
    if (this.inProgress.has(decl)) return unknown(`recursive call of ${functionName(decl) ?? 'function'}()`);
    const bindings = this.bindParameters(decl.parameters, args, fn.env);
    const env: Env = { bindings, parent: fn.env, self: fn.self };
    this.callDepth++;
    this.inProgress.add(decl);
    try {
      const body = decl.body;
      if (!body) return unknown('function without a body');
      if (!tsf.isBlock(body)) return this.eval(body, env);
      const returns: Value[] = this.returnsOf(decl).map((e) => (e ? this.eval(e, env) : { k: 'nullish' }));
      if (!returns.length) return { k: 'nullish' };
      const nonNull = returns.filter((r) => r.k !== 'nullish');
      return oneOf(nonNull.length ? nonNull : returns);
    } finally {
      this.callDepth--;
      this.inProgress.delete(decl);
    }
  }

  /** The expressions a function returns (null for a bare `return;`), found once per function. */
  private returnsOf(decl: FunctionLike): Array<ts.Expression | null> {
    let found = this.returnCache.get(decl);
    if (found) return found;
    const list: Array<ts.Expression | null> = [];
    if (decl.body) {
      walkDescendants(decl.body, (n) => {
        if (tsf.isFunctionLike(n) || tsf.isClassLike(n)) return false;
        if (tsf.isReturnStatement(n)) {
          list.push(n.expression ?? null);
          return false;
        }
      });
    }
    this.returnCache.set(decl, list);
    found = list;
    return found;
  }

  /** `this.name = expr` assignments of a class, by name, found once per class. */
  private thisAssignments(decl: ts.ClassLikeDeclaration): Map<string, Array<{ expr: ts.Expression; inConstructor: boolean }>> {
    let found = this.thisAssignmentCache.get(decl);
    if (found) return found;
    const map = new Map<string, Array<{ expr: ts.Expression; inConstructor: boolean }>>();
    const visit = (member: ts.Node, inConstructor: boolean) =>
      walkTree(member, (n) => {
        if (tsf.isClassLike(n) && n !== decl) return false;
        if (
          tsf.isBinaryExpression(n) &&
          ASSIGNMENTS.has(n.operatorToken.kind) &&
          tsf.isPropertyAccessExpression(n.left) &&
          n.left.expression.kind === SK.ThisKeyword
        ) {
          const list = map.get(n.left.name.text) ?? [];
          list.push({ expr: n.right, inConstructor });
          map.set(n.left.name.text, list);
        }
      });
    for (const m of decl.members) {
      if (tsf.isConstructorDeclaration(m)) visit(m, true);
      else if (isStaticMember(m)) continue;
      else if (tsf.isMethodDeclaration(m) || tsf.isPropertyDeclaration(m) || tsf.isGetAccessorDeclaration(m) || tsf.isSetAccessorDeclaration(m)) visit(m, false);
    }
    this.thisAssignmentCache.set(decl, map);
    found = map;
    return found;
  }

  bindParameters(params: ts.NodeArray<ts.ParameterDeclaration>, args: Arg[], closure: Env): Map<ts.Node, Value> {
    const bindings = new Map<ts.Node, Value>();
    const values: Value[] = [];
    let spreadUnknown = false;
    for (const a of args) {
      if (a.spread) {
        const v = this.argValue(a);
        if (v.k === 'arr') values.push(...v.items);
        else spreadUnknown = true;
      } else values.push(this.argValue(a));
      if (spreadUnknown) break;
    }
    params.forEach((p, i) => {
      if (p.dotDotDotToken) {
        bindings.set(p, { k: 'arr', items: values.slice(i) });
        return;
      }
      let v: Value | undefined = values[i];
      if (v === undefined && spreadUnknown) v = unknown('passed through a spread of unknown length');
      if (v === undefined || v.k === 'nullish') {
        if (p.initializer) v = withNote(this.eval(p.initializer, { bindings, parent: closure }), `default of parameter \`${p.name.getText()}\``);
        else v = v ?? { k: 'nullish' };
      }
      bindings.set(p, v);
    });
    return bindings;
  }

  construct(callee: Value, args: Arg[], node: ts.NewExpression): Value {
    if (callee.k === 'sdk') {
      if (callee.module === 'global' && callee.steps.length === 1 && (callee.steps[0] as { name: string }).name === 'URL') {
        const rel = args[0] ? this.argValue(args[0]) : undefined;
        const base = args[1] ? this.argValue(args[1]) : undefined;
        const r = exactString(rel);
        if (r !== null && base?.k === 'path') return { k: 'path', v: path.resolve(path.dirname(base.v), r) };
        const b = exactString(base);
        if (r !== null && b !== null) {
          try {
            return str(new URL(r, b).href);
          } catch {
            return unknown(`\`new URL(${JSON.stringify(r)}, ${JSON.stringify(b)})\` is not a valid URL`);
          }
        }
        if (r !== null && !base) return str(r);
        return { k: 'unknown', reason: 'URL built at run time', made: args };
      }
      return { k: 'sdk', module: callee.module, steps: [...callee.steps, { t: 'new', args, node }], typed: callee.typed };
    }
    if (callee.k === 'class') return { k: 'instance', decl: callee.decl, args, env: callee.env ?? EMPTY_ENV };
    if (callee.k === 'oneOf') return oneOf(callee.options.map((o) => this.construct(o, args, node)));
    return unknown(`instance of \`${short(node.expression)}\``, short(node));
  }

  /** Property read, the heart of following SDK clients through code. */
  get(v: Value, name: string, node?: ts.Node): Value {
    if (!step()) return outOfSteps();
    switch (v.k) {
      case 'sdk': {
        if (v.module === 'global') {
          const names = v.steps.map((s) => (s.t === 'get' ? s.name : '()'));
          if (names.length === 2 && names[0] === 'process' && names[1] === 'env') return { k: 'env', name };
          if (names.length === 1 && (names[0] === 'globalThis' || names[0] === 'window' || names[0] === 'self' || names[0] === 'global')) {
            return { k: 'sdk', module: 'global', steps: [{ t: 'get', name }] };
          }
        }
        return { k: 'sdk', module: v.module, steps: [...v.steps, { t: 'get', name }], typed: v.typed };
      }
      case 'obj': {
        const p = v.props.get(name);
        if (p) return p;
        return v.open ? unknown(`\`${name}\` may come from a ${v.open}`) : { k: 'nullish' };
      }
      case 'arr':
        if (name === 'length') return v.items.every((i) => i.k !== 'unknown') ? { k: 'num', v: v.items.length } : unknown('array length');
        if (/^\d+$/.test(name)) return this.elementAt(v, Number(name));
        return unknown(`array property \`${name}\``);
      case 'str':
        if (name === 'length') return { k: 'num', v: v.v.length };
        // A URL built by `new URL()` is kept as its href string.
        if (name === 'href' && /^[a-z][a-z0-9+.-]*:\/\//i.test(v.v)) return v;
        return unknown(`string property \`${name}\``);
      case 'oneOf': {
        const opts = v.options.filter((o) => o.k !== 'nullish');
        return oneOf((opts.length ? opts : v.options).map((o) => this.get(o, name, node)));
      }
      case 'module':
        return this.exportOf(v.file, name);
      case 'instance': {
        // `this.constructor.defaultOptions`: the class of the whole object, whose statics a base class reads.
        const whole = v.whole && v.whole.k === 'instance' ? v.whole : v;
        if (name === 'constructor') return { k: 'class', decl: whole.decl, env: whole.env };
        return this.instanceMember(v, name);
      }
      case 'class':
        return this.staticMember(v.decl, name);
      case 'unknown':
        return v.hint ? { ...v } : v;
      case 'env':
        return unknown(`property of process.env.${v.name}`);
      case 'fn':
        return unknown(`property \`${name}\` of a function`);
      default:
        return unknown(`property \`${name}\` of a ${v.k} value`);
    }
  }

  elementAt(v: Value, i: number): Value {
    if (v.k === 'arr') return v.items[i] ?? (v.items.some((x) => x.k === 'unknown') ? unknown('element of an array of unknown length') : { k: 'nullish' });
    if (v.k === 'sdk') return this.get(v, String(i));
    if (v.k === 'oneOf') return oneOf(v.options.map((o) => this.elementAt(o, i)));
    return unknown(`element ${i} of a value known only at run time`);
  }

  /** `map[key]` with a key known only at run time: any of the values (a switch-like map). */
  anyElement(v: Value, node: ts.Node): Value {
    if (v.k === 'obj' && v.props.size && !v.open) return oneOf([...v.props.values()]);
    if (v.k === 'arr' && v.items.length) return oneOf(v.items);
    if (v.k === 'oneOf') return oneOf(v.options.map((o) => this.anyElement(o, node)));
    if (v.k === 'sdk') return { k: 'sdk', module: v.module, steps: [...v.steps, { t: 'get', name: '[]' }] };
    return unknown(`element of \`${short(node)}\` chosen at run time`, short(node));
  }

  private classMembers(decl: ts.ClassLikeDeclaration): ts.ClassElement[] {
    return [...decl.members];
  }

  /**
   * A member of an instance: evaluated once per instance and name, however many paths read it. A
   * member that reads itself (`this.config = { ...this.config, ... }`) sees `unknown` there instead
   * of evaluating itself again; a value that depended on a member further out still being evaluated
   * is not kept, as it would differ when read from elsewhere.
   */
  private instanceMember(inst: Instance, name: string): Value {
    const byName = this.memberCache.get(inst);
    const hit = byName?.get(name);
    if (hit) return reuse(hit) ?? outOfSteps();
    const at = this.memberStack.findIndex((e) => e.inst === inst && e.name === name);
    if (at >= 0) {
      this.cutFloor = Math.min(this.cutFloor, at);
      return unknown(`\`this.${name}\` is defined in terms of itself`);
    }
    const level = this.memberStack.length;
    const outerFloor = this.cutFloor;
    this.cutFloor = Infinity;
    this.memberStack.push({ inst, name });
    try {
      const kept = keep(() => this.computeMember(inst, name));
      if (!kept) return outOfSteps();
      if (this.cutFloor >= level) {
        if (byName) byName.set(name, kept);
        else this.memberCache.set(inst, new Map([[name, kept]]));
      }
      return kept.value;
    } finally {
      this.memberStack.pop();
      this.cutFloor = Math.min(outerFloor, this.cutFloor < level ? this.cutFloor : Infinity);
    }
  }

  /** The bindings of the constructor's parameters for an instance, made once per instance. */
  private ctorEnv(inst: Instance, ctor: ts.ConstructorDeclaration | undefined): Env {
    const hit = this.ctorEnvCache.get(inst);
    if (hit) {
      const env = reuse(hit);
      if (env) return env;
    }
    const self = inst.whole ?? inst;
    const kept = keep<Env>(() => ({ bindings: ctor && inst.args ? this.bindParameters(ctor.parameters, inst.args, inst.env) : new Map(), parent: inst.env, self }));
    if (!kept) return { bindings: new Map(), parent: inst.env, self };
    this.ctorEnvCache.set(inst, kept);
    return kept.value;
  }

  private computeMember(inst: Instance, name: string): Value {
    const decl = inst.decl;
    const ctor = decl.members.find(tsf.isConstructorDeclaration);
    const ctorEnv = this.ctorEnv(inst, ctor);
    // `this` in the class's code is the whole object, also when this is its base class's part.
    const self = inst.whole ?? inst;
    const found: Value[] = [];
    let typed: Value | null = null;
    for (const m of this.classMembers(decl)) {
      const mname = m.name && (tsf.isIdentifier(m.name) || tsf.isStringLiteral(m.name) || tsf.isPrivateIdentifier(m.name)) ? m.name.text : null;
      if (mname === name) {
        if (tsf.isPropertyDeclaration(m)) {
          if (m.initializer) found.push(this.eval(m.initializer, ctorEnv));
          else typed = typedSdk(m.type, this) ?? typed;
        } else if (tsf.isMethodDeclaration(m)) return { k: 'fn', decl: m, env: ctorEnv, self };
        else if (tsf.isGetAccessorDeclaration(m) && m.body) return this.invoke({ k: 'fn', decl: m, env: ctorEnv, self }, []);
      }
    }
    if (ctor) {
      for (const p of ctor.parameters) {
        if (tsf.isIdentifier(p.name) && p.name.text === name && tsf.canHaveModifiers(p) && (tsf.getModifiers(p) ?? []).length) {
          found.push(this.parameterValue(p, ctorEnv));
        }
      }
    }
    // `this.client = ...` in the constructor or any method (lazy initialisation).
    const methodEnv: Env = { bindings: new Map(), parent: ctorEnv, self };
    for (const a of this.thisAssignments(decl).get(name) ?? []) found.push(this.eval(a.expr, a.inConstructor ? ctorEnv : methodEnv));
    const nonNull = found.filter((f) => f.k !== 'nullish' && !(f.k === 'unknown' && typed));
    if (nonNull.length) return oneOf(nonNull);
    const base = this.baseInstance(inst);
    if (base) {
      if (this.heritageDepth >= MAX_HERITAGE_DEPTH) return unknown(`class hierarchy of ${decl.name?.text ?? 'a class'} too deep to follow (over ${MAX_HERITAGE_DEPTH} levels)`);
      this.heritageDepth++;
      try {
        const inherited = this.get(base, name);
        // A field the subclass only declares (`client!: OpenAI`) is set by the base class when it sets it at all.
        return typed && (inherited.k === 'unknown' || inherited.k === 'nullish') ? typed : inherited;
      } finally {
        this.heritageDepth--;
      }
    }
    if (typed) return typed;
    return found.length ? oneOf(found) : unknown(`\`this.${name}\` is not set in class ${decl.name?.text ?? ''}`.trim());
  }

  /** The instance seen as its base class (`extends`): a project class, or a package's class. */
  private baseInstance(inst: Instance): Value | null {
    if (this.baseCache.has(inst)) return this.baseCache.get(inst)!;
    const decl = inst.decl;
    const heritage = decl.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword)?.types[0];
    let out: Value | null = null;
    if (heritage) {
      // A mixin's `class extends Base` finds Base among the bindings the class closes over.
      const base = this.eval(heritage.expression, inst.env);
      if (base.k === 'class') out = { k: 'instance', decl: base.decl, args: this.superArgs(inst), env: base.env ?? EMPTY_ENV, whole: inst.whole ?? inst };
      else if (base.k === 'sdk') out = { k: 'sdk', module: base.module, steps: [...base.steps, { t: 'new', args: this.superArgs(inst) ?? [], node: null }] };
    }
    if (!exhausted()) this.baseCache.set(inst, out);
    return out;
  }

  /**
   * What the base class's constructor receives: the `super(...)` arguments of the class's own
   * constructor, bound to its parameters; without a constructor of its own, the class's arguments.
   */
  private superArgs(inst: Instance): Arg[] | null {
    const ctor = inst.decl.members.find((m): m is ts.ConstructorDeclaration => tsf.isConstructorDeclaration(m) && !!m.body);
    if (!ctor) return inst.args;
    const call = superCall(ctor);
    return call ? this.args(call.arguments, this.ctorEnv(inst, ctor)) : null;
  }

  /** A static member of a class or of its base classes; `self` is the class it is read from (`this` in its code). */
  private staticMember(decl: ts.ClassLikeDeclaration, name: string, self: Value = { k: 'class', decl }): Value {
    for (const m of decl.members) {
      if (!isStaticMember(m) || !m.name || !(tsf.isIdentifier(m.name) || tsf.isPrivateIdentifier(m.name)) || m.name.text !== name) continue;
      if (tsf.isPropertyDeclaration(m)) return m.initializer ? this.eval(m.initializer) : typedSdk(m.type, this) ?? unknown(`static \`${name}\` without a value`);
      if (tsf.isMethodDeclaration(m)) return { k: 'fn', decl: m, env: EMPTY_ENV, self };
      if (tsf.isGetAccessorDeclaration(m) && m.body) return this.invoke({ k: 'fn', decl: m, env: EMPTY_ENV, self }, []);
    }
    const heritage = decl.heritageClauses?.find((h) => h.token === SK.ExtendsKeyword)?.types[0];
    if (heritage && this.heritageDepth < MAX_HERITAGE_DEPTH) {
      this.heritageDepth++;
      try {
        const base = this.eval(heritage.expression, EMPTY_ENV);
        if (base.k === 'class') return this.staticMember(base.decl, name, self);
        if (base.k === 'sdk') return this.get(base, name);
      } finally {
        this.heritageDepth--;
      }
    }
    return unknown(`static \`${name}\` of class ${decl.name?.text ?? ''}`.trim());
  }
}

/** Whether an interface, type alias or type parameter of that name is in scope where the type is written. */
function declaresType(at: ts.Node, name: string): boolean {
  for (let cur: ts.Node | undefined = at.parent; cur; cur = cur.parent) {
    const params = (cur as { typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration> }).typeParameters;
    if (params?.some((p) => p.name.text === name)) return true;
    const statements = tsf.isSourceFile(cur) || tsf.isModuleBlock(cur) || tsf.isBlock(cur) ? cur.statements : null;
    for (const st of statements ?? []) {
      const decl = tsf.isExportDeclaration(st) ? null : st;
      if (decl && (tsf.isInterfaceDeclaration(decl) || tsf.isTypeAliasDeclaration(decl)) && decl.name.text === name) return true;
    }
  }
  return false;
}

/** `=` and the logical assignments (`??=`, `||=`), which lazily initialised fields use. */
const LOGICAL_OF_ASSIGNMENT = new Map<ts.SyntaxKind, ts.SyntaxKind>([
  [SK.QuestionQuestionEqualsToken, SK.QuestionQuestionToken],
  [SK.BarBarEqualsToken, SK.BarBarToken],
  [SK.AmpersandAmpersandEqualsToken, SK.AmpersandAmpersandToken],
]);

const ASSIGNMENTS = new Set<ts.SyntaxKind>([SK.EqualsToken, SK.QuestionQuestionEqualsToken, SK.BarBarEqualsToken]);

function isStaticMember(m: ts.Node): boolean {
  return tsf.isClassStaticBlockDeclaration(m) || (tsf.canHaveModifiers(m) && (tsf.getModifiers(m) ?? []).some((x) => x.kind === SK.StaticKeyword));
}

/** The constructor's `super(...)` call (not one in a nested function or class). */
function superCall(ctor: ts.ConstructorDeclaration): ts.CallExpression | null {
  let found: ts.CallExpression | null = null;
  walkDescendants(ctor.body!, (n) => {
    if (found || tsf.isFunctionLike(n) || tsf.isClassLike(n)) return false;
    if (tsf.isCallExpression(n) && n.expression.kind === SK.SuperKeyword) {
      found = n;
      return false;
    }
  });
  return found;
}

function isTopLevel(decl: ts.VariableDeclaration): boolean {
  const stmt = decl.parent?.parent;
  return !!stmt && tsf.isVariableStatement(stmt) && tsf.isSourceFile(stmt.parent);
}

function isConcrete(v: Value): boolean {
  return v.k === 'str' || v.k === 'num' || v.k === 'bool' || v.k === 'obj' || v.k === 'arr' || v.k === 'tpl' || v.k === 'fn' || v.k === 'sdk' || v.k === 'instance' || v.k === 'path';
}

