/**
 * JSON with comments and trailing commas, as tsconfig.json and jsconfig.json allow. Comments and
 * trailing commas are blanked out (strings left alone, a `/*` inside `"./src/*"` is text), then the
 * standard parser reads the rest. Returns undefined when the text is not valid JSONC. Written here,
 * not taken from TypeScript, so that reading a tsconfig does not load the compiler.
 */
export function parseJsonc(raw: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  let out = '';
  let i = 0;
  const n = text.length;
  // Where the last comma outside strings was written, and whether only blanks followed it since.
  let pendingComma = -1;
  while (i < n) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      pendingComma = -1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < n && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
      out += ' ';
    } else if (c === ',') {
      pendingComma = out.length;
      out += c;
      i++;
    } else if ((c === '}' || c === ']') && pendingComma >= 0) {
      out = out.slice(0, pendingComma) + ' ' + out.slice(pendingComma + 1) + c;
      pendingComma = -1;
      i++;
    } else {
      if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') pendingComma = -1;
      out += c;
      i++;
    }
  }
  try {
    return JSON.parse(out);
  } catch {
    return undefined;
  }
}
