import type { EstimatedCallSite } from '../estimate';
import { offsetOf, positionOf } from './edits';
import { isLineBreak, nextLineBreak } from '../lines';
import type { TextEdit } from './types';

// missing-attribution's fix in each form a team may standardise on. Edits are computed from the call's
// text: the argument list and object literals are found with a small bracket- and string-aware scan.

export const FIX_STYLES = ['auto', 'openai-metadata', 'litellm-tags', 'helicone-headers', 'portkey-metadata', 'vercel-telemetry', 'langchain-config'] as const;
export type FixStyle = (typeof FIX_STYLES)[number];

interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** The offset just past a string, template or comment starting at `i`; `i` itself when none starts there. */
function skipNonCode(text: string, i: number): number {
  const c = text[i];
  if (c === '/' && text[i + 1] === '/') {
    return nextLineBreak(text, i);
  }
  if (c === '/' && text[i + 1] === '*') {
    const close = text.indexOf('*/', i + 2);
    return close < 0 ? text.length : close + 2;
  }
  if (c === "'" || c === '"') {
    let j = i + 1;
    while (j < text.length && text[j] !== c && !isLineBreak(text.charCodeAt(j))) j += text[j] === '\\' ? 2 : 1;
    return j + 1;
  }
  if (c === '`') {
    let j = i + 1;
    while (j < text.length && text[j] !== '`') {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '$' && text[j + 1] === '{') j = closeOf(text, j + 1) + 1;
      else j++;
    }
    return j + 1;
  }
  return i;
}

/** The offset of the bracket closing the one at `open` (text.length when unbalanced). */
function closeOf(text: string, open: number): number {
  const stack = [OPEN[text[open]]];
  let i = open + 1;
  while (i < text.length) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    const c = text[i];
    if (OPEN[c]) stack.push(OPEN[c]);
    else if (c === stack[stack.length - 1]) {
      stack.pop();
      if (!stack.length) return i;
    }
    i++;
  }
  return text.length;
}

/** Top-level pieces between `open` and its closing bracket, split at commas, trimmed (a trailing comma adds none). */
function pieces(text: string, open: number): { items: Span[]; close: number } {
  const close = closeOf(text, open);
  const items: Span[] = [];
  let from = open + 1;
  const push = (to: number) => {
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body) items.push({ start: from + lead, end: from + lead + body.length });
  };
  let i = open + 1;
  while (i < close) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (OPEN[text[i]]) i = closeOf(text, i) + 1;
    else if (text[i] === ',') {
      push(i);
      from = ++i;
    } else i++;
  }
  push(close);
  // A piece that is only a comment is no argument.
  return { items: items.filter((s) => !(text[s.start] === '/' && skipNonCode(text, s.start) >= s.end)), close };
}

/** The argument list of the call: the last top-level `( ... )` of the call's text. */
function callArguments(text: string, site: EstimatedCallSite): { items: Span[]; open: number; close: number } | null {
  const start = offsetOf(text, site.line, site.column);
  const end = offsetOf(text, site.endLine, site.endColumn);
  let open = -1;
  let i = start;
  while (i < end) {
    const skipped = skipNonCode(text, i);
    if (skipped !== i) {
      i = skipped;
      continue;
    }
    if (OPEN[text[i]]) {
      if (text[i] === '(') open = i;
      i = closeOf(text, i) + 1;
    } else i++;
  }
  if (open < 0) return null;
  const { items, close } = pieces(text, open);
  return close < end ? { items, open, close } : null;
}

