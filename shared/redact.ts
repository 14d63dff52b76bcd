// Strings from scanned code can hold credentials; nothing we print or serialise shows them.
//
// The core redacts where it builds its results: call sites in Scanner.scanFile (the scan, its worker
// threads and the editor session), warnings in distinctWarnings, estimates and owners in
// estimateResult, findings in runRules, config errors in the session. Every surface then gets clean
// data; paths stay exact (see LOCATION_KEYS). The reporters apply redactSecrets again, as a second
// layer; it is idempotent.
//
// The key shapes below were written from each vendor's published format (prefix, alphabet, length)
// and the shapes secret scanners check; lengths are minimums a little under the real ones, so a key
// that grows a few characters is still caught, and a body must be long enough that model names
// (`pplx-70b-online`), words (`task-list`, `risk-free`) and identifiers do not match.

export const REDACTED = '[REDACTED]';

// A key starts where no letter or digit precedes it: `OPENAI_KEY=sk-...`, `"key-sk-..."`, but not `task-...`.
const START = '(?<![A-Za-z0-9])';

interface Family {
  /** The vendor, for the tests and the README. */
  name: string;
  re: RegExp;
  /** Prefixes that are also common in identifiers: the body must look random, not like words. */
  random?: boolean;
  /** What replaces the match; default: the whole match becomes REDACTED. */
  replace?: (match: string, ...groups: string[]) => string;
}

const family = (name: string, source: string, opts: Omit<Family, 'name' | 're'> & { flags?: string } = {}): Family => ({
  name,
  re: new RegExp(source, 'g' + (opts.flags ?? '')),
  random: opts.random,
  replace: opts.replace,
});

/** Keys with a vendor prefix, most specific first (an `sk-ant-` key is not left to the generic `sk-`). */
export const SECRET_FAMILIES: Family[] = [
  // OpenAI project, service-account and admin keys (about 160 characters of [A-Za-z0-9_-]).
  family('OpenAI project key', `${START}sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}`),
  // Anthropic API, admin and OAuth keys: sk-ant-api03- and 95 more characters.
  family('Anthropic key', `${START}sk-ant-[A-Za-z0-9_-]{20,}`),
  family('OpenRouter key', `${START}sk-or-v1-[A-Za-z0-9]{20,}`),
  // Langfuse public and secret keys: pk-lf- / sk-lf- and a UUID.
  family('Langfuse key', `${START}[ps]k-lf-[A-Za-z0-9-]{20,}`),
  // Legacy OpenAI keys (sk- and 48 alphanumerics) and other vendors' sk- keys (DeepSeek, Moonshot, gateways).
  family('sk- key', `${START}sk-(?:[A-Za-z0-9]{1,12}-){0,2}[A-Za-z0-9_]{24,}`, { random: true }),
  // Google API keys: AIza and 35 characters.
  family('Google API key', `${START}AIza[0-9A-Za-z_-]{35}`),
  // AWS access key ids (long-term AKIA, temporary ASIA, and the rarer prefixes): 20 characters.
  family('AWS access key id', `${START}(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])`),
  // GitHub tokens: ghp_/gho_/ghu_/ghs_/ghr_ and 36 alphanumerics; fine-grained github_pat_ and 82 more.
  family('GitHub token', `${START}gh[pousr]_[A-Za-z0-9]{36,}`),
  family('GitHub fine-grained token', `${START}github_pat_[A-Za-z0-9_]{50,}`, { random: true }),
  // Groq: gsk_ and 52 alphanumerics.
  family('Groq key', `${START}gsk_[A-Za-z0-9]{20,}`),
  // Hugging Face: hf_ and exactly 34 letters (digits in some); the exact length keeps long
  // identifiers (hf_requiredCharacteristicTypesForDisplayMetadata) out.
  family('Hugging Face token', `${START}hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])`),
  // xAI: xai- and 80 alphanumerics.
  family('xAI key', `${START}xai-[A-Za-z0-9]{40,}`),
  // Replicate: r8_ and 37 alphanumerics.
  family('Replicate token', `${START}r8_[A-Za-z0-9]{30,}`),
  // Perplexity: pplx- and 48 alphanumerics (model names such as pplx-70b-online are short).
  family('Perplexity key', `${START}pplx-[A-Za-z0-9]{40,}`),
  // Slack bot, user, app and refresh tokens: xoxb-123-456-abc...
  family('Slack token', `${START}xox[abposre]-[A-Za-z0-9-]{10,}`),
  // JSON Web Tokens (Supabase service keys, session tokens): three base64url parts, two starting eyJ.
  family('JSON Web Token', `${START}eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}`),
  // Authorization header values, whatever issued them.
  family('Bearer token', `\\b(Bearer|Basic)\\s+[A-Za-z0-9._~+/-]{16,}=*`, { replace: (_m, scheme) => `${scheme} ${REDACTED}` }),
  family('private key', `-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)`),
  // A password in a URL (https://user:password@host): the user stays, the password goes. The parts are
  // bounded so that a long run of letters in a prompt cannot make the search quadratic.
  family('URL password', `\\b([a-z][a-z0-9+.-]{0,30}://[^\\s/?#@:]{0,256}):[^\\s/?#@]{1,256}@`, { flags: 'i', replace: (_m, head) => `${head}:${REDACTED}@` }),
  // Credentials in a query string (?key=..., &access_token=...).
  family('URL query credential', `([?&](?:api[-_]?key|key|token|access[-_]?token|auth|secret|password|signature|sig)=)[^&#\\s"'\`]{8,}`, {
    flags: 'i',
    replace: (_m, head) => `${head}${REDACTED}`,
  }),
  // An AWS secret access key written next to its label.
  family('AWS secret access key', `((?:aws)?[-_]?secret[-_]?access[-_]?key["'\`]?\\s*[:=]\\s*["'\`]?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])`, {
    flags: 'i',
    replace: (_m, head) => `${head}${REDACTED}`,
  }),
];

