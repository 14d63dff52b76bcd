import type { EstimatedResult } from '../estimate';
import type { OutcomeConfig } from '../config/budgets-config';
import { count, usd } from '../reporters/format';
import type { Rule } from './types';
import { dollars } from '../estimate/money';
import { gapOf } from '../reporters/gaps';

/** A feature's cost per unit of work (JSON `outcomes`, issue 4). */
export interface OutcomeCost {
  feature: string;
  outcome: string;
  perMonth: number;
  /** The feature's expected monthly dollars (call sites with volume only). */
  monthlyCost: number;
  /** monthlyCost / perMonth; null when none of the feature's call sites has a volume and a price. */
  costPerOutcome: number | null;
  maxUsd: number | null;
  callSites: number;
  /** Call sites of the feature left out of monthlyCost: no volume, or no price. */
  missingVolume: number;
  unknownModel: number;
}

const round = dollars;

/** A ceiling as the team wrote it in tollgate.yml ($0.01, $0.004), not rounded to two significant digits. */
export const writtenUsd = (n: number) => '$' + n.toLocaleString('en-US', { maximumFractionDigits: 10 });

/** Cost per outcome for every feature that declares one, in the order of tollgate.yml's keys (sorted). */
export function outcomeCosts(result: EstimatedResult, outcomes: OutcomeConfig[]): OutcomeCost[] {
  return outcomes.map((o) => {
    const row = result.totals.byFeature.find((r) => r.key === o.feature);
    const priced = row ? row.callSites - row.missingVolume - row.unknownModel : 0;
    const monthlyCost = row ? row.monthlyCost.expected : 0;
    return {
      feature: o.feature,
      outcome: o.outcome,
      perMonth: o.perMonth,
      monthlyCost,
      costPerOutcome: priced > 0 ? round(monthlyCost / o.perMonth) : null,
      maxUsd: o.maxUsd,
      callSites: row?.callSites ?? 0,
      missingVolume: row?.missingVolume ?? 0,
      unknownModel: row?.unknownModel ?? 0,
    };
  });
}

const sites = (n: number) => `${n} call site${n === 1 ? '' : 's'}`;

/** No figure: for want of volumes, of prices, or both, said apart (two different fixes). */
function gapText(c: OutcomeCost): string {
  const gap = gapOf(c);
  if (gap === 'no price') return `no price (${sites(c.unknownModel)} whose model has no price)`;
  if (gap === 'needs volume, no price') return `needs volume and prices (${sites(c.missingVolume)} without a volume, ${c.unknownModel} whose model has no price)`;
  return `needs volume (${sites(c.missingVolume)} without a volume)`;
}

/** "$0.0068 per ticket ($612.40/month over 90k tickets)", the figure both the report and the rule print. */
export function outcomeText(c: OutcomeCost): string {
  if (c.costPerOutcome === null) return c.callSites ? gapText(c) : 'no call sites tagged with this feature';
  const left = c.missingVolume + c.unknownModel;
  return `${usd(c.costPerOutcome)} per ${c.outcome} (${usd(c.monthlyCost)}/month over ${count(c.perMonth)} ${c.outcome}s)${left ? `, ${left} call site${left === 1 ? '' : 's'} not in the figure` : ''}`;
}

type Options = Record<string, never>;

export const costPerOutcome: Rule<Options> = {
  meta: {
    id: 'cost-per-outcome',
    description: "A feature's LLM cost per outcome (ticket, document, lead) stays under the ceiling its `outcomes:` entry sets.",
    defaultSeverity: 'error',
    needs: 'outcomes: in tollgate.yml',
    options: {},
    messages: {
      over: 'feature {feature}: {figure}, above its ceiling of {max} per {outcome}',
    },
  },
  checkResult(result, ctx) {
    const declared = ctx.policyConfig.outcomes;
    const costs = outcomeCosts(result, declared);
    costs.forEach((c, i) => {
      if (c.maxUsd === null || c.costPerOutcome === null || c.costPerOutcome <= c.maxUsd) return;
      ctx.report({
        messageId: 'over',
        data: { feature: c.feature, figure: outcomeText(c), max: writtenUsd(c.maxUsd), outcome: c.outcome },
        file: ctx.policyConfig.file ?? '(outcomes)',
        subject: `${c.feature} per ${c.outcome}`,
        measure: c.costPerOutcome,
        line: declared[i].line,
        column: declared[i].column,
      });
    });
  },
};
