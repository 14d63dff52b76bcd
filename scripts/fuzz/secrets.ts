// Fake credentials shaped like each vendor's real ones, generated per seed (no key-like string is
// committed in the suite's source).
import { rng } from './rng';
import type { Secret } from './types';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const URLSAFE = ALNUM + '_-';

/** Each family: its label and how its keys look (prefix, alphabet, length). */
export const SECRET_FAMILIES: ReadonlyArray<{ label: string; make: (r: (alphabet: string, n: number) => string) => string }> = [
  { label: 'OpenAI sk-proj-', make: (r) => 'sk-proj-' + r(URLSAFE, 74) + 'T3BlbkFJ' + r(URLSAFE, 74) },
  { label: 'OpenAI sk-', make: (r) => 'sk-' + r(ALNUM, 20) + 'T3BlbkFJ' + r(ALNUM, 20) },
  { label: 'Anthropic sk-ant-', make: (r) => 'sk-ant-api03-' + r(URLSAFE, 93) + 'AA' },
  { label: 'Google AIza', make: (r) => 'AIza' + r(URLSAFE, 35) },
  { label: 'AWS AKIA', make: (r) => 'AKIA' + r(UPPER_DIGITS, 16) },
  { label: 'GitHub ghp_', make: (r) => 'ghp_' + r(ALNUM, 36) },
  { label: 'GitHub github_pat_', make: (r) => 'github_pat_11' + r(UPPER_DIGITS, 20) + '_' + r(ALNUM, 59) },
  { label: 'Groq gsk_', make: (r) => 'gsk_' + r(ALNUM, 52) },
  { label: 'Hugging Face hf_', make: (r) => 'hf_' + r(ALNUM.slice(0, 52), 34) },
  { label: 'xAI xai-', make: (r) => 'xai-' + r(ALNUM, 80) },
  { label: 'Replicate r8_', make: (r) => 'r8_' + r(ALNUM, 37) },
  { label: 'Perplexity pplx-', make: (r) => 'pplx-' + r(ALNUM, 48) },
  { label: 'Slack xoxb-', make: (r) => 'xoxb-' + r('0123456789', 12) + '-' + r('0123456789', 13) + '-' + r(ALNUM, 24) },
];

/** Where in a call a secret is planted. */
export const PLACEMENTS = ['baseURL', 'apiKey', 'prompt', 'argument'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export function makeSecret(family: (typeof SECRET_FAMILIES)[number], ...key: Array<string | number>): string {
  const g = rng('secret', family.label, ...key);
  return family.make((alphabet, n) => Array.from({ length: n }, () => alphabet[g.int(0, alphabet.length - 1)]).join(''));
}

/** One planted secret per family and placement. */
export function plantedSecrets(seed: number): Array<Secret & { family: string; placement: Placement }> {
  return SECRET_FAMILIES.flatMap((f) => PLACEMENTS.map((p) => ({ label: `${f.label} key in ${p}`, family: f.label, placement: p, value: makeSecret(f, seed, p) })));
}
