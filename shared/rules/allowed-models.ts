import { listNames, listsFor, MODEL_LIST_OPTIONS, modelsOf, type ModelListOptions } from './model-lists';
import type { Rule } from './types';

export const allowedModels: Rule<ModelListOptions> = {
  meta: {
    id: 'allowed-models',
    description: 'Calls use only the models the team allows, globally, per path and per environment.',
    defaultSeverity: 'off',
    options: MODEL_LIST_OPTIONS,
    messages: {
      notAllowed: '{model} is not allowed by {list} (allowed: {globs})',
    },
  },
  checkSite(site, ctx) {
    const lists = listsFor(site, ctx.options);
    for (const model of modelsOf(site)) {
      // Every list that applies must allow the model: the first one that does not is the one to name.
      const refusing = lists.find((l) => !listNames(l, model, site.provider, ctx.table));
      if (refusing) ctx.report({ messageId: 'notAllowed', data: { model, list: refusing.name, globs: refusing.globs.join(', ') || 'none' }, site });
    }
  },
};
