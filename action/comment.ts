import { ApiError, type GitHubClient, type IssueComment } from './github';
import type { CommentMode, Inputs } from './inputs';

// The sticky pull-request comment: found again by its hidden first line (the marker), kept current
// in place by default, never re-sent when its body has not changed.

export interface ChangeSummary {
  /** Call sites added, removed or changed in cost across every scanned directory. */
  callSitesChanged: number;
  /** Expected monthly change in USD; null when no side has a volume. */
  change: number | null;
  /** null when the base total is 0 or unknown. */
  changePercent: number | null;
  policyFailed: boolean;
  /** Call sites whose change is unknown (no price): a change of unknown size meets any threshold. */
  unknownChange?: number;
}

/** Whether this run's report is worth a new comment under `comment-on` (an existing one is kept current regardless). */
export function commentWanted(inputs: Pick<Inputs, 'commentOn' | 'thresholdUsd' | 'thresholdPercent'>, s: ChangeSummary): { wanted: boolean; why: string } {
  if (inputs.commentOn === 'always') return { wanted: true, why: 'comment-on: always' };
  if (inputs.commentOn === 'failure') return s.policyFailed ? { wanted: true, why: 'the policy failed' } : { wanted: false, why: 'comment-on: failure and the policy passed' };
  if (!s.callSitesChanged && !s.change) return { wanted: false, why: 'comment-on: change and no call site changed cost' };
  const { thresholdUsd: usd, thresholdPercent: pct } = inputs;
  if (usd === null && pct === null) return { wanted: true, why: 'call sites changed' };
  if (s.unknownChange) return { wanted: true, why: 'the monthly change is unknown (a call site has no price)' };
  const abs = Math.abs(s.change ?? 0);
  // A cost from nothing has no percentage: it passes any percent threshold.
  const absPct = s.changePercent === null ? (s.change ? Infinity : 0) : Math.abs(s.changePercent);
  if (usd !== null && abs >= usd && abs > 0) return { wanted: true, why: `the monthly change reaches comment-threshold-usd ${usd}` };
  if (pct !== null && absPct >= pct && absPct > 0) return { wanted: true, why: `the monthly change reaches comment-threshold-percent ${pct}` };
  return { wanted: false, why: 'comment-on: change and the monthly change is below the thresholds' };
}

export type CommentResult =
  | { kind: 'created' | 'updated'; id: number; removed: number }
  | { kind: 'unchanged'; id: number }
  | { kind: 'skipped'; why: string }
  | { kind: 'denied'; why: string };

const normalize = (s: string) => s.replace(/\r\n/g, '\n').trimEnd();

export function isOurs(c: IssueComment, marker: string): boolean {
  return normalize(c.body).split('\n', 1)[0].trim() === marker;
}

/** A refusal that means "this token may not write here" (fork pull requests, read-only permissions). */
export function isPermissionError(err: unknown): err is ApiError {
  return err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404);
}

/**
 * Posts, updates, hides or deletes comments per `mode`. Permission refusals come back as `denied`
 * (the caller turns that into one notice); other API failures are thrown.
 */
export async function syncComment(client: GitHubClient, issue: number, body: string, mode: Exclude<CommentMode, 'off'>, marker: string, wanted: { wanted: boolean; why: string }): Promise<CommentResult> {
  try {
    const ours = (await client.listComments(issue)).filter((c) => isOurs(c, marker));
    const latest = ours.at(-1) ?? null;
    if (latest && normalize(latest.body) === normalize(body)) return { kind: 'unchanged', id: latest.id };
    if (mode === 'update' && latest) {
      // Kept current even below the comment-on bar: a stale figure is worse than a small one.
      await client.updateComment(latest.id, body);
      return { kind: 'updated', id: latest.id, removed: 0 };
    }
    if (!wanted.wanted) return { kind: 'skipped', why: wanted.why };
    // The new comment first: if it cannot be posted, the old ones stay.
    const created = await client.createComment(issue, body);
    if (mode === 'hide-and-new') for (const c of ours) await client.minimizeComment(c.node_id);
    if (mode === 'delete-and-new') for (const c of ours) await client.deleteComment(c.id);
    return { kind: 'created', id: created.id, removed: mode === 'new' ? 0 : ours.length };
  } catch (err) {
    if (isPermissionError(err)) return { kind: 'denied', why: err.message };
    throw err;
  }
}
