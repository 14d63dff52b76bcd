import { ts } from 'ts-morph';
import { tsf } from '../../tsf';
import type { Evaluator } from '../../resolve/evaluate';
import { oneOf, type Value } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { walkTree } from '../../project/walk';

// LlamaIndex engines and indexes use the global `Settings.llm` / `Settings.embedModel`, set once
// somewhere in the app (`Settings.llm = new OpenAI({ model })`). This finds those assignments in
// the files that import LlamaIndex: a text test first, then a walk of the few files that pass.

export const LLAMAINDEX_PACKAGES = new Set([
  'llamaindex',
  '@llamaindex/core',
  '@llamaindex/openai',
  '@llamaindex/anthropic',
  '@llamaindex/google',
  '@llamaindex/groq',
  '@llamaindex/ollama',
  '@llamaindex/mistral',
  '@llamaindex/deepseek',
  '@llamaindex/fireworks',
  '@llamaindex/together',
  '@llamaindex/perplexity',
]);

export type SettingKey = 'llm' | 'embedModel';

/** Assignments files may hold: at most this many are read (the first ones, in path order). */
const MAX_ASSIGNMENTS = 8;

const found = new WeakMap<Evaluator, Map<SettingKey, Value | null>>();

const isSettings = (v: Value) => v.k === 'sdk' && LLAMAINDEX_PACKAGES.has(packageName(v.module)) && v.steps.length === 1 && v.steps[0].t === 'get' && v.steps[0].name === 'Settings';

/** Every value the scanned files assign to `Settings.<key>`, or null when none does. */
export function settingValue(ev: Evaluator, key: SettingKey): Value | null {
  let byKey = found.get(ev);
  if (!byKey) found.set(ev, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const needle = new RegExp(`\\bSettings\\s*\\.\\s*${key}\\s*=[^=]`);
  const values: Value[] = [];
  const files = [...ev.index.files].map((f) => f.abs).sort();
  for (const abs of files) {
    if (values.length >= MAX_ASSIGNMENTS) break;
    if (!ev.index.specifiersOf(abs).some((s) => LLAMAINDEX_PACKAGES.has(packageName(s.replace(/^node:/, ''))))) continue;
    const text = ev.index.text(abs);
    if (!text || !needle.test(text)) continue;
    const sf = ev.index.sourceFile(abs);
    if (!sf) continue;
    walkTree(sf, (n) => {
      if (values.length >= MAX_ASSIGNMENTS) return false;
      if (!tsf.isBinaryExpression(n) || n.operatorToken.kind !== tsf.SyntaxKind.EqualsToken) return;
      const left = n.left;
      if (!tsf.isPropertyAccessExpression(left) || left.name.text !== key) return;
      if (!isSettings(ev.eval(left.expression as ts.Expression))) return;
      values.push(ev.eval(n.right));
    });
  }
  const v = values.length ? oneOf(values) : null;
  byKey.set(key, v);
  return v;
}
