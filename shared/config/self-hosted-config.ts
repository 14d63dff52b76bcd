import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { Fail } from './estimate-config';
import { bounded } from './figures';
import { MAX_GPUS, MAX_GPU_HOURLY_USD, MAX_TOKENS_PER_SECOND } from '../estimate/bounds';

// The `selfHosted:` section of tollgate.yml: models served on the user's own GPUs, described by what
// the hardware costs and how fast it serves. shared/estimate/self-hosted.ts turns each into a price.

export interface SelfHostedConfig {
  model: string;
  /** 'self-hosted' unless the entry names its server (vllm, ollama, lmstudio, ...). */
  provider: string;
  /** Other names call sites use for the same model ('llama3.3:70b' on Ollama). */
  aliases: string[];
  gpuHourlyUsd: number;
  gpus: number;
  /** Aggregate output (decode) throughput of the whole deployment, tokens per second. */
  tokensPerSecond: number;
  /** Aggregate input (prefill) throughput; null: 10 × tokensPerSecond. */
  inputTokensPerSecond: number | null;
  /** Share of the hours the GPUs do useful work, above 0 and at most 1. */
  utilization: number;
  /** API models this deployment replaces: their call sites are shown beside it. */
  compareTo: string[];
  note: string | null;
}

export const SELF_HOSTED_DEFAULT_PROVIDER = 'self-hosted';
export const DEFAULT_UTILIZATION = 0.5;

const KEYS = ['model', 'provider', 'aliases', 'gpuHourlyUsd', 'gpus', 'tokensPerSecond', 'inputTokensPerSecond', 'utilization', 'compareTo', 'note'];
const SHAPE = '{ model, gpuHourlyUsd, gpus?, tokensPerSecond, inputTokensPerSecond?, utilization?, provider?, aliases?, compareTo?, note? }';

type Suggest = (word: string, candidates: string[]) => string | null;

function scalar(node: Node | null | undefined): unknown {
  return isScalar(node) ? (node as { value: unknown }).value : undefined;
}

function text(node: Node, what: string, fail: Fail): string {
  const raw = scalar(node);
  if (typeof raw !== 'string' || !raw.trim()) fail(node, `"${what}" expects text`);
  return (raw as string).trim();
}

function texts(node: Node, what: string, fail: Fail): string[] {
  if (!isSeq(node)) fail(node, `"${what}" expects a list of model names`);
  return (node as { items: Node[] }).items.map((item) => text(item, `${what}[]`, fail));
}

function positive(node: Node, what: string, fail: Fail, unit: string, max: number): number {
  const raw = scalar(node);
  if (typeof raw !== 'number' || Number.isNaN(raw) || raw <= 0) fail(node, `"${what}" expects a number above 0 (${unit})`);
  return bounded(node, what, raw as number, max, unit, fail);
}

/** Reads the list under `selfHosted:`; every mistake fails with the node (line and column) that is wrong. */
export function readSelfHosted(node: Node | null | undefined, fail: Fail, suggest: Suggest): SelfHostedConfig[] {
  if (!isSeq(node)) fail(node, `"selfHosted" expects a list of ${SHAPE}`);
  const out: SelfHostedConfig[] = [];
  (node as { items: Node[] }).items.forEach((item, i) => {
    const at = `selfHosted[${i}]`;
    const entry = readEntry(item, at, fail, suggest);
    const twin = out.find((o) => o.provider === entry.provider && o.model.toLowerCase() === entry.model.toLowerCase());
    if (twin) fail(item, `"${at}" repeats model "${entry.model}" on provider "${entry.provider}"`);
    out.push(entry);
  });
  return out;
}

function readEntry(item: Node, at: string, fail: Fail, suggest: Suggest): SelfHostedConfig {
  if (!isMap(item)) fail(item, `"${at}" expects a mapping ${SHAPE}`);
  const e: SelfHostedConfig = {
    model: '', provider: SELF_HOSTED_DEFAULT_PROVIDER, aliases: [], gpuHourlyUsd: NaN, gpus: 1, tokensPerSecond: NaN,
    inputTokensPerSecond: null, utilization: DEFAULT_UTILIZATION, compareTo: [], note: null,
  };
  for (const pair of (item as YAMLMap).items) {
    const keyNode = pair.key as Node;
    const k = String(scalar(keyNode));
    const v = pair.value as Node;
    const what = `${at}.${k}`;
    if (!KEYS.includes(k)) {
      const hint = suggest(k, KEYS);
      fail(keyNode, `unknown key "${what}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${KEYS.join(', ')}`);
    }
    if (k === 'model') e.model = text(v, what, fail);
    else if (k === 'provider') e.provider = text(v, what, fail).toLowerCase();
    else if (k === 'note') e.note = text(v, what, fail);
    else if (k === 'aliases') e.aliases = texts(v, what, fail);
    else if (k === 'compareTo') e.compareTo = texts(v, what, fail);
    else if (k === 'gpuHourlyUsd') e.gpuHourlyUsd = positive(v, what, fail, 'USD per GPU per hour', MAX_GPU_HOURLY_USD);
    else if (k === 'tokensPerSecond') e.tokensPerSecond = positive(v, what, fail, 'output tokens per second, all GPUs together', MAX_TOKENS_PER_SECOND);
    else if (k === 'inputTokensPerSecond') e.inputTokensPerSecond = positive(v, what, fail, 'input tokens per second, all GPUs together', MAX_TOKENS_PER_SECOND);
    else if (k === 'gpus') {
      const n = scalar(v);
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) fail(v, `"${what}" expects a whole number of GPUs, 1 or more`);
      e.gpus = bounded(v, what, n as number, MAX_GPUS, 'GPUs', fail);
    } else {
      const u = scalar(v);
      // 0 would make every token free of GPU time, i.e. an infinite price.
      if (typeof u !== 'number' || !(u > 0) || u > 1) fail(v, `"${what}" expects a number above 0 and at most 1 (the share of hours the GPUs are busy)`);
      e.utilization = u as number;
    }
  }
  for (const required of ['model', 'gpuHourlyUsd', 'tokensPerSecond'] as const) {
    const missing = required === 'model' ? !e.model : Number.isNaN(e[required]);
    if (missing) fail(item, `"${at}" needs ${required}`);
  }
  return e;
}
