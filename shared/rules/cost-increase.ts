import { MAX_USD } from '../estimate/bounds';
import type { EstimatedResult } from '../estimate';
import type { Diff, DiffCallSite } from '../diff/compare';
import { usd } from '../reporters/format';
import type { Rule, RuleContext } from './types';

interface Options {
  /** USD per month; unset: no dollar threshold. */
  maxIncreaseUsd?: number;
  /** Percent of the base's monthly cost; unset: no percentage threshold. */
  maxIncreasePercent?: number;
}

const signedUsd = (n: number) => `+${usd(n)}`;
const percentText = (p: number | null) => (p === null ? 'new spend' : `+${+p.toFixed(1)}%`);

/**
 * Every threshold that is set must be exceeded: +300% of a cent is noise, and so is +$50 on a $10k
 * feature when the team also set a percentage. Spend from nothing exceeds any percentage.
 */
function exceeds(change: number, percent: number | null, o: Options): boolean {
  if (o.maxIncreaseUsd === undefined && o.maxIncreasePercent === undefined) return false;
  if (!(change > 0)) return false;
  if (o.maxIncreaseUsd !== undefined && change <= o.maxIncreaseUsd) return false;
  if (o.maxIncreasePercent !== undefined && percent !== null && percent <= o.maxIncreasePercent) return false;
  return true;
}

function thresholdText(o: Options): string {
  const parts: string[] = [];
  if (o.maxIncreaseUsd !== undefined) parts.push(`${signedUsd(o.maxIncreaseUsd)}/month`);
  if (o.maxIncreasePercent !== undefined) parts.push(`+${o.maxIncreasePercent}%`);
  return parts.join(' and ');
}

function sitePercent(c: DiffCallSite): number | null {
  const before = c.before?.monthlyCost?.expected ?? 0;
  return before > 0 && c.monthlyChange !== null ? Math.round((c.monthlyChange / before) * 10000) / 100 : null;
}

/** The overall finding sits on the rule's entry in tollgate.yml when there is one. */
function configPosition(ctx: RuleContext<Options>): { file: string; line: number; column: number } {
  const file = ctx.policyConfig.file;
  if (!file) return { file: '(diff)', line: 1, column: 1 };
  const lines = (ctx.source(file) ?? '').split('\n');
  const at = lines.findIndex((l) => /^\s*["']?cost-increase["']?\s*:/.test(l));
  return at >= 0 ? { file, line: at + 1, column: lines[at].search(/\S/) + 1 } : { file, line: 1, column: 1 };
}

function checkSites(result: EstimatedResult, diff: Diff, ctx: RuleContext<Options>) {
  for (const c of diff.callSites) {
    if ((c.status !== 'added' && c.status !== 'changed') || c.monthlyChange === null) continue;
    const percent = sitePercent(c);
    if (!exceeds(c.monthlyChange, percent, ctx.options)) continue;
    const site = result.callSites.find((s) => s.id === c.id);
    const before = c.before?.monthlyCost?.expected ?? 0;
    const after = c.after?.monthlyCost?.expected ?? 0;
    const why = c.status === 'added' ? 'new call site' : c.details.join(', ') || 'changed';
    ctx.report({
      messageId: 'site',
      data: { change: signedUsd(c.monthlyChange), percent: percentText(percent), before: usd(before), after: usd(after), why, threshold: thresholdText(ctx.options) },
      ...(site ? { site } : { file: c.file, line: c.line, column: 1 }),
    });
  }
}

export const costIncrease: Rule<Options> = {
  meta: {
    id: 'cost-increase',
    description: 'In a diff (`tollgate check --base <ref>`), the monthly cost does not grow beyond a dollar and/or percentage threshold.',
    defaultSeverity: 'error',
    needs: 'a diff (check --base)',
    options: { maxIncreaseUsd: { type: 'number', minimum: 0, maximum: MAX_USD, unit: 'USD per month' }, maxIncreasePercent: { type: 'number', minimum: 0, maximum: MAX_USD, unit: 'percent' } },
    messages: {
      site: 'monthly cost {change} ({percent}): {before} → {after}/month ({why}); above the {threshold} threshold',
      total: 'this change raises the monthly estimate by {change} ({percent}): {before} → {after}/month; above the {threshold} threshold',
    },
  },
  checkResult(result, ctx) {
    const diff = (result as EstimatedResult & { diff?: Diff }).diff;
    if (!diff) return;
    checkSites(result, diff, ctx);
    const m = diff.totals.monthlyCost;
    if (m.change === null || !exceeds(m.change, m.base ? m.changePercent : null, ctx.options)) return;
    ctx.report({
      messageId: 'total',
      data: { change: usd(m.change), percent: percentText(m.base ? m.changePercent : null), before: usd(m.base ?? 0), after: usd(m.head ?? 0), threshold: thresholdText(ctx.options) },
      ...configPosition(ctx),
    });
  },
};