const ALNUM_CLASS = (c: string) => (c >= 'a' && c <= 'z' ? 1 : c >= 'A' && c <= 'Z' ? 2 : c >= '0' && c <= '9' ? 3 : 0);

/**
 * Whether a token's letters and digits look generated rather than written: random keys switch between
 * lower case, upper case and digits every few characters (or, in hex, mix digits and letters about
 * evenly); words and kebab-case identifiers (`sk-learn-integration`) switch rarely, and camelCase
 * (`requiredCharacteristicTypes`) switches often but between words: most of its lower-case runs are long.
 */
export function looksRandom(token: string): boolean {
  let last = 0;
  let run = 0;
  let switches = 0;
  let chars = 0;
  let digits = 0;
  let upper = 0;
  let lowerRuns = 0;
  let longLowerRuns = 0;
  const endRun = () => {
    if (last !== 1) return;
    lowerRuns++;
    if (run >= 4) longLowerRuns++;
  };
  for (const c of token) {
    const k = ALNUM_CLASS(c);
    if (!k) continue;
    if (k !== last) {
      endRun();
      if (last) switches++;
      run = 0;
    }
    run++;
    if (k === 3) digits++;
    if (k === 2) upper++;
    last = k;
    chars++;
  }
  endRun();
  if (chars < 16) return false;
  const camelCase = upper > 0 && longLowerRuns >= 3 && longLowerRuns * 3 >= lowerRuns * 2;
  if (camelCase) return false;
  return switches * 8 >= chars || (digits * 4 >= chars && digits * 4 <= chars * 3);
}

// An AWS secret access key has no prefix: it is redacted when an access key id is in the same text.
const AWS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])/;
const BASE64_40 = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

// Cheap test first: almost no string holds anything that could start a secret.
const MAYBE = /sk-|k-lf-|AIza|AKIA|ASIA|ABIA|ACCA|A3T|gh[pousr]_|github_pat_|gsk_|hf_|xai-|r8_|pplx-|xox|eyJ|Bearer|Basic|PRIVATE KEY|:\/\/|[?&]|secret/i;

