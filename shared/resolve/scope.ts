import { ts } from 'ts-morph';
import { tsf } from '../tsf';

const SK = tsf.SyntaxKind;

// Our own binder: which declaration does an identifier name? Syntax only, cached per scope.
// Enough for the code people write around SDK calls; no type checker, no node_modules.

export type DeclNode =
  | ts.VariableDeclaration
  | ts.BindingElement
  | ts.ParameterDeclaration
  | ts.FunctionDeclaration
  | ts.ClassDeclaration
  | ts.EnumDeclaration
  | ts.ImportClause
  | ts.NamespaceImport
  | ts.ImportSpecifier
  | ts.ImportEqualsDeclaration
  | ts.FunctionExpression
  | ts.ClassExpression;

const scopeCache = new WeakMap<ts.Node, Map<string, DeclNode>>();

function addBindingNames(name: ts.BindingName, decl: ts.VariableDeclaration | ts.ParameterDeclaration, map: Map<string, DeclNode>) {
  if (tsf.isIdentifier(name)) {
    if (!map.has(name.text)) map.set(name.text, decl);
    return;
  }
  for (const el of name.elements) {
    if (tsf.isOmittedExpression(el)) continue;
    if (tsf.isIdentifier(el.name)) {
      if (!map.has(el.name.text)) map.set(el.name.text, el);
    } else addBindingNamesOfElement(el.name, map);
  }
}

function addBindingNamesOfElement(name: ts.BindingPattern, map: Map<string, DeclNode>) {
  for (const el of name.elements) {
    if (tsf.isOmittedExpression(el)) continue;
    if (tsf.isIdentifier(el.name)) {
      if (!map.has(el.name.text)) map.set(el.name.text, el);
    } else addBindingNamesOfElement(el.name, map);
  }
}

function addStatement(st: ts.Statement, map: Map<string, DeclNode>) {
  if (tsf.isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) addBindingNames(d.name, d, map);
  } else if ((tsf.isFunctionDeclaration(st) || tsf.isClassDeclaration(st) || tsf.isEnumDeclaration(st)) && st.name) {
    if (!map.has(st.name.text)) map.set(st.name.text, st);
  } else if (tsf.isImportDeclaration(st) && st.importClause) {
    const clause = st.importClause;
    if (clause.name) map.set(clause.name.text, clause);
    const nb = clause.namedBindings;
    if (nb && tsf.isNamespaceImport(nb)) map.set(nb.name.text, nb);
    else if (nb) for (const el of nb.elements) map.set(el.name.text, el);
  } else if (tsf.isImportEqualsDeclaration(st)) {
    map.set(st.name.text, st);
  } else if (tsf.isExportDeclaration(st) || tsf.isExpressionStatement(st)) {
    // nothing declared
  } else if (tsf.isLabeledStatement(st)) {
    addStatement(st.statement, map);
  }
}

/**
 * Hoisted `var` declarations in nested statements of a function body or file. Only statements are
 * walked (a `var` cannot hide in an expression), which keeps this cheap on large files. The walk
 * keeps its own stack (an else-if chain nests as deep as it is long), in source order: the first
 * declaration of a name wins.
 */
function addHoistedVars(node: ts.Node, map: Map<string, DeclNode>) {
  const stack: ts.Node[] = [];
  const pushAll = (list: readonly ts.Node[]) => {
    for (let i = list.length - 1; i >= 0; i--) stack.push(list[i]);
  };
  const visitStatement = (st: ts.Node): void => {
    switch (st.kind) {
      case SK.VariableStatement: {
        const list = (st as ts.VariableStatement).declarationList;
        if (!(list.flags & (tsf.NodeFlags.Let | tsf.NodeFlags.Const))) for (const d of list.declarations) addBindingNames(d.name, d, map);
        return;
      }
      case SK.Block:
      case SK.CaseClause:
      case SK.DefaultClause:
        pushAll((st as ts.Block).statements);
        return;
      case SK.IfStatement: {
        const i = st as ts.IfStatement;
        pushAll(i.elseStatement ? [i.thenStatement, i.elseStatement] : [i.thenStatement]);
        return;
      }
      case SK.ForStatement:
      case SK.ForInStatement:
      case SK.ForOfStatement: {
        const f = st as ts.ForStatement;
        const init = f.initializer;
        if (init && tsf.isVariableDeclarationList(init) && !(init.flags & (tsf.NodeFlags.Let | tsf.NodeFlags.Const))) {
          for (const d of init.declarations) addBindingNames(d.name, d, map);
        }
        stack.push(f.statement);
        return;
      }
      case SK.WhileStatement:
      case SK.DoStatement:
      case SK.LabeledStatement:
        stack.push((st as ts.WhileStatement).statement);
        return;
      case SK.TryStatement: {
        const t = st as ts.TryStatement;
        pushAll([t.tryBlock, ...(t.catchClause ? [t.catchClause.block] : []), ...(t.finallyBlock ? [t.finallyBlock] : [])]);
        return;
      }
      case SK.SwitchStatement:
        pushAll((st as ts.SwitchStatement).caseBlock.clauses);
        return;
      default:
        return;
    }
  };
  const statements = tsf.isSourceFile(node) || tsf.isBlock(node) ? node.statements : [];
  for (const st of statements) {
    // Top-level `var`s are already declared by addStatement; nested ones are what hoisting adds.
    if (tsf.isVariableStatement(st) && tsf.isSourceFile(node)) continue;
    stack.push(st);
    while (stack.length) visitStatement(stack.pop()!);
  }
}

