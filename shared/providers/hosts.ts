// Where a request really goes, from the base URL or endpoint: the provider that bills it, and
// the gateway (if any) it passes through. Shared by the OpenAI-compatible client and raw HTTP.

export interface HostInfo {
  provider: string;
  gateway: string | null;
  /** Provider-specific API family when the URL says it (e.g. an OpenAI-compatible endpoint of Google). */
  compat?: boolean;
}

interface HostRule {
  test: RegExp;
  info: HostInfo;
}

const RULES: HostRule[] = [
  { test: /(^|\.)api\.openai\.com$/, info: { provider: 'openai', gateway: null } },
  { test: /\.openai\.azure\.com$|\.cognitiveservices\.azure\.com$|\.services\.ai\.azure\.com$/, info: { provider: 'azure-openai', gateway: null } },
  // Azure AI serverless deployments (one model each) and GitHub Models, both served by `@azure-rest/ai-inference`.
  { test: /\.models\.ai\.azure\.com$/, info: { provider: 'azure-ai-inference', gateway: null } },
  { test: /^models\.inference\.ai\.azure\.com$|^models\.github\.ai$/, info: { provider: 'github-models', gateway: null } },
  { test: /(^|\.)api\.anthropic\.com$/, info: { provider: 'anthropic', gateway: null } },
  { test: /(^|\.)generativelanguage\.googleapis\.com$/, info: { provider: 'google', gateway: null } },
  { test: /(^|[.-])aiplatform\.googleapis\.com$/, info: { provider: 'google', gateway: null } },
  { test: /^bedrock-runtime\.[\w-]+\.amazonaws\.com$/, info: { provider: 'bedrock', gateway: null } },
  { test: /(^|\.)api\.groq\.com$/, info: { provider: 'groq', gateway: null } },
  { test: /(^|\.)api\.together\.(xyz|ai)$/, info: { provider: 'together', gateway: null } },
  { test: /(^|\.)openrouter\.ai$/, info: { provider: 'openrouter', gateway: null } },
  { test: /(^|\.)api\.deepseek\.com$/, info: { provider: 'deepseek', gateway: null } },
  { test: /(^|\.)api\.fireworks\.ai$/, info: { provider: 'fireworks', gateway: null } },
  { test: /(^|\.)api\.x\.ai$/, info: { provider: 'xai', gateway: null } },
  { test: /(^|\.)api\.mistral\.ai$/, info: { provider: 'mistral', gateway: null } },
  { test: /(^|\.)api\.cohere\.(ai|com)$/, info: { provider: 'cohere', gateway: null } },
  { test: /(^|\.)api\.perplexity\.ai$/, info: { provider: 'perplexity', gateway: null } },
  { test: /(^|\.)api\.cerebras\.ai$/, info: { provider: 'cerebras', gateway: null } },
  { test: /(^|\.)api\.deepinfra\.com$/, info: { provider: 'deepinfra', gateway: null } },
  { test: /(^|\.)api\.moonshot\.(ai|cn)$/, info: { provider: 'moonshot', gateway: null } },
  { test: /(^|\.)dashscope(-intl)?\.aliyuncs\.com$/, info: { provider: 'alibaba', gateway: null } },
  { test: /(^|\.)api\.sambanova\.ai$/, info: { provider: 'sambanova', gateway: null } },
  { test: /(^|\.)api-inference\.huggingface\.co$|(^|\.)router\.huggingface\.co$/, info: { provider: 'huggingface', gateway: null } },
  { test: /(^|\.)api\.jina\.ai$/, info: { provider: 'jina', gateway: null } },
  { test: /^api\.replicate\.com$/, info: { provider: 'replicate', gateway: null } },
  // fal's synchronous (`fal.run/{app}`) and queued (`queue.fal.run/{app}`) endpoints.
  { test: /(^|\.)fal\.run$/, info: { provider: 'fal', gateway: null } },
  { test: /(^|\.)api\.voyageai\.com$/, info: { provider: 'voyage', gateway: null } },
  // watsonx.ai is served per region: us-south.ml.cloud.ibm.com, eu-de.ml.cloud.ibm.com, ...
  { test: /(^|\.)ml\.cloud\.ibm\.com$/, info: { provider: 'ibm-watsonx', gateway: null } },
  { test: /(^|\.)open\.bigmodel\.cn$|(^|\.)api\.z\.ai$/, info: { provider: 'zhipu', gateway: null } },
  // Vendors with native APIs of their own beside (or instead of) an OpenAI-compatible one: endpoints.ts reads their paths.
  { test: /^(aip|qianfan)\.baidubce\.com$/, info: { provider: 'baidu', gateway: null } },
  { test: /^hunyuan(\.[a-z0-9-]+)?\.tencentcloudapi\.com$|^api\.hunyuan\.cloud\.tencent\.com$/, info: { provider: 'tencent', gateway: null } },
  { test: /^ark\.[a-z0-9-]+\.volces\.com$/, info: { provider: 'bytedance', gateway: null } },
  { test: /^api\.minimaxi?\.(chat|com|io)$/, info: { provider: 'minimax', gateway: null } },
  { test: /^spark-api-open\.xf-yun\.com$/, info: { provider: 'iflytek', gateway: null } },
  { test: /^api\.siliconflow\.(cn|com)$/, info: { provider: 'siliconflow', gateway: null } },
  { test: /^api\.baichuan-ai\.com$/, info: { provider: 'baichuan', gateway: null } },
  { test: /^api\.stepfun\.com$/, info: { provider: 'stepfun', gateway: null } },
  { test: /^api\.lingyiwanwu\.com$/, info: { provider: '01-ai', gateway: null } },
  { test: /(^|\.)api\.hyperbolic\.xyz$/, info: { provider: 'hyperbolic', gateway: null } },
  { test: /(^|\.)api\.novita\.ai$/, info: { provider: 'novita', gateway: null } },
  { test: /(^|\.)api\.studio\.nebius\.(ai|com)$/, info: { provider: 'nebius', gateway: null } },
  { test: /(^|\.)api\.lambda\.ai$|(^|\.)api\.lambdalabs\.com$/, info: { provider: 'lambda', gateway: null } },
  { test: /(^|\.)inference\.baseten\.co$|^model-[\w-]+\.api\.baseten\.co$/, info: { provider: 'baseten', gateway: null } },
  { test: /(^|\.)ai-gateway\.vercel\.sh$/, info: { provider: 'vercel-gateway', gateway: 'vercel-ai-gateway' } },
  { test: /(^|\.)together\.helicone\.ai$/, info: { provider: 'together', gateway: 'helicone' } },
  { test: /(^|\.)oai\.helicone\.ai$|(^|\.)oai\.hconeai\.com$/, info: { provider: 'openai', gateway: 'helicone' } },
  { test: /(^|\.)anthropic\.helicone\.ai$/, info: { provider: 'anthropic', gateway: 'helicone' } },
  { test: /(^|\.)gateway\.helicone\.ai$|(^|\.)ai-gateway\.helicone\.ai$/, info: { provider: 'openai', gateway: 'helicone' } },
  { test: /(^|\.)api\.portkey\.ai$/, info: { provider: 'openai', gateway: 'portkey' } },
  { test: /(^|\.)gateway\.ai\.cloudflare\.com$/, info: { provider: 'openai', gateway: 'cloudflare-ai-gateway' } },
];

