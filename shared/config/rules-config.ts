import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { RULES, ruleById } from '../rules/registry';
import type { RuleSetting, SeveritySetting } from '../rules/types';
import type { Fail } from './estimate-config';
import { bounded } from './figures';
import { globError, globProblem } from '../glob';

const SEVERITIES = ['error', 'warning', 'info', 'off'];

/**
 * `rules:` in tollgate.yml: `rule-id: warning`, or `rule-id: { severity: error, <options> }`.
 * Unknown rules, severities and options are errors with a suggestion.
 */
export function readRules(node: Node, fail: Fail, suggest: (w: string, c: string[]) => string | null): Record<string, RuleSetting> {
  if (!isMap(node)) fail(node, '"rules" expects a mapping of rule ids to a severity or { severity, options }');
  const out: Record<string, RuleSetting> = {};
  const ids = RULES.map((r) => r.meta.id);
  for (const pair of (node as YAMLMap).items) {
    const keyNode = pair.key as Node;
    const id = isScalar(keyNode) ? String((keyNode as { value: unknown }).value) : '';
    const rule = ruleById(id);
    if (!rule) {
      const hint = suggest(id, ids);
      fail(keyNode, `unknown rule "${id}"${hint ? ` (did you mean "${hint}"?)` : ''}; rules: ${ids.join(', ')}`);
    }
    const value = pair.value as Node;
    const setting: RuleSetting = { severity: rule!.meta.defaultSeverity, options: {} };
    const severityOf = (n: Node): SeveritySetting => {
      const s = isScalar(n) ? (n as { value: unknown }).value : undefined;
      if (typeof s !== 'string' || !SEVERITIES.includes(s)) fail(n, `"rules.${id}" severity must be one of ${SEVERITIES.join(', ')}`);
      return s as SeveritySetting;
    };
    if (isScalar(value)) setting.severity = severityOf(value);
    else if (isMap(value)) {
      for (const p of (value as YAMLMap).items) {
        const k = isScalar(p.key) ? String((p.key as { value: unknown }).value) : '';
        const v = p.value as Node;
        if (k === 'severity') {
          setting.severity = severityOf(v);
          continue;
        }
        const spec = rule!.meta.options[k];
        if (!spec) {
          const names = Object.keys(rule!.meta.options);
          const hint = suggest(k, names);
          fail(p.key as Node, `unknown option "rules.${id}.${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; options: ${['severity', ...names].join(', ')}`);
        }
        const raw = v && 'toJSON' in v ? (v as { toJSON(): unknown }).toJSON() : undefined;
        const ok =
          spec.type === 'string' ? typeof raw === 'string' :
          spec.type === 'number' ? typeof raw === 'number' && (spec.minimum === undefined || raw >= spec.minimum) :
          spec.type === 'boolean' ? typeof raw === 'boolean' :
          spec.type === 'string[]' ? isSeq(v) && Array.isArray(raw) && raw.every((x) => typeof x === 'string') :
          isMap(v) && raw !== null && typeof raw === 'object' && Object.values(raw as object).every((x) => typeof x === 'string');
        if (!ok) fail(v, `"rules.${id}.${k}" expects ${spec.type === 'string[]' ? 'a list of strings' : spec.type === 'map' ? 'a mapping of strings' : `a ${spec.type}`}`);
        if (spec.type === 'number') bounded(v, `rules.${id}.${k}`, raw as number, spec.maximum, spec.unit, fail);
        // Lists and maps of strings hold globs (allow, suggest, paths, model lists): bounded like the others.
        if (spec.type === 'string[]' || spec.type === 'map') {
          const texts = spec.type === 'string[]' ? (raw as string[]) : Object.entries(raw as Record<string, string>).flat();
          const problem = texts.map((t) => [t, globProblem(t)] as const).find(([, p]) => p);
          if (problem) fail(v, globError(`"rules.${id}.${k}"`, problem[0], problem[1]!));
        }
        setting.options[k] = raw;
      }
    } else fail(value, `"rules.${id}" expects a severity or { severity, options }`);
    out[id] = setting;
  }
  return out;
}
