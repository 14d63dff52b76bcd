import { MAX_USD } from '../estimate/bounds';
import type { Rule } from './types';

interface Options {
  /** The most one call may cost, in dollars; unset: the rule checks nothing. */
  maxUsd: number | undefined;
  /** Which end of the estimate is held to the ceiling. */
  level: string;
}

const LEVELS = ['expected', 'high'] as const;

/** Enough digits to tell a figure from the ceiling it is compared with. */
const usd = (n: number) => (n >= 0.1 ? `$${n.toFixed(2)}` : `$${+n.toPrecision(2)}`);

export const perCallCeiling: Rule<Options> = {
  meta: {
    id: 'per-call-ceiling',
    description: 'One call costs no more than a ceiling (expected or high-end estimate).',
    defaultSeverity: 'warning',
    needs: 'its maxUsd option',
    options: { maxUsd: { type: 'number', minimum: 0, maximum: MAX_USD, unit: 'USD per call' }, level: { type: 'string', default: 'expected' } },
    messages: {
      above: '{level} cost per call {cost} at {model} prices is above the {max} ceiling',
      badLevel: '`per-call-ceiling` level must be one of expected, high, not "{level}"',
    },
  },
  checkSite(site, ctx) {
    const { maxUsd, level } = ctx.options;
    if (maxUsd == null || !LEVELS.includes(level as never)) return;
    const cost = site.estimate.costPerCall?.[level as (typeof LEVELS)[number]];
    if (cost == null || cost <= maxUsd) return;
    const models = site.estimate.models.filter((m) => ctx.table.lookup(site.provider, m));
    const model = level === 'high' && site.estimate.price ? site.estimate.price.model : models.join(' / ');
    ctx.report({ messageId: 'above', data: { level: level === 'high' ? 'high-end' : 'expected', cost: usd(cost), model, max: usd(maxUsd) }, site, measure: cost });
  },
  checkResult(_result, ctx) {
    // The options schema has no enums: a mistyped level is reported once rather than silently ignored.
    const { maxUsd, level } = ctx.options;
    if (maxUsd != null && !LEVELS.includes(level as never)) ctx.report({ messageId: 'badLevel', data: { level }, file: ctx.policyConfig.file ?? 'tollgate.yml', line: 1, column: 1 });
  },
};
