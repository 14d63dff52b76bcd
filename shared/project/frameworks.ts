import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../tsf';

// Single-file components (.vue, .svelte) and Astro pages hold their code in blocks: `<script>` (Vue's
// `<script setup>`, Svelte's `<script context="module">`), and Astro's `---` frontmatter. The scan
// reads such a file as its code alone: every character outside the blocks becomes a space (line
// breaks stay), so an offset, a line and a column in the code are those of the file itself.
// Only the blocks' boundaries are needed, so this is a scanner of its own, not an HTML parser.

export const FRAMEWORK_EXTENSIONS = ['.vue', '.svelte', '.astro'];

export function isFrameworkFile(file: string): boolean {
  return FRAMEWORK_EXTENSIONS.includes(path.extname(file));
}

export interface ScriptView {
  /** The file's text with everything but its code blanked out. */
  code: string;
  /** How the code parses: from the blocks' `lang` (TypeScript for Astro). */
  kind: ts.ScriptKind;
}

/** Script types that hold JavaScript; any other (`application/ld+json`, `text/template`) is data. */
const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript', 'text/typescript', 'application/typescript', 'ts']);

interface Block {
  start: number;
  end: number;
  lang: string;
}

export function scriptView(file: string, text: string): ScriptView {
  const astro = path.extname(file) === '.astro';
  const blocks: Block[] = [];
  let from = 0;
  if (astro) {
    const fm = frontmatter(text);
    if (fm) {
      blocks.push({ start: fm.start, end: fm.end, lang: 'ts' });
      from = fm.end;
    }
  }
  blocks.push(...scriptBlocks(text, from));
  const chars = new Array<string>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    chars[i] = c === '\n' || c === '\r' ? c : ' ';
  }
  for (const b of blocks) {
    for (let i = b.start; i < b.end; i++) chars[i] = text[i];
    // A block ends its last statement: the next block never continues it (`a` then `(b)()` is not `a(b)()`).
    if (b.end < text.length && chars[b.end] === ' ') chars[b.end] = ';';
  }
  const langs = blocks.map((b) => b.lang);
  const kind = langs.some((l) => l === 'tsx' || l === 'jsx')
    ? langs.includes('tsx') || astro
      ? tsf.ScriptKind.TSX
      : tsf.ScriptKind.JSX
    : astro || langs.includes('ts') || langs.includes('typescript')
      ? tsf.ScriptKind.TS
      : tsf.ScriptKind.JS;
  return { code: chars.join(''), kind };
}

/** Astro's frontmatter: from the first line, if it is `---`, to the next line that is `---`. */
function frontmatter(text: string): { start: number; end: number } | null {
  const open = /^\s*---[ \t]*\r?\n/.exec(text);
  if (!open) return null;
  const close = /^---[ \t]*$/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  if (!m) return null;
  return { start: open[0].length, end: open[0].length + m.index };
}

/** The contents of the `<script>` elements after `from`, skipping HTML comments and non-JavaScript types. */
function scriptBlocks(text: string, from: number): Block[] {
  const out: Block[] = [];
  const lower = text.toLowerCase();
  let i = from;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) break;
      i = end + 3;
      continue;
    }
    if (!lower.startsWith('<script', lt) || !/[\s>/]/.test(text[lt + 7] ?? '')) {
      i = lt + 1;
      continue;
    }
    const tagEnd = openingTagEnd(text, lt + 7);
    if (tagEnd < 0) break;
    const bodyStart = tagEnd + 1;
    // `<script ... />` has no body.
    if (text[tagEnd - 1] === '/') {
      i = bodyStart;
      continue;
    }
    const attrs = attributes(text.slice(lt + 7, tagEnd));
    const close = lower.indexOf('</script', bodyStart);
    const bodyEnd = close < 0 ? text.length : close;
    if (SCRIPT_TYPES.has((attrs.get('type') ?? '').toLowerCase())) out.push({ start: bodyStart, end: bodyEnd, lang: (attrs.get('lang') ?? '').toLowerCase() });
    if (close < 0) break;
    i = close + 8;
  }
  return out;
}

/** The `>` that ends an opening tag, outside quoted attribute values (`generic="T extends A<B>"`), or -1. */
function openingTagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

function attributes(src: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([^\s=/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) out.set(m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}