const NO_DECLARATIONS: Map<string, DeclNode> = new Map();

/** Kinds that can declare names; lookups skip the rest of an identifier's ancestors without a cache entry. */
function mayDeclare(node: ts.Node): boolean {
  switch (node.kind) {
    case SK.SourceFile:
    case SK.Block:
    case SK.ModuleBlock:
    case SK.CaseClause:
    case SK.DefaultClause:
    case SK.ForStatement:
    case SK.ForOfStatement:
    case SK.ForInStatement:
    case SK.CatchClause:
    case SK.ClassExpression:
      return true;
    default:
      return tsf.isFunctionLike(node);
  }
}

function declarationsOf(scope: ts.Node): Map<string, DeclNode> {
  if (!mayDeclare(scope)) return NO_DECLARATIONS;
  let map = scopeCache.get(scope);
  if (map) return map;
  map = new Map();
  if (tsf.isSourceFile(scope) || tsf.isBlock(scope) || tsf.isModuleBlock(scope)) {
    for (const st of scope.statements) addStatement(st, map);
    if (tsf.isSourceFile(scope)) addHoistedVars(scope, map);
  } else if (tsf.isCaseClause(scope) || tsf.isDefaultClause(scope)) {
    for (const st of scope.statements) addStatement(st, map);
  } else if (tsf.isFunctionLike(scope)) {
    for (const p of scope.parameters) addBindingNames(p.name, p, map);
    if ((tsf.isFunctionExpression(scope) || tsf.isFunctionDeclaration(scope)) && scope.name && !map.has(scope.name.text)) {
      map.set(scope.name.text, scope as ts.FunctionExpression);
    }
    const body = (scope as ts.FunctionLikeDeclaration).body;
    if (body && tsf.isBlock(body)) addHoistedVars(body, map);
  } else if (tsf.isForStatement(scope) || tsf.isForOfStatement(scope) || tsf.isForInStatement(scope)) {
    const init = scope.initializer;
    if (init && tsf.isVariableDeclarationList(init)) for (const d of init.declarations) addBindingNames(d.name, d, map);
  } else if (tsf.isCatchClause(scope)) {
    if (scope.variableDeclaration) addBindingNames(scope.variableDeclaration.name, scope.variableDeclaration, map);
  } else if (tsf.isClassExpression(scope) && scope.name) {
    map.set(scope.name.text, scope);
  }
  scopeCache.set(scope, map);
  return map;
}

/** The declaration an identifier refers to, or null for a global or an undeclared name. */
export function findDeclaration(id: ts.Identifier): DeclNode | null {
  const name = id.text;
  let node: ts.Node | undefined = id.parent;
  while (node) {
    const decl = declarationsOf(node).get(name);
    if (decl) return decl;
    node = node.parent;
  }
  return null;
}

/** The declaration of a name in a file's top-level scope. */
export function findTopLevel(sf: ts.SourceFile, name: string): DeclNode | null {
  return declarationsOf(sf).get(name) ?? null;
}

/** The nearest function-like or source file that contains the node. */
export function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | null {
  let cur: ts.Node | undefined = node.parent;
  while (cur && !tsf.isSourceFile(cur)) {
    if (tsf.isFunctionLike(cur) && (cur as ts.FunctionLikeDeclaration).body) return cur as ts.FunctionLikeDeclaration;
    cur = cur.parent;
  }
  return null;
}

/** A human name for a function: `ask`, `Service.summarize`, `handler` for `export default`, or null at top level. */
export function functionName(fn: ts.Node | null): string | null {
  if (!fn) return null;
  const own = (n: ts.Node, callbacks: boolean): string | null => {
    if ((tsf.isFunctionDeclaration(n) || tsf.isFunctionExpression(n) || tsf.isMethodDeclaration(n) || tsf.isGetAccessorDeclaration(n)) && n.name) {
      const base = tsf.isIdentifier(n.name) || tsf.isStringLiteral(n.name) ? n.name.text : n.name.getText();
      const cls = n.parent && tsf.isClassLike(n.parent) && n.parent.name ? n.parent.name.text + '.' : '';
      return cls + base;
    }
    if (tsf.isConstructorDeclaration(n) && n.parent.name) return n.parent.name.text + '.constructor';
    const p = n.parent;
    if (p && tsf.isVariableDeclaration(p) && tsf.isIdentifier(p.name)) return p.name.text;
    if (p && tsf.isPropertyAssignment(p) && (tsf.isIdentifier(p.name) || tsf.isStringLiteral(p.name))) return p.name.text;
    if (p && tsf.isPropertyDeclaration(p) && tsf.isIdentifier(p.name)) return (p.parent.name ? p.parent.name.text + '.' : '') + p.name.text;
    if (p && tsf.isExportAssignment(p)) return 'default';
    if (tsf.isFunctionDeclaration(n) && !n.name) return 'default';
    // A callback such as a route handler: `app.post('/chat')`.
    if (callbacks && p && (tsf.isCallExpression(p) || tsf.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) {
      const callee = p.expression.getText().replace(/\s+/g, '');
      const first = p.arguments[0];
      const label = first && tsf.isStringLiteralLike(first) ? `('${first.text}')` : '()';
      if (callee.length <= 60) return callee + label.slice(0, 80);
    }
    return null;
  };
  for (const callbacks of [false, true]) {
    for (let cur: ts.Node | null = fn; cur; cur = enclosingFunction(cur)) {
      const name = own(cur, callbacks);
      if (name) return name;
    }
  }
  return '<anonymous>';
}