const unquote = (key: string) => key.replace(/^(['"])(.*)\1$/, '$2');

/** A property of an object literal written in place: its value's span; null when absent. */
function propertyValue(text: string, objectOpen: number, name: string): Span | null | 'unsafe' {
  for (const item of pieces(text, objectOpen).items) {
    const piece = text.slice(item.start, item.end);
    if (piece.startsWith('...')) continue;
    const m = piece.match(/^((['"])[^'"]*\2|[A-Za-z_$][\w$]*)\s*:\s*/);
    if (m && unquote(m[1]).toLowerCase() === name.toLowerCase()) return { start: item.start + m[0].length, end: item.end };
    // Shorthand `{ metadata }` or a computed key: the value is not written here.
    if (!m && unquote(piece).toLowerCase() === name.toLowerCase()) return 'unsafe';
  }
  return null;
}

/** One level of the nesting a form needs: the key, and what a new object at this level starts with. */
export interface Level {
  key: string;
  /** Written before the nested content when the level is created (`isEnabled: true, `). */
  also?: string;
}

/** What the innermost level receives: properties of an object, or items of an array. */
export interface Leaf {
  kind: 'props' | 'items';
  text: string;
  /** A key whose presence leaves nothing safe to add (a second `x-portkey-metadata` would replace the first). */
  unique?: string;
}

function insertion(text: string, at: number, newText: string, file: string): TextEdit {
  const pos = positionOf(text, at);
  return { file, line: pos.line, column: pos.column, endLine: pos.line, endColumn: pos.column, newText };
}

/** The property text for `levels` holding `leaf`, e.g. `metadata: { team: 'TODO' }`. */
export function propertyText(levels: Level[], leaf: Leaf): string {
  const [first, ...rest] = levels;
  const key = /^[A-Za-z_$][\w$]*$/.test(first.key) ? first.key : `'${first.key}'`;
  const value = rest.length ? `{ ${first.also ?? ''}${propertyText(rest, leaf)} }` : leaf.kind === 'props' ? `{ ${first.also ?? ''}${leaf.text} }` : `[${leaf.text}]`;
  return `${key}: ${value}`;
}

/**
 * Adds `leaf` under `levels` inside the object literal opening at `open`, reusing the levels already
 * written as literals; null when one of them is a variable, a call or a shorthand (nothing safe to edit).
 */
function addInto(text: string, open: number, levels: Level[], leaf: Leaf, file: string): TextEdit | null {
  if (!levels.length) {
    if (text[open] !== (leaf.kind === 'props' ? '{' : '[')) return null;
    if (leaf.unique && propertyValue(text, open, leaf.unique) !== null) return null;
    if (leaf.kind === 'items') return insertion(text, open + 1, pieces(text, open).items.length ? `${leaf.text}, ` : leaf.text, file);
    return atObjectStart(text, open, leaf.text, file);
  }
  const value = propertyValue(text, open, levels[0].key);
  if (value === 'unsafe') return null;
  if (value) return addInto(text, value.start, levels.slice(1), leaf, file);
  return atObjectStart(text, open, propertyText(levels, leaf), file);
}

/** Inserts properties first in an object literal, on a line of their own when its properties are. */
function atObjectStart(text: string, open: number, props: string, file: string): TextEdit {
  if (!pieces(text, open).items.length) return insertion(text, open + 1, ` ${props} `, file);
  const m = text.slice(open + 1).match(/^\s*\n([ \t]*)/);
  return insertion(text, open + 1, m ? `\n${m[1]}${props},` : ` ${props},`, file);
}

/** Adds to the call's first argument when it is an object literal written in place. */
export function addToFirstArgument(text: string, site: EstimatedCallSite, levels: Level[], leaf: Leaf): TextEdit | null {
  const args = callArguments(text, site);
  const first = args?.items[0];
  if (!first || text[first.start] !== '{') return null;
  return addInto(text, first.start, levels, leaf, site.file);
}

/**
 * Adds to the call's second argument (request options, a LangChain config): into it when it is an
 * object literal, as a new argument when the call has exactly one; null otherwise.
 */
export function addToSecondArgument(text: string, site: EstimatedCallSite, levels: Level[], leaf: Leaf): TextEdit | null {
  const args = callArguments(text, site);
  if (!args) return null;
  if (args.items.length === 1) return insertion(text, args.items[0].end, `, { ${propertyText(levels, leaf)} }`, site.file);
  const second = args.items[1];
  if (args.items.length === 2 && text[second.start] === '{') return addInto(text, second.start, levels, leaf, site.file);
  return null;
}

const ident = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
const todo = (keys: string[]) => keys.map((k) => `${ident(k)}: 'TODO'`).join(', ');
const headerName = (k: string) => `Helicone-Property-${k.charAt(0).toUpperCase()}${k.slice(1)}`;

const OPENAI_SDKS = ['openai', 'azure-openai'];
/** SDKs whose calls take per-request options, headers included, after the body. */
const REQUEST_OPTION_SDKS = [...OPENAI_SDKS, 'anthropic'];
/** APIs whose body is not the first argument (a thread or session id comes first): the options' place is not known. */
const ID_FIRST_API = /(^|\.)(runs|sessions)\./;

/** The form 'auto' picks: the SDK's own (as before fixStyle existed), else the gateway's. */
export function autoStyle(site: EstimatedCallSite): Exclude<FixStyle, 'auto'> | null {
  if (site.sdk === 'openai' && /^(chat\.completions|responses)\./.test(site.api)) return 'openai-metadata';
  if (site.sdk === 'vercel-ai') return 'vercel-telemetry';
  if (site.gateway === 'helicone') return 'helicone-headers';
  if (site.gateway === 'portkey') return 'portkey-metadata';
  if (site.gateway === 'litellm') return 'litellm-tags';
  return null;
}

/** Headers on the call: Vercel AI's `headers` option, or the request options of the OpenAI and Anthropic SDKs. */
function addHeaders(text: string, site: EstimatedCallSite, leaf: Leaf): TextEdit | null {
  if (site.sdk === 'vercel-ai') return addToFirstArgument(text, site, [{ key: 'headers' }], leaf);
  if (!REQUEST_OPTION_SDKS.includes(site.sdk) || ID_FIRST_API.test(site.api)) return null;
  return addToSecondArgument(text, site, [{ key: 'headers' }], leaf);
}

/** The edit that attaches `missing` in `style`'s form; null where the call's shape leaves no safe place. */
export function attributionEdit(text: string, site: EstimatedCallSite, missing: string[], style: Exclude<FixStyle, 'auto'>): TextEdit | null {
  switch (style) {
    case 'openai-metadata':
      if (!OPENAI_SDKS.includes(site.sdk) || !/^(chat\.completions|responses)\./.test(site.api)) return null;
      return addToFirstArgument(text, site, [{ key: 'metadata' }], { kind: 'props', text: todo(missing) });
    case 'litellm-tags':
      if (!OPENAI_SDKS.includes(site.sdk) || ID_FIRST_API.test(site.api)) return null;
      return addToFirstArgument(text, site, [{ key: 'metadata' }, { key: 'tags' }], { kind: 'items', text: missing.map((k) => `'${k}:TODO'`).join(', ') });
    case 'helicone-headers':
      return addHeaders(text, site, { kind: 'props', text: missing.map((k) => `'${headerName(k)}': 'TODO'`).join(', ') });
    case 'portkey-metadata':
      return addHeaders(text, site, { kind: 'props', text: `'x-portkey-metadata': JSON.stringify({ ${todo(missing)} })`, unique: 'x-portkey-metadata' });
    case 'vercel-telemetry':
      if (site.sdk !== 'vercel-ai') return null;
      return addToFirstArgument(text, site, [{ key: 'experimental_telemetry', also: 'isEnabled: true, ' }, { key: 'metadata' }], { kind: 'props', text: todo(missing) });
    case 'langchain-config':
      if (site.sdk !== 'langchain' || !/\.(invoke|stream)$/.test(site.api)) return null;
      return addToSecondArgument(text, site, [{ key: 'metadata' }], { kind: 'props', text: todo(missing) });
  }
}

const LABELS: Record<Exclude<FixStyle, 'auto'>, string> = {
  'openai-metadata': 'metadata',
  'litellm-tags': 'LiteLLM metadata.tags',
  'helicone-headers': 'Helicone-Property-* headers',
  'portkey-metadata': 'x-portkey-metadata',
  'vercel-telemetry': 'experimental_telemetry',
  'langchain-config': 'LangChain config metadata',
};

export function describeFix(missing: string[], style: Exclude<FixStyle, 'auto'>): string {
  return `Add ${missing.join(', ')} as ${LABELS[style]}`;
}
