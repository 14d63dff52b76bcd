import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { MAX_CONFIG_BYTES, UNTRUSTED_YAML } from '../config/load';

// `tollgate usage sync`: a stub under usage.callSites for every call site that has no volume yet, so a
// team fills in numbers once. The file is edited as text, not re-printed from a YAML tree: re-printing
// would reflow quotes, spacing and comments, and the user's bytes must stay theirs. The YAML tree only
// says where to insert.

/** The volume a stub carries: a zero on an exact call-site id, read by the estimate as "needs volume". */
export const STUB_VOLUME = '0/day';

export interface SyncSite {
  id: string;
  file: string;
  line: number;
  api: string;
  estimate: { volumeSource: string | null; models: string[] };
}

export interface SyncResult {
  text: string;
  /** Ids of the stubs added, sorted; empty when the file is unchanged. */
  added: string[];
}

export class UsageSyncError extends Error {}

const HEADER = '# tollgate settings. Data only: tollgate never runs code from here.\n';

/** The TODO comment of a stub: where the call is, so the one who fills it in knows what it is. */
export function stubComment(site: SyncSite): string {
  const models = site.estimate.models.length ? site.estimate.models.join('|') : 'model?';
  // A comment ends at a line break; YAML 1.1 readers also break at NEL, U+2028 and U+2029.
  return `# TODO: expected volume — ${site.file}:${site.line} ${site.api} ${models}`.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/**
 * The stub as YAML lines. The id comes from a file name, which the scanned repository chose: it is
 * written by the yaml library as a double-quoted scalar (quotes, `#`, `: `, line breaks, `$( )` are
 * data there, and read back as exactly the id); a key too long for one line takes the `? key` form.
 */
function stubLines(site: SyncSite, indent: string): string[] {
  const yaml = new Document(new Map([[site.id, STUB_VOLUME]])).toString({ defaultKeyType: 'QUOTE_DOUBLE', defaultStringType: 'PLAIN', lineWidth: 0 });
  const lines = yaml.replace(/\n$/, '').split('\n');
  lines[lines.length - 1] += ` ${stubComment(site)}`;
  return lines.map((l) => indent + l);
}

/** End of the last character of content in a node (comments after it not included). */
function contentEnd(node: Node | null | undefined): number {
  if (!node) return -1;
  if (isMap(node) || isSeq(node)) {
    let end = node.range?.[0] ?? -1;
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as { key: Node | null; value: Node | null };
        end = Math.max(end, contentEnd(pair.key), contentEnd(pair.value));
      } else end = Math.max(end, contentEnd(item as Node));
    }
    return end;
  }
  return node.range?.[1] ?? -1;
}

/** Where the line holding offset ends (after its newline): new lines go there. */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

