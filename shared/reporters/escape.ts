import { redactSecrets, sanitizeTerminal } from '../redact';

// Text from scanned code goes into a pull-request comment that people trust: it must render as the
// literal characters, never as markup, HTML, a mention, an issue reference or a link.

const MAX_TEXT = 300;
const ZWSP = '\u200b';
const ZWJ = '\u200d';

export interface MdTextOptions {
  /**
   * Leave runs of hex digits whole, so GitHub links them as commits: only for text the CI itself
   * wrote (the base and head of a diff with their commit hashes), never for scanned text.
   */
  commits?: boolean;
}

// GitHub links a standalone run of 7 to 40 hex digits as a commit when one has that prefix; a run
// broken every 6 characters is no commit, and reads the same.
const HEX_RUN = /(?<![0-9A-Za-z_])[0-9A-Fa-f]{7,}(?![0-9A-Za-z_])/g;
// URL schemes a browser runs or renders inline; the scanned text may name them, never start a link with them.
const ACTIVE_SCHEME = /(javascript|vbscript|data)(\\:)/gi;

/**
 * Escapes scanned text for GitHub-flavoured markdown (also safe inside table cells). The text's own
 * invisible characters (bidi controls, zero-width characters) are removed first (sanitizeTerminal);
 * the zero-width characters in the result are the ones inserted here to break autolinks apart.
 */
export function mdText(raw: string, max = MAX_TEXT, options: MdTextOptions = {}): string {
  let s = sanitizeTerminal(redactSecrets(raw)).replace(/[\r\n\t]+/g, ' ');
  if (s.length > max) s = s.slice(0, max - 1) + '…';
  s = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_{}[\]()#+\-.!|~=:^$]/g, (c) => '\\' + c);
  // Autolinks and references work on the rendered text, after escapes are undone: break them apart.
  s = s
    .replace(/@/g, '@' + ZWJ)
    .replace(/(\\:)(\/\/)/g, `$1${ZWSP}$2`)
    .replace(/\b(www)\\\./gi, `$1${ZWSP}\\.`)
    .replace(/\\#(?=\w)/g, '\\#' + ZWSP)
    .replace(ACTIVE_SCHEME, `$1${ZWSP}$2`);
  return options.commits ? s : s.replace(HEX_RUN, (run) => run.replace(/.{6}(?=.)/g, '$&' + ZWSP));
}

/** Inline code for text tollgate wrote itself (rule ids, option names): never for scanned text. */
export function mdCode(ownText: string): string {
  return '`' + ownText.replace(/`/g, "'") + '`';
}
