// Judges one command's output. Output-only checks live here; the runner adds the file-system ones
// (markers: a command ran; snapshots: a write escaped the root).
import type { CommandResult, Oracle, Secret } from './types';

export interface Judged {
  oracle: Oracle;
  detail: string;
}

export interface Expectations {
  /** The --format the command asked for (null: the command's default). */
  format: string | null;
  /** Strings from outside the root or from the environment: never in any output. */
  canaries: Array<{ label: string; value: string }>;
  secrets: Secret[];
  /** Files whose call site the JSON report must list. */
  expectSites?: string[];
}

/** Exit codes tollgate documents: 0 success, 1 check failed, 2 usage/config error. */
const DOCUMENTED_EXITS = new Set([0, 1, 2]);

const STACK_FRAME = /^\s+at .+(?::\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
const ERROR_LINE = /(?:^|\s)((?:Type|Range|Reference|Syntax|Internal|Eval|URI)?Error\b[^\n]*|FATAL ERROR[^\n]*|Maximum call stack size exceeded[^\n]*|Invalid string length[^\n]*|JavaScript heap out of memory[^\n]*)/;

/** The line of stderr that names the error (node prints the throwing source line first), for the failure's detail. */
function errorHeadline(stderr: string): string {
  const m = /^(?:[A-Z]\w*Error\b|FATAL ERROR|Error:)[^\n]*/m.exec(stderr) ?? ERROR_LINE.exec(stderr);
  if (m) return (m[1] ?? m[0]).trim().slice(0, 200);
  const first = stderr.split('\n').find((l) => l.trim());
  return first ? first.trim().slice(0, 200) : '(no stderr)';
}

export function judgeCrash(r: CommandResult): Judged | null {
  if (r.timedOut) return null;
  if (r.code === null) return { oracle: 'crash', detail: `killed by ${r.signal}: ${errorHeadline(r.stderr)}` };
  if (!DOCUMENTED_EXITS.has(r.code)) return { oracle: 'crash', detail: `exit code ${r.code}: ${errorHeadline(r.stderr)}` };
  if (STACK_FRAME.test(r.stderr) || /\b(?:TypeError|RangeError|ReferenceError)\b|Maximum call stack size exceeded|heap out of memory/.test(r.stderr)) {
    return { oracle: 'crash', detail: `uncaught error (exit ${r.code}): ${errorHeadline(r.stderr)}` };
  }
  return null;
}

// Key shapes of each vendor family, written for this oracle on purpose apart from shared/redact.ts:
// the suite checks the redaction, it must not share its blind spots.
export const SECRET_SHAPES: ReadonlyArray<{ label: string; re: RegExp }> = [
  { label: 'Anthropic key', re: /sk-ant-[A-Za-z0-9_-]{20,}/ },
  { label: 'OpenAI key', re: /sk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{32,}/ },
  { label: 'Google API key', re: /AIza[0-9A-Za-z_-]{35}/ },
  { label: 'AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { label: 'GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{40,}/ },
  { label: 'Groq key', re: /\bgsk_[A-Za-z0-9]{40,}/ },
  { label: 'Hugging Face token', re: /\bhf_[A-Za-z0-9]{30,}/ },
  { label: 'xAI key', re: /\bxai-[A-Za-z0-9]{40,}/ },
  { label: 'Replicate token', re: /\br8_[A-Za-z0-9]{30,}/ },
  { label: 'Perplexity key', re: /\bpplx-[A-Za-z0-9]{40,}/ },
  { label: 'Slack token', re: /\bxox[abposr]-[0-9]{6,}-[A-Za-z0-9-]{10,}/ },
];

/** `file:line` style position of the first occurrence, for a failure's detail. */
function where(stream: string, name: string, index: number): string {
  return `${name} line ${stream.slice(0, index).split('\n').length}`;
}

function findLeaks(text: string, name: string, exp: Expectations): Judged[] {
  const out: Judged[] = [];
  for (const c of exp.canaries) {
    const i = text.indexOf(c.value);
    if (i >= 0) out.push({ oracle: 'leak', detail: `${c.label} in ${where(text, name, i)}` });
  }
  for (const s of exp.secrets.filter((x) => x.label !== 'commit hash')) {
    // The tail too: a "redaction" that keeps the key's body is no redaction.
    const tail = s.value.length >= 24 ? s.value.slice(-16) : s.value;
    const i = Math.max(text.indexOf(s.value), text.indexOf(tail));
    if (i >= 0) out.push({ oracle: 'leak', detail: `planted ${s.label} in ${where(text, name, i)}` });
  }
  for (const shape of SECRET_SHAPES) {
    const m = shape.re.exec(text);
    if (m && !exp.secrets.some((s) => m[0].includes(s.value) || s.value.includes(m[0]))) out.push({ oracle: 'leak', detail: `a ${shape.label} in ${where(text, name, m.index)}` });
  }
  return out;
}

/** An annotation tollgate means to print in --format github: known properties, escaped values, escaped message. */
const ANNOTATION = /^::(?:error|warning|notice) (?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*(?:,(?:file|line|col|endLine|endColumn|title)=[^,:\r\n]*)*::(.*)$/;

/**
 * A line the Actions runner would take as a workflow command: `::cmd ...::` at the start (after
 * blanks), or the legacy `##[cmd ...]` anywhere in the line.
 */
export function workflowCommandLines(text: string, allowAnnotations: boolean): Array<{ line: string; legacy: boolean }> {
  const bad: Array<{ line: string; legacy: boolean }> = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const v2 = line.trimStart().startsWith('::');
    const legacy = !v2 && /##\[[A-Za-z-]+/.test(line);
    if (!v2 && !legacy) continue;
    const m = v2 && allowAnnotations ? ANNOTATION.exec(line) : null;
    if (m && !/%(?!25|0D|0A)/.test(m[1])) continue;
    const at = legacy ? Math.max(0, line.indexOf('##[') - 40) : 0;
    const shown = line.slice(at, at + 120);
    bad.push({ line: (at ? '...' : '') + shown + (line.length > at + 120 ? '...' : ''), legacy });
  }
  return bad;
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** Invisible characters tollgate never writes itself. */
const INVISIBLE = /[\u00ad\u180e\u200c\u2060-\u2064\ufeff]/;
/**
 * U+200B/U+200D are tollgate's own link breakers, only right after `@`, `\:`, `www`, `\#`, a URL scheme
 * that runs code (`javascript`, `vbscript`, `data`, before its escaped colon) and each 6 digits of a hex
 * run GitHub would link as a commit; anywhere else they came from the input.
 */
function foreignZeroWidth(text: string): number {
  const re = /[\u200b\u200d]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const before = text.slice(Math.max(0, m.index - 10), m.index);
    const after = text.slice(m.index + 1, m.index + 3);
    const ownJoin = m[0] === '\u200d' && before.endsWith('@');
    const ownScheme = /(?:javascript|vbscript|data)$/i.test(before) && after === '\\:';
    const ownHex = /[0-9a-f]{6}$/i.test(before) && /^[0-9a-f]/i.test(after);
    const ownSpace = m[0] === '\u200b' && (before.endsWith('\\:') || /www$/i.test(before) || before.endsWith('\\#') || ownScheme || ownHex);
    if (!ownJoin && !ownSpace) return m.index;
  }
  return -1;
}

/** What a pull-request comment must never carry from scanned text. */
function judgeMarkdown(md: string, exp: Expectations): Judged[] {
  const out: Judged[] = [];
  const bidi = BIDI.exec(md);
  if (bidi) out.push({ oracle: 'leak', detail: `bidi control U+${bidi[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} in the markdown, ${where(md, 'stdout', bidi.index)}` });
  const inv = INVISIBLE.exec(md);
  const zw = inv ? inv.index : foreignZeroWidth(md);
  if (zw >= 0) out.push({ oracle: 'leak', detail: `zero-width character U+${md.charCodeAt(zw).toString(16).toUpperCase().padStart(4, '0')} in the markdown, ${where(md, 'stdout', zw)}` });
  const js = /javascript:/i.exec(md);
  if (js) out.push({ oracle: 'leak', detail: `an unescaped javascript: URL in the markdown, ${where(md, 'stdout', js.index)}` });
  for (const s of exp.secrets.filter((x) => x.label === 'commit hash')) {
    const i = md.search(new RegExp(`(?<![0-9a-f])${s.value}(?![0-9a-f])`, 'i'));
    if (i >= 0) out.push({ oracle: 'leak', detail: `a 40-hex string GitHub links as a commit in the markdown, ${where(md, 'stdout', i)}` });
  }
  return out;
}

/** Costs and volumes beyond any real bill (a year of the world's GPUs is far below 1e12 dollars). */
const ABSURD = 1e12;
const FIGURE_KEY = /cost|usd|dollar|monthly|perMonth|volume|calls|invocations|tokens|price/i;

/** A number under a cost-like key (at any depth: `monthlyCost.expected`) beyond ABSURD. */
function absurdJsonFigure(value: unknown, inFigure: boolean, pathSoFar: string): string | null {
  if (typeof value === 'number') return inFigure && Math.abs(value) > ABSURD ? `${pathSoFar} = ${value}` : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const found = absurdJsonFigure(v, inFigure || (!Array.isArray(value) && FIGURE_KEY.test(k)), `${pathSoFar}.${k}`);
      if (found) return found;
    }
  }
  return null;
}

