import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import type { Evaluator } from './evaluate';
import { EMPTY_ENV, unknown, type Value } from './values';

// What a module exports under a name, ESM or CommonJS, read from its syntax.

export function computeExport(ev: Evaluator, file: string, name: string): Value | null {
  // A barrel's `export * from` list names many modules; those whose text cannot export the name are not parsed.
  const exports = ev.index.exportsOf(file);
  if (exports && !exports.any && !exports.names.has(name)) return null;
  const sf = ev.index.sourceFile(file);
  if (!sf) return unknown(`${ev.index.rel(file)} could not be read`);
  const stars: string[] = [];
  let cjs: Value | null = null;
  const cjsNamed: Array<[string, ts.Expression]> = [];
  for (const st of sf.statements) {
    const mods = tsf.canHaveModifiers(st) ? tsf.getModifiers(st) ?? [] : [];
    const exported = mods.some((m) => m.kind === tsf.SyntaxKind.ExportKeyword);
    const isDefault = mods.some((m) => m.kind === tsf.SyntaxKind.DefaultKeyword);
    if (exported && tsf.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (tsf.isIdentifier(d.name) && d.name.text === name) return ev.declValue(d, EMPTY_ENV);
        if (!tsf.isIdentifier(d.name)) {
          const el = findBindingElement(d.name, name);
          if (el) return ev.declValue(el, EMPTY_ENV);
        }
      }
    } else if (exported && (tsf.isFunctionDeclaration(st) || tsf.isClassDeclaration(st) || tsf.isEnumDeclaration(st))) {
      if ((isDefault && name === 'default') || (!isDefault && st.name?.text === name)) return ev.declValue(st, EMPTY_ENV);
    } else if (tsf.isExportAssignment(st)) {
      if (st.isExportEquals) cjs = ev.eval(st.expression);
      else if (name === 'default') return ev.eval(st.expression);
    } else if (tsf.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && tsf.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : null;
      if (!st.exportClause) {
        if (spec && name !== 'default') stars.push(spec);
        continue;
      }
      if (tsf.isNamespaceExport(st.exportClause)) {
        if (st.exportClause.name.text === name && spec) return ev.requireValue(spec, st);
        continue;
      }
      for (const el of st.exportClause.elements) {
        if (el.name.text !== name) continue;
        const local = (el.propertyName ?? el.name).text;
        if (spec) {
          const target = ev.index.resolveModule(file, spec);
          if (target) return ev.exportOf(target, local);
          return { k: 'sdk', module: spec.replace(/^node:/, ''), steps: [{ t: 'get', name: local }] };
        }
        const id = el.propertyName && tsf.isIdentifier(el.propertyName) ? el.propertyName : el.name;
        return tsf.isIdentifier(id) ? ev.evalIdentifier(id, EMPTY_ENV) : null;
      }
    } else if (tsf.isExpressionStatement(st) && tsf.isBinaryExpression(st.expression) && st.expression.operatorToken.kind === tsf.SyntaxKind.EqualsToken) {
      const left = st.expression.left;
      const target = cjsTarget(left);
      if (target === '') cjs = ev.eval(st.expression.right);
      else if (target) cjsNamed.push([target, st.expression.right]);
    }
  }
  const named = cjsNamed.find(([n]) => n === name);
  if (named) return ev.eval(named[1]);
  if (cjs || (cjsNamed.length && name === 'default')) {
    // module.exports = {...} plus later `module.exports.x = ...`: one object, as require() sees it.
    let whole: Value = cjs ?? { k: 'obj', props: new Map() };
    if (whole.k === 'obj' && cjsNamed.length) {
      const props = new Map(whole.props);
      for (const [n, expr] of cjsNamed) props.set(n, ev.eval(expr));
      whole = { ...whole, props };
    }
    return name === 'default' ? whole : ev.get(whole, name);
  }
  for (const spec of stars) {
    const target = ev.index.resolveModule(file, spec);
    if (!target) continue;
    const v = ev.exportOf(target, name);
    if (!(v.k === 'unknown' && v.reason.includes('is not exported'))) return v;
  }
  return null;
}

function cjsTarget(left: ts.Expression): string | null {
  // module.exports = x → ''; module.exports.a = x / exports.a = x → 'a'
  if (tsf.isPropertyAccessExpression(left)) {
    const obj = left.expression;
    if (tsf.isIdentifier(obj) && obj.text === 'module' && left.name.text === 'exports') return '';
    if (tsf.isIdentifier(obj) && obj.text === 'exports') return left.name.text;
    if (tsf.isPropertyAccessExpression(obj) && tsf.isIdentifier(obj.expression) && obj.expression.text === 'module' && obj.name.text === 'exports') return left.name.text;
  }
  return null;
}

function findBindingElement(pattern: ts.BindingPattern, name: string): ts.BindingElement | null {
  for (const el of pattern.elements) {
    if (tsf.isOmittedExpression(el)) continue;
    if (tsf.isIdentifier(el.name) && el.name.text === name) return el;
    if (!tsf.isIdentifier(el.name)) {
      const inner = findBindingElement(el.name, name);
      if (inner) return inner;
    }
  }
  return null;
}
