import { globMatch } from '../glob';
import type { EstimatedCallSite } from '../estimate';
import { attributionEdit, autoStyle, describeFix, FIX_STYLES, type FixStyle } from './attribution-fix';
import type { Fix, Rule } from './types';

interface Options {
  required: string[];
  /** Mechanisms that count (prefixes such as 'openai.metadata', 'helicone'); empty: any. */
  mechanisms: string[];
  /** Only tags that reach the provider's own bill count. */
  reachBill: boolean;
  /** Other required keys for some paths: glob → comma-separated keys. */
  paths: Record<string, string>;
  /** The form the fix writes the tags in (see FIX_STYLES). */
  fixStyle: string;
}

function requiredFor(site: EstimatedCallSite, options: Options): string[] {
  let required = options.required;
  for (const [glob, keys] of Object.entries(options.paths)) {
    if (globMatch(site.file, glob, { dot: true })) required = keys.split(',').map((k) => k.trim()).filter(Boolean);
  }
  return required;
}

/** The tags in the form `fixStyle` names ('auto': the SDK's own, else the gateway's); null where no in-place form is safe. */
function fixFor(site: EstimatedCallSite, missing: string[], source: string | null, fixStyle: string): Fix | null {
  if (!source || !FIX_STYLES.includes(fixStyle as FixStyle)) return null;
  const style = fixStyle === 'auto' ? autoStyle(site) : (fixStyle as Exclude<FixStyle, 'auto'>);
  const edit = style && attributionEdit(source, site, missing, style);
  return edit ? { description: describeFix(missing, style), edits: [edit] } : null;
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
      fixStyle: { type: 'string', default: 'auto' },
    },
    messages: {
      missing: 'LLM call without {keys} attribution: its spend cannot be assigned ({found})',
      badFixStyle: '`missing-attribution` fixStyle must be one of {styles}, not "{style}"',
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
    const fix = fixFor(site, missing, ctx.source(site.file), ctx.options.fixStyle);
    ctx.report({ messageId: 'missing', data: { keys: missing.join(', '), found }, site, ...(fix ? { fix } : {}) });
  },
  checkResult(_result, ctx) {
    // The options schema has no enums: a mistyped style is reported once rather than silently ignored.
    const style = ctx.options.fixStyle;
    if (!FIX_STYLES.includes(style as FixStyle)) ctx.report({ messageId: 'badFixStyle', data: { styles: FIX_STYLES.join(', '), style }, file: ctx.policyConfig.file ?? 'tollgate.yml', line: 1, column: 1 });
  },
};
