import { globMatch } from '../glob';
import { estimateSite } from '../estimate/estimate';
import { replaceLiteral } from './edits';
import type { Rule, Suggestion } from './types';
import { difference } from '../estimate/money';


interface Options {
  /** Models (globs) the team allows at the frontier tier. */
  allow: string[];
  /** The cheaper model the policy suggests, by model (glob) → model. */
  suggest: Record<string, string>;
}

/** The usual step down within a provider's family, when the policy names none. */
const STEP_DOWN: Array<[RegExp, string]> = [
  [/^gpt-5(\.\d+)?(-\d{4}-\d{2}-\d{2})?$/, 'gpt-5-mini'],
  [/^gpt-4\.1(-\d{4}-\d{2}-\d{2})?$/, 'gpt-4.1-mini'],
  [/^gpt-4o(-\d{4}-\d{2}-\d{2})?$/, 'gpt-4o-mini'],
  [/^(o1|o3)(-pro)?(-\d{4}-\d{2}-\d{2})?$/, 'o4-mini'],
  [/^claude-opus/, 'claude-sonnet-4-5'],
  [/^claude-(3-7-)?sonnet/, 'claude-haiku-4-5'],
  [/^gemini-[\d.]+-pro/, 'gemini-2.5-flash'],
  [/^grok-4/, 'grok-3-mini'],
  [/^mistral-large/, 'mistral-small-latest'],
  [/^command-a|^command-r-plus/, 'command-r'],
];

function suggestionFor(model: string, options: Options): string | null {
  for (const [glob, to] of Object.entries(options.suggest)) if (globMatch(model, glob)) return to;
  for (const [re, to] of STEP_DOWN) if (re.test(model)) return to;
  return null;
}

const usd = (n: number) => (Math.abs(n) >= 1 ? '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : `$${n.toPrecision(2)}`);

export const frontierDefault: Rule<Options> = {
  meta: {
    id: 'frontier-default',
    description: 'A frontier-tier model is used only with a written justification.',
    defaultSeverity: 'warning',
    options: { allow: { type: 'string[]', default: [] }, suggest: { type: 'map', default: {} } },
    messages: {
      frontier: '{model} is a frontier-tier model; {alternative}. Justify it with `// tollgate-allow frontier-default: <reason>`',
    },
  },
  checkSite(site, ctx) {
    if (site.model.status !== 'exact') return;
    const model = site.model.value;
    const match = ctx.table.lookup(site.provider, model);
    if (!match || match.entry.tier !== 'frontier') return;
    if (ctx.options.allow.some((g) => globMatch(model, g))) return;
    const cheaper = suggestionFor(model, ctx.options);
    let alternative = 'no cheaper model of the same provider is suggested by the policy';
    let fix;
    let suggestion: Suggestion | undefined;
    if (cheaper && ctx.table.lookup(site.provider, cheaper)) {
      // Every caller's unit gets the cheaper model too: a split site's monthly figure is its units' sum.
      const callers = site.callers.map((c) => ({ ...c, values: { ...c.values, model: { status: 'exact' as const, value: cheaper } } }));
      const swapped = estimateSite({ ...site, model: { status: 'exact', value: cheaper }, callers }, ctx.table, ctx.estimateConfig);
      const now = site.estimate;
      suggestion = {
        model: cheaper,
        monthlySaving: now.monthlyCost && swapped.monthlyCost ? difference(now.monthlyCost.expected, swapped.monthlyCost.expected) : null,
        costPerCall: swapped.costPerCall?.expected ?? null,
        currentCostPerCall: now.costPerCall?.expected ?? null,
      };
      if (now.monthlyCost && swapped.monthlyCost) alternative = `${cheaper} would save about ${usd(now.monthlyCost.expected - swapped.monthlyCost.expected)}/month at the estimated volume`;
      else if (now.costPerCall && swapped.costPerCall) alternative = `${cheaper} would cost ${usd(swapped.costPerCall.expected)} a call instead of ${usd(now.costPerCall.expected)} (no volume known)`;
      else alternative = `consider ${cheaper}`;
      const source = ctx.source(site.file);
      const edit = source ? replaceLiteral(source, site, model, cheaper) : null;
      if (edit) fix = { description: `Use ${cheaper}`, edits: [edit] };
    }
    ctx.report({ messageId: 'frontier', data: { model, alternative }, site, ...(fix ? { fix } : {}), ...(suggestion ? { suggestion } : {}) });
  },
};
