import { MAX_FANOUT } from '../estimate/bounds';
import { globMatch } from '../glob';
import type { EstimatedCallSite } from '../estimate';
import { offsetOf } from './edits';
import type { Fix, Rule } from './types';

interface Options {
  /** The width the fix writes: a placeholder to correct, visible in review. */
  suggested: number;
}

const WHERE: Record<NonNullable<EstimatedCallSite['fanOut']>['kind'], string> = {
  loop: 'a loop',
  map: 'a `.map(...)`-style callback',
  'promise-all': 'a `Promise.all(...)`',
};

const OPEN = '([{';
const CLOSE = ')]}';

/**
 * The bracket depth after each character of `text` (-1 inside strings, whose brackets do not count);
 * null when the text closes a bracket it did not open (it starts inside an expression it does not hold).
 */
function depthsOf(text: string): number[] | null {
  const out: number[] = [];
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') {
        out.push(-1, -1);
        i++;
        continue;
      }
      if (ch === quote) quote = null;
      out.push(-1);
      continue;
    }
    if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
      out.push(-1);
      continue;
    }
    if (OPEN.includes(ch)) depth++;
    else if (CLOSE.includes(ch) && --depth < 0) return null;
    out.push(depth);
  }
  return out;
}

/** Index of the last `,` or `;` outside brackets and strings, or -1. */
function lastSeparator(text: string, depths: number[]): number {
  for (let i = text.length - 1; i >= 0; i--) if (depths[i] === 0 && (text[i] === ',' || text[i] === ';')) return i;
  return -1;
}

/**
 * `Promise.all([a(), b()])`: a call written as one element of the array runs once, whatever the
 * core's fan-out says; only calls produced by a callback or an iterable fan out.
 */
function isArrayElementOfPromiseAll(text: string, site: EstimatedCallSite): boolean {
  if (site.fanOut?.kind !== 'promise-all') return false;
  const lineStart = offsetOf(text, site.fanOut.line, 1);
  const callStart = offsetOf(text, site.line, site.column);
  const m = /Promise\s*\.\s*(all|allSettled|any|race)\s*\(\s*\[/.exec(text.slice(lineStart, callStart));
  if (!m) return false;
  const inside = text.slice(lineStart + m.index + m[0].length, callStart);
  const depths = depthsOf(inside);
  if (!depths || (depths.length && depths[depths.length - 1] !== 0)) return false;
  // The element holding the call starts after the last separator: it must be the call itself.
  return /^\s*(await\s+)?$/.test(inside.slice(lastSeparator(inside, depths) + 1));
}

/** The width declared for the site: its annotation, or a `usage.fanout` entry of tollgate.yml. */
function declaredWidth(site: EstimatedCallSite, fanout: Array<{ key: string }>): boolean {
  return site.annotation?.fanout != null || fanout.some((f) => f.key === site.id || globMatch(site.id, f.key, { dot: true }));
}

/**
 * A comment line above the call's line is read as the call's annotation when the line starts the
 * call or an expression holding it; a sibling before the call on the same line (`log(id, client.x())`)
 * would take the comment, so no fix is offered there.
 */
function annotationFix(text: string, site: EstimatedCallSite, width: number): Fix | null {
  const lineStart = offsetOf(text, site.line, 1);
  const prefix = text.slice(lineStart, offsetOf(text, site.line, site.column));
  const depths = depthsOf(prefix);
  if (!depths || lastSeparator(prefix, depths) >= 0) return null;
  const indent = prefix.match(/^[ \t]*/)![0];
  const newText = `${indent}// tollgate: fanout ${width}\n`;
  return { description: `Declare the width: // tollgate: fanout ${width}`, edits: [{ file: site.file, line: site.line, column: 1, endLine: site.line, endColumn: 1, newText }] };
}

export const unboundedFanOut: Rule<Options> = {
  meta: {
    id: 'unbounded-fan-out',
    description: 'A call inside a loop, `.map(...)` or `Promise.all(...)` declares how many times it runs.',
    defaultSeverity: 'warning',
    options: { suggested: { type: 'number', default: 10, minimum: 1, maximum: MAX_FANOUT, unit: 'calls' } },
    messages: {
      unbounded: 'LLM call inside {where} at line {line} with no known width: the estimate counts it once per invocation. Declare the width with `// tollgate: fanout N` above the call (or usage.fanout in tollgate.yml)',
    },
  },
  checkSite(site, ctx) {
    if (!site.fanOut || declaredWidth(site, ctx.estimateConfig.usage.fanout)) return;
    const source = ctx.source(site.file);
    if (source && isArrayElementOfPromiseAll(source, site)) return;
    const fix = source ? annotationFix(source, site, ctx.options.suggested) : null;
    ctx.report({ messageId: 'unbounded', data: { where: WHERE[site.fanOut.kind], line: site.fanOut.line }, site, ...(fix ? { fix } : {}) });
  },
};
