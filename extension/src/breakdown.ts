import type { EstimatedCallSite } from '../../shared/estimate';
import type { EstimateConfig } from '../../shared/estimate/types';
import { tagValue } from '../../shared/estimate/estimate';
import { sizePlaceholder } from '../../shared/estimate/placeholders';
import { countText } from '../../shared/estimate/tokens';
import type { Breakdown, PromptRow } from './protocol';

// The prompt of a call, part by part, with the tokens each stands for: static text counted with the
// core's tokenizer for the call's model, placeholders sized by the core's rules (annotation, config,
// default). Runs in the worker, on demand (a hover), never for every call site.

const MAX_LABEL = 80;

export function breakdownFor(site: EstimatedCallSite, config: EstimateConfig): Breakdown {
  const model = site.estimate.price?.model ?? site.estimate.models[0] ?? '';
  const feature = tagValue(site, 'feature');
  const rows: PromptRow[] = site.prompt.map((part) => {
    const role = part.role ?? 'user';
    if (part.type === 'text') {
      const c = countText(part.text, site.provider, model);
      const label = part.text.replace(/\s+/g, ' ').trim();
      const from = part.source ? `${part.source.file}:${part.source.line}, ` : '';
      return {
        role,
        kind: 'text',
        label: label.length > MAX_LABEL ? label.slice(0, MAX_LABEL - 1) + '…' : label,
        tokens: { low: c.tokens, expected: c.tokens, high: c.tokens },
        source: `${from}counted (${c.encoding}${c.exact ? '' : ', approximate'})`,
      };
    }
    const size = sizePlaceholder(part, site.annotation?.tokens ?? {}, feature, config);
    return { role, kind: 'placeholder', label: part.name, tokens: size.tokens, source: size.source === 'default' ? `default for a ${part.hint ?? 'value'}` : size.source };
  });
  return { siteId: site.id, prompt: rows };
}
