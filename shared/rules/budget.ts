import type { EstimatedResult } from '../estimate';
import type { TotalRow } from '../estimate/types';
import type { BudgetEntry, BudgetsConfig } from '../config/budgets-config';
import { usd } from '../reporters/format';
import type { Rule, RuleContext } from './types';
import { sumDollars } from '../estimate/money';

/** What a budget is compared with: the expected monthly dollars and the call sites left out of them. */
interface Spend {
  expected: number;
  missingVolume: number;
  unknownModel: number;
  /** How team rows got their owner: '' (tags), 'CODEOWNERS' or 'mixed'. */
  via: string;
}

/** A budget in whole dollars reads as written ($500); cents only when the budget has them. */
export const budgetUsd = (n: number) => (Number.isInteger(n) ? '$' + n.toLocaleString('en-US') : usd(n));

/** A CODEOWNERS owner such as `@acme/support` also answers to the budget key `support`. */
function ownerMatches(owner: string, key: string): boolean {
  return owner === key || owner.replace(/^@/, '').replace(/^[^/]*\//, '') === key.replace(/^@/, '');
}

function spendOf(rows: TotalRow[]): Spend | null {
  if (!rows.length) return null;
  const vias = new Set(rows.map((r) => (r.via === 'tag' || r.via === undefined ? '' : r.via)));
  return {
    expected: sumDollars(rows.map((r) => r.monthlyCost.expected)),
    missingVolume: rows.reduce((sum, r) => sum + r.missingVolume, 0),
    unknownModel: rows.reduce((sum, r) => sum + r.unknownModel, 0),
    via: vias.size === 1 ? [...vias][0] : 'mixed',
  };
}

function gapsText(s: Spend): string {
  const parts: string[] = [];
  if (s.missingVolume) parts.push(`${s.missingVolume} call site${s.missingVolume === 1 ? '' : 's'} without volume`);
  if (s.unknownModel) parts.push(`${s.unknownModel} without a price`);
  if (!parts.length) return '';
  const one = s.missingVolume + s.unknownModel === 1;
  return `; ${parts.join(' and ')} ${one ? 'is' : 'are'} not in the figure`;
}

const viaText = (via: string) => (via === 'CODEOWNERS' ? ' (via CODEOWNERS)' : via === 'mixed' ? ' (via tags and CODEOWNERS)' : '');

function check(scope: string, spend: Spend | null, budget: BudgetEntry, budgets: BudgetsConfig, ctx: RuleContext<Options>) {
  if (!spend) return;
  const percent = (spend.expected / budget.usd) * 100;
  const crossed = budgets.levels.filter((l) => percent >= l);
  if (!crossed.length) return;
  const level = crossed[crossed.length - 1];
  ctx.report({
    messageId: 'over',
    severity: level >= budgets.failAt ? 'error' : 'warning',
    data: { scope: scope + viaText(spend.via), spent: usd(spend.expected), percent: Math.round(percent), budget: budgetUsd(budget.usd), level, gaps: gapsText(spend) },
    file: ctx.policyConfig.file ?? '(budget)',
    subject: scope,
    measure: spend.expected,
    line: budget.line,
    column: budget.column,
  });
}

type Options = Record<string, never>;

export const budget: Rule<Options> = {
  meta: {
    id: 'budget',
    description: 'Monthly projections stay within the budgets of tollgate.yml (total, per team, per feature).',
    defaultSeverity: 'error',
    needs: 'budgets: in tollgate.yml',
    options: {},
    messages: {
      over: '{scope}: {spent}/month estimated, {percent}% of its {budget} budget (level {level}%){gaps}',
    },
  },
  checkResult(result: EstimatedResult, ctx) {
    const budgets = ctx.policyConfig.budgets;
    if (!budgets) return;
    const t = result.totals;
    if (budgets.total) {
      const o = t.overall;
      check('total', { expected: o.monthlyCost.expected, missingVolume: o.missingVolume, unknownModel: o.unknownModel, via: '' }, budgets.total, budgets, ctx);
    }
    for (const b of budgets.teams) check(`team ${b.key}`, spendOf(t.byTeam.filter((r) => ownerMatches(r.key, b.key))), b, budgets, ctx);
    for (const b of budgets.features) check(`feature ${b.key}`, spendOf(t.byFeature.filter((r) => r.key === b.key)), b, budgets, ctx);
  },
};
