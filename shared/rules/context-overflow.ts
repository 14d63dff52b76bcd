import type { Rule } from './types';

// A prompt that cannot fit the model's context window is refused by the provider on every call:
// the estimate found it (static text plus each placeholder at its smallest), the rule says so.

export const contextOverflow: Rule = {
  meta: {
    id: 'context-overflow',
    description: "A prompt fits the model's context window: its static text plus the smallest size of its placeholders.",
    defaultSeverity: 'error',
    options: {},
    messages: {
      overflow: 'the prompt is at least {tokens} tokens, more than the {window}-token context window of `{model}`: the provider refuses the request',
    },
  },
  checkSite(site, ctx) {
    for (const o of site.estimate.contextOverflow ?? []) {
      ctx.report({ messageId: 'overflow', data: { tokens: o.inputTokens.toLocaleString('en-US'), window: o.contextWindow.toLocaleString('en-US'), model: o.model }, site });
    }
  },
};
