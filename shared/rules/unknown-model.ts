import { isOwnServer } from '../estimate/self-hosted';
import type { Rule } from './types';

export const unknownModel: Rule = {
  meta: {
    id: 'unknown-model',
    description: 'Every model a call uses is in the pricing table (a typo, or a model too new to be priced).',
    defaultSeverity: 'warning',
    options: {},
    messages: {
      unknown: '`{model}` is not in the pricing table{nearest}: its cost cannot be estimated',
    },
  },
  checkSite(site, ctx) {
    // A server of one's own has no price list to be missing from: the estimate says so instead.
    if (isOwnServer(site.provider)) return;
    const models = site.model.status === 'exact' ? [site.model.value] : site.model.status === 'oneOf' ? site.model.values : [];
    for (const m of models) {
      if (ctx.table.lookup(site.provider, m)) continue;
      const near = ctx.table.nearest(m, 3);
      ctx.report({ messageId: 'unknown', data: { model: m, nearest: near.length ? ` (did you mean ${near.join(', ')}?)` : '' }, site });
    }
  },
};