export function judgeFigures(stdout: string, format: string | null): Judged | null {
  if (format === 'json' || format === 'sarif') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(stdout);
    } catch {
      return stdout.trim() ? { oracle: 'figure', detail: `--format ${format} printed no valid JSON` } : null;
    }
    const absurd = absurdJsonFigure(parsed, false, '$');
    return absurd ? { oracle: 'figure', detail: `absurd figure ${absurd}` } : null;
  }
  const m = /\$\s?(?:NaN|Infinity|-?\d[\d,.]*e\+\d+|\d{1,3}(?:,\d{3}){4,})|\bNaN\b|\bInfinity\b/.exec(stdout);
  return m ? { oracle: 'figure', detail: `absurd figure "${m[0]}" in ${where(stdout, 'stdout', m.index)}` } : null;
}

/** Call sites the tree has that the report dropped (an analysis error turned into silence). */
export function lostSites(stdout: string, files: string[]): Judged[] {
  let sites: Array<{ file?: string }> = [];
  try {
    sites = (JSON.parse(stdout) as { callSites?: Array<{ file?: string }> }).callSites ?? [];
  } catch {
    return [];
  }
  return files.filter((f) => !sites.some((s) => s.file === f)).map((f) => ({ oracle: 'lost' as const, detail: `the call site in ${f} is missing from the report` }));
}