/** A host declared in tollgate.yml (`detect.hosts`): `name`, `*.domain` or `name:port`, lower case. */
export interface DeclaredHostRule {
  host: string;
  provider: string;
  gateway: string | null;
}

/**
 * The hosts the scan in progress was told about. Scoped (see withDeclaredHosts), not global: one
 * process runs scans of several trees and configs (diff's two sides, an editor's sessions).
 */
let declaredHosts: readonly DeclaredHostRule[] = [];

/** Runs `work` with these declared hosts in force; the previous ones come back after it, even when it throws. */
export function withDeclaredHosts<T>(hosts: readonly DeclaredHostRule[], work: () => T): T {
  const before = declaredHosts;
  declaredHosts = hosts;
  try {
    return work();
  } finally {
    declaredHosts = before;
  }
}

/** Who serves a URL no rule knows, while a declared fetch-like function with a provider is read (see withFallbackHost). */
let fallbackHost: HostInfo | null = null;

/** Runs `work` with unknown hosts served by `info`: the provider tollgate.yml gives a fetch-like function. */
export function withFallbackHost<T>(info: HostInfo, work: () => T): T {
  const before = fallbackHost;
  fallbackHost = info;
  try {
    return work();
  } finally {
    fallbackHost = before;
  }
}

function declaredHost(host: string, port: string): HostInfo | null {
  for (const d of declaredHosts) {
    const [name, wanted] = d.host.split(':');
    if (wanted !== undefined && wanted !== port) continue;
    const hit = name.startsWith('*.') ? host.endsWith(name.slice(1)) : host === name;
    if (hit) return { provider: d.provider, gateway: d.gateway };
  }
  return null;
}

