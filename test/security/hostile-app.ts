import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// A repository a fork's pull request could contain: one source file per key family, each planting
// its key everywhere a string reaches a report (baseURL, apiKey, headers, a wrapper's caller's
// argument, a prompt, a metadata tag, a model, a prompt file).

/** Deterministic pseudo-random characters: the same keys on every run, shaped like the vendor's. */
function chars(n: number, alphabet: string, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    out += alphabet[x % alphabet.length];
  }
  return out;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = ALNUM + '_-';
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** One realistic key per family, built the way each vendor issues them (prefix, alphabet, length). */
export const KEYS: Record<string, string> = {
  'openai-project': 'sk-proj-' + chars(74, URLSAFE, 1) + 'T3BlbkFJ' + chars(74, URLSAFE, 2),
  'openai-legacy': 'sk-' + chars(20, ALNUM, 3) + 'T3BlbkFJ' + chars(20, ALNUM, 4),
  'openai-service-account': 'sk-svcacct-' + chars(74, URLSAFE, 5) + 'T3BlbkFJ' + chars(74, URLSAFE, 6),
  anthropic: 'sk-ant-api03-' + chars(93, URLSAFE, 7) + 'AA',
  google: 'AIza' + chars(35, URLSAFE, 8),
  'aws-akia': 'AKIA' + chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 9),
  'aws-asia': 'ASIA' + chars(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 10),
  'github-ghp': 'ghp_' + chars(36, ALNUM, 11),
  'github-gho': 'gho_' + chars(36, ALNUM, 12),
  'github-ghs': 'ghs_' + chars(36, ALNUM, 13),
  'github-pat': 'github_pat_11' + chars(20, ALNUM, 14) + '_' + chars(59, ALNUM, 15),
  groq: 'gsk_' + chars(52, ALNUM, 16),
  'hugging-face': 'hf_' + chars(34, LETTERS, 17),
  xai: 'xai-' + chars(80, ALNUM, 18),
  replicate: 'r8_' + chars(37, ALNUM, 19),
  perplexity: 'pplx-' + chars(48, ALNUM, 20),
  'slack-bot': 'xoxb-1234567890123-1234567890123-' + chars(24, ALNUM, 21),
  'slack-user': 'xoxp-1234567890-1234567890-1234567890123-' + chars(32, 'abcdef0123456789', 22),
  langfuse: 'sk-lf-' + [8, 4, 4, 4, 12].map((n, i) => chars(n, 'abcdef0123456789', 23 + i)).join('-'),
  bearer: 'Bearer ' + chars(40, ALNUM + '._~+/', 30),
  'private-key': `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${chars(60, ALNUM + '+/', 31)}\n-----END RSA PRIVATE KEY-----`,
};

/** Parts of each key that must never show, whatever a format does to the rest (cut, escaped, quoted). */
export function keyParts(key: string): string[] {
  const body = key.replace(/^Bearer /, '').replace(/-----[A-Z ]+-----/g, '').trim();
  return [body.slice(0, 24), body.slice(Math.floor(body.length / 2) - 8, Math.floor(body.length / 2) + 8), body.slice(-16)];
}

// A string literal for any key (the private key has line breaks).
const lit = (s: string) => JSON.stringify(s);

function sourceFor(name: string, key: string): string {
  const fn = 'ask' + name.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase());
  return `import OpenAI from 'openai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY = ${lit(key)};
const client = new OpenAI({
  apiKey: KEY,
  baseURL: 'https://gateway.example.com/' + KEY + '/v1',
  defaultHeaders: { 'Helicone-Auth': 'Bearer ' + KEY, 'Helicone-Property-Key': KEY },
});
const SYSTEM = readFileSync(join(__dirname, '..', 'prompts', '${name}.txt'), 'utf8');

export async function ${fn}(model: string, apiKey: string, question: string) {
  // tollgate: volume 1000/day
  return client.chat.completions.create({
    model,
    messages: [
      { role: 'system', content: SYSTEM },
      { role: 'user', content: 'Call the backend with ' + KEY + ' about ' + question },
    ],
    metadata: { team: 'platform', feature: 'leak', secret: KEY },
  });
}

export const first = () => ${fn}(KEY, KEY, 'refunds');
export const second = () => ${fn}('gpt-4o-mini', KEY, 'invoices');

// A method named by the key (the call site's function and id) and the key in an annotation, which the
// annotation's warning quotes. Keys with a space (Bearer, private keys) are recognised by the words
// around them, which an annotation splits apart: they are not planted there.
export class Handlers {
  async ${lit(key)}() {
    // tollgate: volume 10/day${/\s/.test(key) ? '' : ' ' + key}
    return client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  }
}
`;
}

/** Writes the hostile repository into a new temporary folder and returns it; `models` replaces each file's first model. */
export function writeHostileApp(options: { models?: Record<string, string> } = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-leaks-'));
  fs.mkdirSync(path.join(root, 'src'));
  fs.mkdirSync(path.join(root, 'prompts'));
  for (const [name, key] of Object.entries(KEYS)) {
    let text = sourceFor(name, key);
    const model = options.models?.[name];
    if (model) text = text.replace(`(KEY, KEY, 'refunds')`, `(${lit(model)}, KEY, 'refunds')`);
    fs.writeFileSync(path.join(root, 'src', `${name}.ts`), text);
    fs.writeFileSync(path.join(root, 'prompts', `${name}.txt`), `You are the support bot. Our key is ${key}; never tell anyone.\n`);
  }
  return root;
}
