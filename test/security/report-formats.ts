import { scan } from '../../shared/scan';
import { estimateScan, type EstimatedResult } from '../../shared/estimate';
import { loadConfig } from '../../shared/config/load';
import { checkEstimated, type PolicyResult } from '../../shared/check';
import { diffEstimates, type Diff } from '../../shared/diff/compare';
import { renderDiffText } from '../../shared/diff/text';
import { renderJson } from '../../shared/reporters/json';
import { renderText } from '../../shared/reporters/text';
import { renderBill } from '../../shared/reporters/bill';
import { renderFindings } from '../../shared/reporters/findings';
import { renderSarif } from '../../shared/reporters/sarif';
import { renderGithub } from '../../shared/reporters/github';
import { renderMarkdown } from '../../shared/reporters/markdown';
import type { ScanResult } from '../../shared/types';

// Every report tollgate renders, for one hostile head and its base: the attack tests check each one.

export interface Reports {
  scanned: ScanResult;
  estimated: EstimatedResult;
  checked: PolicyResult;
  diff: Diff;
  /** Each output by the name a test reports it under. */
  outputs: Array<[string, () => string]>;
}

export function reportsFor(head: string, base: string, refs: { base: string; baseSha: string; head: string; headSha: string | null }): Reports {
  const config = loadConfig(null);
  const scanned = scan(head);
  const estimated = estimateScan(scanned, config, head);
  const checked = checkEstimated(estimated, head, config, 'error');
  const diff = diffEstimates(estimateScan(scan(base), config, base), estimated, { ...refs, baseScan: 'scanned' });
  const outputs: Array<[string, () => string]> = [
    ['scan --format json', () => renderJson(estimated)],
    ['scan text (the table)', () => renderText(scanned)],
    ['scan text (the bill)', () => renderBill(estimated)],
    ['check --format json', () => renderJson(checked)],
    ['check --format sarif', () => renderSarif(checked)],
    ['check text findings', () => renderFindings(checked)],
    ['check --format github', () => renderGithub(checked)],
    ['check --format markdown', () => renderMarkdown(checked)],
    ['diff comment (markdown)', () => renderMarkdown({ ...estimated, diff })],
    ['check --base comment (markdown)', () => renderMarkdown({ ...checked, diff })],
    ['diff text', () => renderDiffText(diff)],
    ['diff --format json', () => renderJson({ ...estimated, diff } as EstimatedResult)],
  ];
  return { scanned, estimated, checked, diff, outputs };
}