function column(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

function isBlockMap(node: Node | null | undefined): node is YAMLMap {
  return isMap(node) && !(node as YAMLMap).flow;
}

/** Null or an empty scalar: a key written with nothing after it. */
function isEmpty(node: Node | null | undefined): boolean {
  return node == null || (isScalar(node) && node.value === null);
}

function findPair(map: YAMLMap, key: string) {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as { key: Node; value: Node | null } | undefined;
}

/** The indent one level below a block map's keys: the file's own step when a nested map shows it, else 2. */
function childIndent(text: string, map: YAMLMap, keyColumn: number): string {
  const nested = map.items.map((p) => p.value as Node | null).find((v): v is YAMLMap => isBlockMap(v) && v.items.length > 0);
  const nestedKey = nested?.items[0].key as Node | undefined;
  const step = nestedKey?.range ? column(text, nestedKey.range[0]) - keyColumn : 2;
  return ' '.repeat(keyColumn + (step > 0 ? step : 2));
}

function insertAt(text: string, offset: number, lines: string[], eol: string): string {
  let before = text.slice(0, offset);
  if (before.length && !before.endsWith('\n')) before += eol;
  return before + lines.map((l) => l + eol).join('') + text.slice(offset);
}

/**
 * Adds a stub for every call site without a volume whose id is not in usage.callSites yet. Pure: the
 * file text (null when there is no file) in, the new text out. Idempotent, and every byte of the
 * input is kept: stubs are whole new lines.
 */
export function syncUsage(text: string | null, sites: SyncSite[]): SyncResult {
  const source = text ?? '';
  const eol = source.includes('\r\n') ? '\r\n' : '\n';
  if (Buffer.byteLength(source, 'utf8') > MAX_CONFIG_BYTES) throw new UsageSyncError(`the file is over ${MAX_CONFIG_BYTES} bytes, the limit for a settings file`);
  const doc = parseDocument(source, UNTRUSTED_YAML);
  if (doc.errors.length) throw new UsageSyncError(`not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const root = doc.contents as Node | null;
  if (root !== null && !isBlockMap(root)) throw new UsageSyncError('the settings are not a block-style YAML mapping (JSON or flow style): add the usage entries by hand, or move the settings to tollgate.yml');
  const usagePair = root ? findPair(root, 'usage') : undefined;
  const usage = usagePair?.value;
  if (usagePair && !isEmpty(usage) && !isBlockMap(usage)) throw new UsageSyncError('"usage" is not a block-style mapping: tollgate usage sync edits block style only');
  const callSitesPair = isBlockMap(usage) ? findPair(usage, 'callSites') : undefined;
  const callSites = callSitesPair?.value;
  if (callSitesPair && !isEmpty(callSites) && !isBlockMap(callSites)) throw new UsageSyncError('"usage.callSites" is not a block-style mapping: tollgate usage sync edits block style only');

  const existing = new Set(isBlockMap(callSites) ? callSites.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')) : []);
  const byId = new Map<string, SyncSite>();
  for (const s of sites) if (s.estimate.volumeSource === null && !existing.has(s.id) && !byId.has(s.id)) byId.set(s.id, s);
  const added = [...byId.keys()].sort();
  if (!added.length) return { text: source, added: [] };
  const stubs = added.map((id) => byId.get(id)!);

  if (isBlockMap(callSites) && callSites.items.length) {
    const firstKey = callSites.items[0].key as Node;
    const indent = ' '.repeat(column(source, firstKey.range![0]));
    return { text: insertAt(source, lineEnd(source, contentEnd(callSites)), stubs.flatMap((s) => stubLines(s, indent)), eol), added };
  }
  if (callSitesPair) {
    // `callSites:` with nothing under it: the stubs go right below the key.
    const keyColumn = column(source, callSitesPair.key.range![0]);
    const at = lineEnd(source, Math.max(contentEnd(callSitesPair.key), contentEnd(callSites)));
    return { text: insertAt(source, at, stubs.flatMap((s) => stubLines(s, ' '.repeat(keyColumn + 2))), eol), added };
  }
  if (usagePair && isBlockMap(usage) && usage.items.length) {
    const keyColumn = column(source, (usage.items[0].key as Node).range![0]);
    const inner = childIndent(source, usage, keyColumn);
    const lines = [`${' '.repeat(keyColumn)}callSites:`, ...stubs.flatMap((s) => stubLines(s, inner))];
    return { text: insertAt(source, lineEnd(source, contentEnd(usage)), lines, eol), added };
  }
  if (usagePair) {
    const keyColumn = column(source, usagePair.key.range![0]);
    const at = lineEnd(source, Math.max(contentEnd(usagePair.key), contentEnd(usage)));
    const lines = [`${' '.repeat(keyColumn + 2)}callSites:`, ...stubs.flatMap((s) => stubLines(s, ' '.repeat(keyColumn + 4)))];
    return { text: insertAt(source, at, lines, eol), added };
  }
  // No usage section: a new one at the end of the file (or a new file).
  const keyColumn = root && root.items.length ? column(source, (root.items[0].key as Node).range![0]) : 0;
  const pad = ' '.repeat(keyColumn);
  const lines = [`${pad}usage:`, `${pad}  callSites:`, ...stubs.flatMap((s) => stubLines(s, pad + '    '))];
  const blankBefore = !source.trim() ? '' : (source.endsWith('\n') ? '' : eol) + (/\n[ \t]*\r?\n$/.test(source) ? '' : eol);
  const lead = text === null ? HEADER + eol : blankBefore;
  return { text: source + lead + lines.map((l) => l + eol).join(''), added };
}
