import { exactString, oneOf, options, str, unknown, type SdkValue, type Value } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue } from '../common';
import { providerFromModelName, providerFromModelPrefix } from '../hosts';
import { UNKNOWN_PROVIDER } from '../vercel-ai/models';

// Genkit names a model three ways: a plugin's model ref (`googleAI.model('gemini-2.5-flash')`,
// `openAI.model('gpt-4o')`), an exported constant (`gemini15Flash` from @genkit-ai/googleai), or
// a string 'plugin/model' ('googleai/gemini-2.5-flash'). The plugin decides who is billed.

export interface GenkitModel {
  provider: string;
  model: Value | null;
  modelReason?: string;
}

/** Who bills the models of a plugin package (or subpath: @genkit-ai/compat-oai/deepseek). */
const PLUGIN_PROVIDER: Record<string, string> = {
  '@genkit-ai/googleai': 'google',
  '@genkit-ai/google-genai': 'google',
  '@genkit-ai/vertexai': 'google',
  '@genkit-ai/compat-oai': 'openai',
  '@genkit-ai/compat-oai/openai': 'openai',
  '@genkit-ai/compat-oai/deepseek': 'deepseek',
  '@genkit-ai/compat-oai/xai': 'xai',
  '@genkit-ai/anthropic': 'anthropic',
  '@genkit-ai/ollama': 'ollama',
  'genkitx-openai': 'openai',
  'genkitx-anthropic': 'anthropic',
  'genkitx-ollama': 'ollama',
  'genkitx-groq': 'groq',
  'genkitx-mistral': 'mistral',
  'genkitx-cohere': 'cohere',
};

/** Plugin names in 'plugin/model' strings. */
const STRING_PREFIX: Record<string, string> = { googleai: 'google', vertexai: 'google', 'compat-oai': 'openai' };

/** Model and embedder constants the Google plugins export (names taken from the published packages). */
const GOOGLE_CONSTANTS: Record<string, string> = {
  gemini10Pro: 'gemini-1.0-pro',
  gemini15Pro: 'gemini-1.5-pro',
  gemini15Flash: 'gemini-1.5-flash',
  gemini15Flash8b: 'gemini-1.5-flash-8b',
  gemini20Flash: 'gemini-2.0-flash',
  gemini20Flash001: 'gemini-2.0-flash-001',
  gemini20FlashExp: 'gemini-2.0-flash-exp',
  gemini20FlashLite: 'gemini-2.0-flash-lite',
  gemini20ProExp0205: 'gemini-2.0-pro-exp-02-05',
  gemini25FlashPreview0417: 'gemini-2.5-flash-preview-04-17',
  gemini25ProExp0325: 'gemini-2.5-pro-exp-03-25',
  gemini25ProPreview0325: 'gemini-2.5-pro-preview-03-25',
  gemini25Pro: 'gemini-2.5-pro',
  gemini25Flash: 'gemini-2.5-flash',
  gemini25FlashLite: 'gemini-2.5-flash-lite',
  textEmbeddingGecko001: 'embedding-001',
  textEmbedding004: 'text-embedding-004',
  textEmbedding005: 'text-embedding-005',
  geminiEmbedding001: 'gemini-embedding-001',
};
const GOOGLE_PLUGINS = new Set(['@genkit-ai/googleai', '@genkit-ai/vertexai', '@genkit-ai/google-genai']);

/** Methods of a plugin object that make a model or embedder ref from an id. */
const REF_METHODS = new Set(['model', 'embedder']);

function pluginProvider(module: string): string | null {
  return PLUGIN_PROVIDER[module] ?? PLUGIN_PROVIDER[packageName(module)] ?? null;
}

function fromString(v: Value): GenkitModel {
  const s = exactString(v) ?? (v.k === 'tpl' && typeof v.parts[0] === 'string' ? v.parts[0] : null);
  if (s === null) return { provider: UNKNOWN_PROVIDER, model: v };
  const slash = s.indexOf('/');
  const plugin = slash > 0 ? s.slice(0, slash).toLowerCase() : null;
  const provider = (plugin && (STRING_PREFIX[plugin] ?? providerFromModelPrefix(s))) || providerFromModelName(s) || UNKNOWN_PROVIDER;
  return { provider, model: v };
}

function fromSdk(ev: Evaluator, v: SdkValue): GenkitModel {
  const provider = pluginProvider(v.module);
  const names = v.steps.map((s) => (s.t === 'get' ? s.name : '()'));
  if (provider && names.length === 1) {
    const id = GOOGLE_PLUGINS.has(packageName(v.module)) ? GOOGLE_CONSTANTS[names[0]] : undefined;
    if (id) return { provider, model: str(id) };
    const reason = `\`${names[0]}\` of ${packageName(v.module)}: a model constant the scan does not know`;
    return { provider, model: unknown(reason), modelReason: reason };
  }
  // googleAI.model('gemini-2.5-flash', config), openAI.embedder('text-embedding-3-small')
  const last = v.steps[v.steps.length - 1];
  if (provider && names.length === 3 && REF_METHODS.has(names[1]) && last.t === 'call') {
    const id = argValue(ev, last.args, 0);
    if (id && id.k !== 'nullish') return { provider, model: id };
    return { provider, model: null, modelReason: 'a model ref without a model name' };
  }
  const reason = `a model from \`${v.module}\` the scan cannot follow`;
  return { provider: provider ?? UNKNOWN_PROVIDER, model: unknown(reason), modelReason: reason };
}

export function readGenkitModel(ev: Evaluator, v: Value | undefined): GenkitModel | null {
  if (!v || v.k === 'nullish') return null;
  const reads = options(v).map((o): GenkitModel => {
    if (o.k === 'str' || o.k === 'tpl') return fromString(o);
    if (o.k === 'sdk') return fromSdk(ev, o);
    if (o.k === 'unknown' || o.k === 'env') return { provider: UNKNOWN_PROVIDER, model: o };
    return { provider: UNKNOWN_PROVIDER, model: unknown('a model ref the scan cannot follow') };
  });
  if (reads.length === 1) return reads[0];
  const providers = [...new Set(reads.map((r) => r.provider).filter((p) => p !== UNKNOWN_PROVIDER))];
  const models = reads.map((r) => r.model).filter((m): m is Value => !!m);
  return {
    provider: providers.length === 1 ? providers[0] : providers.length > 1 ? 'multiple' : UNKNOWN_PROVIDER,
    model: models.length ? oneOf(models) : null,
    modelReason: reads.find((r) => r.modelReason)?.modelReason,
  };
}
