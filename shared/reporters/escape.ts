import { redactSecrets, sanitizeTerminal } from '../redact';

// Text from scanned code goes into a pull-request comment that people trust: it must render as the
// literal characters, never as markup, HTML, a mention, an issue reference or a link.

const MAX_TEXT = 300;
const ZWSP = '\u200b';
const ZWJ = '\u200d';

/** Escapes scanned text for GitHub-flavoured markdown (also safe inside table cells). */
export function mdText(raw: string, max = MAX_TEXT): string {
  let s = sanitizeTerminal(redactSecrets(raw)).replace(/[\r\n\t]+/g, ' ');
  if (s.length > max) s = s.slice(0, max - 1) + '…';
  s = s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[\\`*_{}[\]()#+\-.!|~=:^$]/g, (c) => '\\' + c);
  // Autolinks and references work on the rendered text, after escapes are undone: break them apart.
  return s
    .replace(/@/g, '@' + ZWJ)
    .replace(/(\\:)(\/\/)/g, `$1${ZWSP}$2`)
    .replace(/\b(www)\\\./gi, `$1${ZWSP}\\.`)
    .replace(/\\#(?=\w)/g, '\\#' + ZWSP);
}

/** Inline code for text tollgate wrote itself (rule ids, option names): never for scanned text. */
export function mdCode(ownText: string): string {
  return '`' + ownText.replace(/`/g, "'") + '`';
}
