import picomatch from 'picomatch';
import type { EstimatedCallSite } from '../estimate';
import { insertIntoFirstObject } from './edits';
import type { Fix, Rule } from './types';

interface Options {
  required: string[];
  /** Mechanisms that count (prefixes such as 'openai.metadata', 'helicone'); empty: any. */
  mechanisms: string[];
  /** Only tags that reach the provider's own bill count. */
  reachBill: boolean;
  /** Other required keys for some paths: glob → comma-separated keys. */
  paths: Record<string, string>;
}

function requiredFor(site: EstimatedCallSite, options: Options): string[] {
  let required = options.required;
  for (const [glob, keys] of Object.entries(options.paths)) {
    if (picomatch.isMatch(site.file, glob, { dot: true })) required = keys.split(',').map((k) => k.trim()).filter(Boolean);
  }
  return required;
}

/** The tags in the form the SDK of the call attaches them; null where no in-place form is safe. */
function fixFor(site: EstimatedCallSite, missing: string[], source: string | null): Fix | null {
  if (!source) return null;
  const values = missing.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: 'TODO'`).join(', ');
  let property: string | null = null;
  if (site.sdk === 'openai' && /^(chat\.completions|responses)\./.test(site.api)) property = `metadata: { ${values} }`;
  else if (site.sdk === 'vercel-ai') property = `experimental_telemetry: { isEnabled: true, metadata: { ${values} } }`;
  if (!property) return null;
  const edit = insertIntoFirstObject(source, site, property);
  return edit ? { description: `Add ${missing.join(', ')} as ${property.split(':')[0]}`, edits: [edit] } : null;
}

export const missingAttribution: Rule<Options> = {
  meta: {
    id: 'missing-attribution',
    description: 'Every LLM call carries the tags a cost report groups by (team, feature, ...).',
    defaultSeverity: 'warning',
    options: {
      required: { type: 'string[]', default: ['team', 'feature'] },
      mechanisms: { type: 'string[]', default: [] },
      reachBill: { type: 'boolean', default: false },
      paths: { type: 'map', default: {} },
    },
    messages: {
      missing: 'LLM call without {keys} attribution: its spend cannot be assigned ({found})',
    },
  },
  checkSite(site, ctx) {
    const accepted = site.tags.filter(
      (t) => t.key !== '*' && (!ctx.options.reachBill || t.reachesBill) && (!ctx.options.mechanisms.length || ctx.options.mechanisms.some((m) => t.mechanism.startsWith(m))),
    );
    const have = new Set(accepted.map((t) => t.key));
    const missing = requiredFor(site, ctx.options).filter((k) => !have.has(k));
    if (!missing.length) return;
    const found = accepted.length ? `found: ${[...have].sort().join(', ')}` : 'no tags found';
    const fix = fixFor(site, missing, ctx.source(site.file));
    ctx.report({ messageId: 'missing', data: { keys: missing.join(', '), found }, site, ...(fix ? { fix } : {}) });
  },
};
