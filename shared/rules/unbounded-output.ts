import { MAX_TOKENS } from '../estimate/bounds';
import { insertIntoFirstObject } from './edits';
import type { Rule } from './types';

interface Options {
  /** The bound the fix writes. */
  suggested: number;
}

const GENERATIVE = new Set(['chat', 'batch', 'other']);

export const unboundedOutput: Rule<Options> = {
  meta: {
    id: 'unbounded-output',
    description: 'Generation calls set a maximum number of output tokens.',
    defaultSeverity: 'warning',
    options: { suggested: { type: 'number', default: 1024, minimum: 1, maximum: MAX_TOKENS, unit: 'tokens' } },
    messages: {
      unbounded: 'no {option} bound: one call may produce up to {max} output tokens ({cost} at {model} prices)',
    },
  },
  checkSite(site, ctx) {
    if (!GENERATIVE.has(site.kind) || site.options.maxOutputTokens || !site.options.maxOutputOption) return;
    const e = site.estimate;
    const max = e.outputTokens.high;
    const cost = e.costPerCall ? `$${e.costPerCall.high.toPrecision(2)} a call at the high end` : 'price unknown';
    const source = ctx.source(site.file);
    const edit = source ? insertIntoFirstObject(source, site, `${site.options.maxOutputOption}: ${ctx.options.suggested}`) : null;
    ctx.report({
      messageId: 'unbounded',
      data: { option: site.options.maxOutputOption, max: max ? max.toLocaleString('en-US') : "the model's maximum", cost, model: e.price?.model ?? 'unknown' },
      site,
      ...(edit ? { fix: { description: `Add ${site.options.maxOutputOption}: ${ctx.options.suggested}`, edits: [edit] } } : {}),
    });
  },
};
