import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { scan } from '../../shared/scan';
import { checkPolicy, type PolicyResult } from '../../shared/check';
import { loadConfig, type TollgateConfig } from '../../shared/config/load';
import { estimateScan } from '../../shared/estimate';
import { diffEstimates, type Diff } from '../../shared/diff';
import { frontierDefault } from '../../shared/rules/frontier-default';
import { missingAttribution } from '../../shared/rules/missing-attribution';
import { unboundedOutput } from '../../shared/rules/unbounded-output';
import { unknownModel } from '../../shared/rules/unknown-model';
import { unresolvedModel } from '../../shared/rules/unresolved-model';
import type { Rule } from '../../shared/rules/types';

// Reporter inputs built from the examples/ app: its policy result, and a diff against an edited copy.

/** Golden files pin the rule list, so adding a rule to the registry does not rewrite every golden file. */
export const GOLDEN_RULES = [missingAttribution, frontierDefault, unboundedOutput, unknownModel, unresolvedModel] as Rule<never>[];

export const EXAMPLE = path.join(ROOT, 'examples', 'support-desk');

/** Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff before committing. */
export function golden(name: string, actual: string) {
  const file = path.join(ROOT, 'test', 'golden', name);
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

function config(): TollgateConfig {
  return loadConfig(path.join(EXAMPLE, 'tollgate.yml'), 'examples/support-desk/tollgate.yml');
}

let checked: PolicyResult | null = null;
export function exampleCheck(): PolicyResult {
  checked ??= checkPolicy(scan(EXAMPLE), EXAMPLE, config(), 'error');
  return structuredClone(checked);
}

/**
 * The example as the base, and as the head a copy where thread summaries move to a bigger model
 * and the per-message embedding call is gone: a model change and a removed call site.
 */
let diffed: (PolicyResult & { diff: Diff }) | null = null;
export function exampleDiff(): PolicyResult & { diff: Diff } {
  if (!diffed) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-md-'));
    try {
      fs.cpSync(EXAMPLE, dir, { recursive: true });
      const edit = (rel: string, from: string | RegExp, to: string) => {
        const file = path.join(dir, rel);
        const text = fs.readFileSync(file, 'utf8');
        assert.notEqual(text.replace(from, to), text, `edit of ${rel} applies`);
        fs.writeFileSync(file, text.replace(from, to));
      };
      edit('src/features/summarize.ts', "openai('gpt-4.1-mini')", "openai('gpt-4.1')");
      const cfg = config();
      const base = estimateScan(scan(EXAMPLE), cfg, EXAMPLE);
      const head = checkPolicy(scan(dir), dir, cfg, 'error');
      const diff = diffEstimates(base, head, { base: 'main', baseSha: '0'.repeat(40), head: null, headSha: null, baseScan: 'scanned' });
      diffed = { ...head, diff };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return structuredClone(diffed);
}

/** Strings a hostile repository could put in file names, model strings, prompts and tag values. */
export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<!-- tollgate -->',
  '</details><script>alert(1)</script>',
  '@octocat please review',
  '[click me](https://evil.example/phish)',
  '![pixel](https://evil.example/p.png)',
  '**bold** _it_ `code` ~~gone~~',
  'a | b | c',
  'www.evil.example and me@evil.example',
  'fixes #123',
  'line one\n## injected heading\n| x | y |',
  'key sk-proj-abcdefghijklmnopqrstuvwxyz0123',
].join(' ');
