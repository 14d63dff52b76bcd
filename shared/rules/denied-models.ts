import { listNames, listsFor, MODEL_LIST_OPTIONS, modelsOf, type ModelListOptions } from './model-lists';
import type { Rule } from './types';

export const deniedModels: Rule<ModelListOptions> = {
  meta: {
    id: 'denied-models',
    description: 'Calls do not use a model the team denies, globally, per path or per environment.',
    defaultSeverity: 'off',
    options: MODEL_LIST_OPTIONS,
    messages: {
      denied: '{model} is denied by {list} (denied: {globs})',
    },
  },
  checkSite(site, ctx) {
    const lists = listsFor(site, ctx.options);
    for (const model of modelsOf(site)) {
      const denying = lists.find((l) => listNames(l, model, site.provider, ctx.table));
      if (denying) ctx.report({ messageId: 'denied', data: { model, list: denying.name, globs: denying.globs.join(', ') }, site });
    }
  },
};