const LOCAL = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\]|host\.docker\.internal)$/;

export function hostOf(url: string): { host: string; port: string; pathname: string } | null {
  const m = url.match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+|\[[^\]]+\])(?::(\d+))?([^?#]*)/i);
  if (!m) return null;
  return { host: m[1].toLowerCase(), port: m[2] ?? '', pathname: m[3] || '/' };
}

/** The provider behind a URL; null when the URL names no known host (a private proxy, for instance). */
export function providerFromURL(url: string): HostInfo | null {
  const h = hostOf(url);
  if (!h) return null;
  // What the user declared wins: they know their proxy better than the built-in rules guess it.
  const declared = declaredHosts.length ? declaredHost(h.host, h.port) : null;
  if (declared) return declared;
  for (const r of RULES) {
    if (r.test.test(h.host)) {
      if (r.info.gateway === 'cloudflare-ai-gateway') {
        // https://gateway.ai.cloudflare.com/v1/{account}/{gateway}/{provider}/...
        const seg = h.pathname.split('/').filter(Boolean)[3];
        const map: Record<string, string> = { openai: 'openai', anthropic: 'anthropic', 'google-ai-studio': 'google', groq: 'groq', mistral: 'mistral', 'azure-openai': 'azure-openai', 'workers-ai': 'cloudflare' };
        return { provider: (seg && map[seg]) ?? 'openai', gateway: r.info.gateway };
      }
      if (r.info.provider === 'google' && /\/openai\/?/.test(h.pathname)) return { ...r.info, compat: true };
      return r.info;
    }
  }
  // Azure OpenAI's path shape, whatever the host (custom domains, API Management in front of it).
  if (/\/openai\/deployments\//.test(h.pathname)) return { provider: 'azure-openai', gateway: null };
  if (LOCAL.test(h.host)) {
    if (h.port === '11434') return { provider: 'ollama', gateway: null };
    if (h.port === '4000') return { provider: 'openai', gateway: 'litellm' };
    if (h.port === '1234') return { provider: 'lmstudio', gateway: null };
    return { provider: 'self-hosted', gateway: null };
  }
  if (/litellm/.test(h.host)) return { provider: 'openai', gateway: 'litellm' };
  if (/ollama/.test(h.host) || h.port === '11434') return { provider: 'ollama', gateway: null };
  return fallbackHost;
}

/** Text needles that make a file worth parsing even without an SDK import. */
export const PROVIDER_HOST_NEEDLES = [
  'api.openai.com',
  'openai.azure.com',
  'api.anthropic.com',
  'generativelanguage.googleapis.com',
  'aiplatform.googleapis.com',
  'bedrock-runtime',
  'api.groq.com',
  'api.together.',
  'openrouter.ai',
  'api.deepseek.com',
  'api.fireworks.ai',
  'api.x.ai',
  'api.mistral.ai',
  'api.cohere.',
  'api.perplexity.ai',
  'api.cerebras.ai',
  'helicone.ai',
  'api.portkey.ai',
  'gateway.ai.cloudflare.com',
  'ai-gateway.vercel.sh',
  'api.deepinfra.com',
  'api.moonshot.',
  'dashscope.aliyuncs.com',
  'dashscope-intl.aliyuncs.com',
  'api.sambanova.ai',
  'api-inference.huggingface.co',
  'router.huggingface.co',
  'api.jina.ai',
  'api.replicate.com',
  'fal.run/',
  'api.voyageai.com',
  'ml.cloud.ibm.com',
  'open.bigmodel.cn',
  'api.z.ai',
  'baidubce.com',
  'tencentcloudapi.com',
  'hunyuan.cloud.tencent.com',
  'volces.com',
  'api.minimax',
  'xf-yun.com',
  'api.siliconflow.',
  'api.baichuan-ai.com',
  'api.stepfun.com',
  'api.lingyiwanwu.com',
  '/wenxinworkshop/',
  '/services/aigc/',
  'api.hyperbolic.xyz',
  'api.novita.ai',
  'api.studio.nebius.',
  'api.lambda.ai',
  'api.lambdalabs.com',
  'baseten.co',
  ':11434',
  // A URL whose host comes from the environment still says what it calls by its path or its name.
  '/chat/completions',
  '/v1/messages',
  ':generateContent',
  ':streamGenerateContent',
  // Ollama's path as the end of a URL string, not a module path such as `@/lib/api/generate-name`.
  "/api/generate'",
  '/api/generate"',
  '/api/generate`',
  'OLLAMA',
  'ollama',
];

/** Model ids written as `provider/model` (OpenRouter, Vercel AI Gateway, LiteLLM): the provider prefix. */
export function providerFromModelPrefix(model: string): string | null {
  const m = model.match(/^([a-z][a-z0-9-]*)\/[^/]/i);
  if (!m) return null;
  const p = m[1].toLowerCase();
  const aliases: Record<string, string> = { 'meta-llama': 'meta', 'x-ai': 'xai', gemini: 'google', vertex_ai: 'google', 'mistralai': 'mistral', bedrock: 'bedrock', azure: 'azure-openai' };
  return aliases[p] ?? p;
}

/** The vendor of a model from its name alone, for requests that pass through a gateway. */
export function providerFromModelName(model: string): string | null {
  const m = model.toLowerCase();
  const rules: Array<[RegExp, string]> = [
    [/^(gpt-|chatgpt|o[1-9](-|$)|text-embedding|dall-e|whisper|tts-|omni-moderation|text-moderation|davinci|babbage|codex)/, 'openai'],
    [/^claude/, 'anthropic'],
    [/^(gemini|gemma|text-embedding-00|imagen|veo)/, 'google'],
    [/^(mistral|mixtral|codestral|pixtral|ministral|magistral|devstral|open-mistral)/, 'mistral'],
    [/^(command|embed-(english|multilingual|v4)|rerank-)/, 'cohere'],
    [/^deepseek/, 'deepseek'],
    [/^grok/, 'xai'],
    [/^(amazon\.|nova-)/, 'bedrock'],
  ];
  for (const [re, p] of rules) if (re.test(m)) return p;
  return null;
}

/**
 * A URL built from a template (`${ENDPOINT}/openai/deployments/${id}`): the provider its static text
 * reveals, or null. Unknown parts stand in as `x`, so a static scheme and host still count.
 */
export function providerFromUrlTemplate(parts: Array<string | { expr: string }>): HostInfo | null {
  const text = parts.map((p) => (typeof p === 'string' ? p : 'x')).join('');
  if (/\/openai\/deployments\//.test(text)) return { provider: 'azure-openai', gateway: null };
  if (typeof parts[0] === 'string' && /^[a-z][a-z0-9+.-]*:\/\/[^/]*[a-z]\.[a-z]/i.test(parts[0])) return providerFromURL(text);
  return null;
}