export function redactSecrets(text: string): string {
  if (!MAYBE.test(text)) return text;
  let out = text;
  const pairedAws = AWS_KEY_ID.test(out);
  for (const f of SECRET_FAMILIES) {
    f.re.lastIndex = 0;
    out = out.replace(f.re, (m: string, ...groups: unknown[]) => {
      if (f.random && !looksRandom(m)) return m;
      return f.replace ? f.replace(m, ...(groups.filter((g) => typeof g === 'string') as string[])) : REDACTED;
    });
  }
  if (pairedAws) out = out.replace(BASE64_40, (m) => (looksRandom(m) ? REDACTED : m));
  return out;
}

// Names under which code keeps a credential: `apiKey`, `x-api-key`, `secretAccessKey`, `authToken`, `password`.
const CREDENTIAL_NAME = /(?:apikey|secret(?:accesskey|key)?|accesstoken|authtoken|refreshtoken|token|password|passwd|authorization|credentials?|privatekey)$/;

/** A value kept under a credential's name, in any vendor's format: one long generated-looking token. */
function isNamedCredential(name: string, value: string): boolean {
  return CREDENTIAL_NAME.test(name.toLowerCase().replace(/[-_\s]/g, '')) && /^\S{16,}$/.test(value) && looksRandom(value);
}

/**
 * Keys whose strings are locations, left as they are: a path must resolve (the editor, SARIF, CODEOWNERS,
 * suppressions and the diff's matching open it), and an id is built from a redacted function name
 * and API around its path. A secret-shaped path is no repository's secret; text reports still redact it.
 */
const LOCATION_KEYS = new Set(['file', 'id', 'callSiteId']);

/**
 * Redacts every string of a plain JSON value in place (object identity is kept: caches and memos
 * key on it), object keys too, and returns it; locations (LOCATION_KEYS) stay. A string under a
 * credential's name (a wrapper's `apiKey` parameter, a `secretAccessKey` tag) is redacted whole when
 * it looks generated. `{ key, value }` objects (tags) name their value by `key`; `value`/`values`
 * keep their parent's name.
 */
export function redactDeep<T>(value: T): T {
  return walk(value, '') as T;
}

function walk(v: unknown, name: string): unknown {
  if (typeof v === 'string') return isNamedCredential(name, v) ? REDACTED : redactSecrets(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const w = walk(v[i], name);
      // Only what changes is written: shared or frozen data (the pricing table's) is left alone.
      if (w !== v[i]) v[i] = w;
    }
    return v;
  }
  if (v === null || typeof v !== 'object') return v;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  const renamed = keys.map(redactSecrets);
  const own = typeof obj.key === 'string' ? obj.key : name;
  const values = keys.map((k) => (LOCATION_KEYS.has(k) && typeof obj[k] === 'string' ? obj[k] : walk(obj[k], k === 'value' || k === 'values' ? own : k)));
  if (renamed.every((k, i) => k === keys[i])) {
    keys.forEach((k, i) => {
      if (values[i] !== obj[k]) obj[k] = values[i];
    });
  } else {
    // A renamed key moves: re-insert every key so the order stays as built.
    for (const k of keys) delete obj[k];
    renamed.forEach((k, i) => (obj[k] = values[i]));
  }
  return obj;
}

/** A warning's message, redacted (its file is a location); the same object when nothing changes. */
export function redactWarning<W extends { file: string; message: string }>(w: W): W {
  const message = redactSecrets(w.message);
  return message === w.message ? w : { ...w, message };
}

// Bidirectional controls reorder what a terminal or a browser shows ("Trojan Source", CVE-2021-42574);
// zero-width characters hide text or split words invisibly. Scanned text never needs them on screen.
export const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
export const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u180e]/g;

/**
 * Scanned text for a terminal or another plain-text display: terminal control sequences, other
 * control characters (newlines and tabs stay), bidi controls and zero-width characters removed;
 * line and paragraph separators (U+2028, U+2029) become newlines, which the caller treats like any other.
 */
export function sanitizeTerminal(text: string): string {
  return text
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(BIDI_CONTROLS, '')
    .replace(ZERO_WIDTH, '')
    .replace(/[\u2028\u2029]/g, '\n');
}

/** Scanned text as one line of a plain-text report: redacted, sanitised, line breaks and tabs as spaces (a value never starts a line of its own). */
export function plainLine(text: string): string {
  return sanitizeTerminal(redactSecrets(text)).replace(/[\r\n\t]+/g, ' ');
}
