import { renderGithub } from '../shared/reporters/github';
import type { Finding } from '../shared/rules/types';
import type { DirectoryReport } from './analyse';
import type { ChangedLines } from './git';

// Annotations on the pull request's diff: warnings and errors on lines the change touched (all of
// them when there is no base to compare with), the base's own findings left out unless they fail
// the check too (fail-on-existing), with paths from the repository root as GitHub
// expects. GitHub shows at most 10 of each kind per step, so more are summed up in one notice.

export const ANNOTATION_CAP = 10;

export interface Annotations {
  /** Workflow command lines, errors first. */
  text: string;
  /** Findings that qualified but were left out by the cap. */
  omitted: number;
}

/** A finding on a call counts when any line of the call changed (a new model two lines below its start). */
function touches(f: Finding, end: number, changed: ChangedLines | null, file: string): boolean {
  if (!changed) return true;
  const ranges = changed.get(file);
  if (!ranges) return false;
  return ranges.some(([a, b]) => f.line <= b && Math.max(end, f.line) >= a);
}

export function annotationsFor(reports: DirectoryReport[], changed: ChangedLines | null): Annotations {
  const picked: Finding[] = [];
  let omitted = 0;
  for (const severity of ['error', 'warning'] as const) {
    const matching = reports.flatMap((r) => {
      const ends = new Map(r.result.callSites.map((s) => [s.id, s.endLine]));
      return r.result.findings
        // What the base already had does not fail this change (unless fail-on-existing): no annotation on it either.
        .filter((f) => !f.suppressed && f.severity === severity && f.file && (f.new !== false || r.result.policy.failOnExisting === true))
        .map((f) => ({ ...f, file: r.prefix ? `${r.prefix}/${f.file}` : f.file }))
        .filter((f) => touches(f, (f.callSiteId && ends.get(f.callSiteId)) || f.line, changed, f.file));
    });
    picked.push(...matching.slice(0, ANNOTATION_CAP));
    omitted += Math.max(0, matching.length - ANNOTATION_CAP);
  }
  return { text: renderGithub({ findings: picked }), omitted };
}
