import type { EstimatedCallSite } from '.';
import type { EstimateConfig } from './types';
import { tagValue } from './estimate';
import { sizePlaceholder } from './placeholders';
import { countText } from './tokens';

// The prompt of a call, part by part, with the tokens each stands for: static text counted with the
// tokenizer of the call's model, placeholders sized by the same rules as the estimate (annotation,
// config, default). Made on demand (an editor's hover), not for every call site of a scan.

export interface PromptRow {
  role: string;
  kind: 'text' | 'placeholder';
  /** The static text (shortened) or the placeholder's name. */
  label: string;
  tokens: { low: number; expected: number; high: number };
  /** How the size was found: counted (with the encoding), annotation, config, default. */
  source: string;
}

export interface PromptBreakdown {
  siteId: string;
  prompt: PromptRow[];
}

const MAX_LABEL = 80;

export function promptBreakdown(site: EstimatedCallSite, config: EstimateConfig): PromptBreakdown {
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
