import type { Rule } from './types';

export const unresolvedModel: Rule = {
  meta: {
    id: 'unresolved-model',
    description: 'The model of a call can be determined statically.',
    defaultSeverity: 'info',
    options: {},
    messages: {
      unresolved: 'the model cannot be determined statically: {reason}',
    },
  },
  checkSite(site, ctx) {
    if (site.model.status === 'unknown') ctx.report({ messageId: 'unresolved', data: { reason: site.model.reason }, site });
  },
};
