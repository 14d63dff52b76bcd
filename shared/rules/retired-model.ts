import { daysBetween } from '../clock';
import { lifecycleApplies, type PriceEntry } from '../pricing/table';
import type { Rule } from './types';

// A call to a model its provider has retired fails at run time; one near retirement will. The dates
// are the provider's own API's (pricing/models.json `retires`, sources in pricing/SOURCES.md): a host
// that resells the model (Azure OpenAI, Bedrock, Vertex AI) keeps its own schedule, so a price
// borrowed from the vendor's entry says nothing about the host's retirement (lifecycleApplies).

interface Options {
  /** Days before the retirement date from which a call is a warning. */
  warnDays: number;
}

/** Days the default warns ahead: a quarter, roughly the notice the providers give (OpenAI 3 to 6 months, Anthropic at least 60 days). */
export const DEFAULT_WARN_DAYS = 90;
const MAX_WARN_DAYS = 3650;

const replacementText = (e: PriceEntry) => (e.replacement ? `; the provider names \`${e.replacement}\` as its replacement` : '');

export const retiredModel: Rule<Options> = {
  meta: {
    id: 'retired-model',
    description: 'No call uses a model past its provider\'s retirement date (error) or within warnDays of it (warning).',
    defaultSeverity: 'error',
    options: { warnDays: { type: 'number', default: DEFAULT_WARN_DAYS, minimum: 0, maximum: MAX_WARN_DAYS, unit: 'days' } },
    messages: {
      retired: '`{model}` was retired by {provider} on {retires}: calls to it fail{replacement}',
      retiring: '`{model}` retires on {retires} ({days} from {today}): calls to it will fail from then on{replacement}',
    },
  },
  checkSite(site, ctx) {
    const models = site.model.status === 'exact' ? [site.model.value] : site.model.status === 'oneOf' ? site.model.values : [];
    const seen = new Set<PriceEntry>();
    for (const model of models) {
      const entry = ctx.table.lookup(site.provider, model)?.entry;
      if (!entry?.retires || seen.has(entry) || !lifecycleApplies(site.provider, entry, site.sdk)) continue;
      seen.add(entry);
      const days = daysBetween(ctx.today, entry.retires);
      const data = { model, provider: entry.provider, retires: entry.retires, today: ctx.today, days: `${days} day${days === 1 ? '' : 's'}`, replacement: replacementText(entry) };
      if (days <= 0) ctx.report({ messageId: 'retired', data, site });
      else if (days <= ctx.options.warnDays) ctx.report({ messageId: 'retiring', severity: 'warning', data, site });
    }
  },
};

