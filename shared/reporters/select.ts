import type { PolicyResult } from '../check';
import type { Diff } from '../diff/compare';
import type { EstimatedResult } from '../estimate';
import type { RuleSetting } from '../rules/types';
import { renderGithub } from './github';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';

// The machine and pull-request formats shared by `check` and `diff`; `text` stays with each command.

export const FORMATS = ['text', 'json', 'markdown', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export const isFormat = (f: string): f is Format => (FORMATS as readonly string[]).includes(f);

type Reportable = EstimatedResult & { diff?: Diff; findings?: PolicyResult['findings']; policy?: PolicyResult['policy'] };

/** Renders every format but `text`; a diff runs no rules, so its sarif and github output have no findings. */
export function renderFormat(format: Exclude<Format, 'text'>, result: Reportable, rules?: Record<string, RuleSetting>): string {
  if (format === 'json') return renderJson(result);
  if (format === 'markdown') return renderMarkdown(result, { rules });
  const findings = { findings: result.findings ?? [] };
  return format === 'sarif' ? renderSarif(findings) : renderGithub(findings);
}