/** Every output oracle for one finished command (hangs are the runner's). */
export function judgeOutput(r: CommandResult, exp: Expectations): Judged[] {
  const out: Judged[] = [];
  const crash = judgeCrash(r);
  if (crash) out.push(crash);
  out.push(...findLeaks(r.stdout, 'stdout', exp), ...findLeaks(r.stderr, 'stderr', exp));
  for (const [name, text] of [['stdout', r.stdout], ['stderr', r.stderr]] as const) {
    const lines = workflowCommandLines(text, name === 'stdout' && exp.format === 'github');
    if (lines.length) {
      const first = lines[0];
      out.push({ oracle: 'leak', detail: `workflow command${first.legacy ? ' (legacy ##[...] form, matched anywhere in a line)' : ''} on ${name}: ${JSON.stringify(first.line)}${lines.length > 1 ? ` (+${lines.length - 1} more)` : ''}` });
    }
  }
  if (exp.format === 'markdown') out.push(...judgeMarkdown(r.stdout, exp));
  if (!r.timedOut && r.code !== null && r.code <= 1) {
    const fig = judgeFigures(r.stdout, exp.format);
    if (fig) out.push(fig);
    if (exp.format === 'json' && exp.expectSites?.length) out.push(...lostSites(r.stdout, exp.expectSites));
  }
  return out;
}
