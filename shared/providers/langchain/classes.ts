import { packageName } from '../../project/imports';
import type { CallKind } from '../../types';

// The LangChain.js model classes that send requests, the provider that bills each, and the
// model a class falls back to when none is given (read from the class field initialisers of the
// packages' sources: langchain-ai/langchainjs libs/providers/*/src and, for the community
// classes, libs/langchain-community/src/chat_models before they moved out).

export interface ClassSpec {
  provider: string;
  kind: CallKind;
  /** The class's own model when the constructor names none; absent when the model is required. */
  defaultModel?: string;
  /** How the class spells its output limit (reported when none is set). */
  maxOption: string;
  /** OpenAI-shaped classes: `configuration.baseURL` decides who is billed. */
  openaiCompatible?: boolean;
  azure?: boolean;
  /**
   * Read from the class's name, not the table: '' as provider means "whoever the model names", and
   * the class's own default model is not known.
   */
  generic?: { vendor: string };
  /** A base type of @langchain/core: a model only where a value is typed with it, never where the code subclasses it (its own model). */
  typedOnly?: boolean;
}

const chat = (provider: string, maxOption: string, defaultModel?: string, extra: Partial<ClassSpec> = {}): ClassSpec => ({ provider, kind: 'chat', maxOption, defaultModel, ...extra });
const embed = (provider: string, defaultModel?: string, extra: Partial<ClassSpec> = {}): ClassSpec => ({ provider, kind: 'embedding', maxOption: '', defaultModel, ...extra });

const OPENAI_CHAT = chat('openai', 'maxTokens', 'gpt-3.5-turbo', { openaiCompatible: true });
const AZURE_CHAT = chat('azure-openai', 'maxTokens', undefined, { azure: true });
const ANTHROPIC = chat('anthropic', 'maxTokens', 'claude-sonnet-4-5-20250929');
const VERTEX = chat('google', 'maxOutputTokens', 'gemini-pro');

/** package name → class name → spec. */
export const CLASSES: Record<string, Record<string, ClassSpec>> = {
  '@langchain/openai': {
    ChatOpenAI: OPENAI_CHAT,
    ChatOpenAIResponses: OPENAI_CHAT,
    ChatOpenAICompletions: OPENAI_CHAT,
    AzureChatOpenAI: AZURE_CHAT,
    AzureChatOpenAIResponses: AZURE_CHAT,
    AzureChatOpenAICompletions: AZURE_CHAT,
    OpenAI: chat('openai', 'maxTokens', 'gpt-3.5-turbo-instruct', { openaiCompatible: true }),
    AzureOpenAI: chat('azure-openai', 'maxTokens', undefined, { azure: true }),
    OpenAIEmbeddings: embed('openai', 'text-embedding-ada-002', { openaiCompatible: true }),
    AzureOpenAIEmbeddings: embed('azure-openai', undefined, { azure: true }),
  },
  // The deprecated Azure-only package (0.0.x): the same classes as @langchain/openai's Azure ones.
  '@langchain/azure-openai': { AzureChatOpenAI: AZURE_CHAT, AzureOpenAI: chat('azure-openai', 'maxTokens', undefined, { azure: true }), AzureOpenAIEmbeddings: embed('azure-openai', undefined, { azure: true }) },
  '@langchain/anthropic': { ChatAnthropic: ANTHROPIC, ChatAnthropicMessages: ANTHROPIC },
  '@langchain/google-genai': {
    ChatGoogleGenerativeAI: chat('google', 'maxOutputTokens'),
    GoogleGenerativeAIEmbeddings: embed('google', 'embedding-001'),
  },
  '@langchain/google-vertexai': { ChatVertexAI: VERTEX, VertexAIEmbeddings: embed('google') },
  '@langchain/google-vertexai-web': { ChatVertexAI: VERTEX, VertexAIEmbeddings: embed('google') },
  '@langchain/google': { ChatGoogle: chat('google', 'maxOutputTokens') },
  '@langchain/google-gauth': { ChatGoogle: VERTEX },
  '@langchain/aws': {
    ChatBedrockConverse: chat('bedrock', 'maxTokens', 'anthropic.claude-haiku-4-5-20251001-v1:0'),
    // `model = fields?.model ?? ...` in the constructor (libs/providers/langchain-aws/src/embeddings.ts).
    BedrockEmbeddings: embed('bedrock', 'amazon.titan-embed-text-v1'),
  },
  '@langchain/mistralai': {
    ChatMistralAI: chat('mistral', 'maxTokens', 'mistral-small-latest'),
    MistralAI: chat('mistral', 'maxTokens', 'codestral-latest'),
    MistralAIEmbeddings: embed('mistral', 'mistral-embed'),
  },
  '@langchain/groq': { ChatGroq: chat('groq', 'maxTokens') },
  '@langchain/cohere': {
    ChatCohere: chat('cohere', 'maxTokens', 'command-r-plus'),
    Cohere: chat('cohere', 'maxTokens'),
    CohereEmbeddings: embed('cohere'),
  },
  '@langchain/ollama': {
    ChatOllama: chat('ollama', 'numPredict', 'llama3'),
    Ollama: chat('ollama', 'numPredict', 'llama3'),
    OllamaEmbeddings: embed('ollama', 'mxbai-embed-large'),
  },
  '@langchain/deepseek': { ChatDeepSeek: chat('deepseek', 'maxTokens') },
  '@langchain/xai': { ChatXAI: chat('xai', 'maxTokens', 'grok-3-fast'), ChatXAIResponses: chat('xai', 'maxOutputTokens') },
  '@langchain/together-ai': {
    ChatTogetherAI: chat('together', 'maxTokens', 'mistralai/Mixtral-8x7B-Instruct-v0.1'),
    TogetherAI: chat('together', 'maxTokens'),
    TogetherAIEmbeddings: embed('together', 'togethercomputer/m2-bert-80M-8k-retrieval'),
  },
  '@langchain/fireworks': {
    ChatFireworks: chat('fireworks', 'maxTokens', 'accounts/fireworks/models/llama-v3p1-8b-instruct'),
    Fireworks: chat('fireworks', 'maxTokens', 'accounts/fireworks/models/llama-v2-13b'),
    FireworksEmbeddings: embed('fireworks', 'nomic-ai/nomic-embed-text-v1.5'),
  },
  '@langchain/ibm': { ChatWatsonx: chat('ibm', 'maxTokens'), WatsonxLLM: chat('ibm', 'maxNewTokens'), WatsonxEmbeddings: embed('ibm') },
  '@langchain/pinecone': { PineconeEmbeddings: embed('pinecone', 'multilingual-e5-large') },
  '@langchain/perplexity': { ChatPerplexity: chat('perplexity', 'maxTokens') },
  '@langchain/cerebras': { ChatCerebras: chat('cerebras', 'maxCompletionTokens') },
  '@langchain/openrouter': { ChatOpenRouter: chat('openrouter', 'maxTokens') },
  '@langchain/cloudflare': {
    ChatCloudflareWorkersAI: chat('cloudflare', 'maxTokens', '@cf/meta/llama-2-7b-chat-int8'),
    CloudflareWorkersAI: chat('cloudflare', 'maxTokens', '@cf/meta/llama-2-7b-chat-int8'),
    CloudflareWorkersAIEmbeddings: embed('cloudflare', '@cf/baai/bge-base-en-v1.5'),
  },
  '@langchain/community': {
    ChatTogetherAI: chat('together', 'maxTokens', 'mistralai/Mixtral-8x7B-Instruct-v0.1'),
    ChatFireworks: chat('fireworks', 'maxTokens', 'accounts/fireworks/models/llama-v3p1-8b-instruct'),
    ChatDeepInfra: chat('deepinfra', 'maxTokens', 'meta-llama/Meta-Llama-3-70B-Instruct'),
    ChatMoonshot: chat('moonshot', 'maxTokens', 'moonshot-v1-8k'),
    ChatZhipuAI: chat('zhipu', 'maxTokens', 'glm-3-turbo'),
    ChatAlibabaTongyi: chat('alibaba', 'maxTokens', 'qwen-turbo'),
    ChatBaiduWenxin: chat('baidu', 'maxTokens', 'ERNIE-Bot-turbo'),
    ChatMinimax: chat('minimax', 'tokensToGenerate', 'abab5.5-chat'),
    ChatNovitaAI: chat('novita', 'maxTokens', 'gryphe/mythomax-l2-13b'),
    ChatPerplexity: chat('perplexity', 'maxTokens'),
    ChatWatsonx: chat('ibm', 'maxTokens'),
    ChatFriendli: chat('friendli', 'maxTokens', 'meta-llama-3-8b-instruct'),
    ChatYandexGPT: chat('yandex', 'maxTokens', 'general'),
    ChatPrem: chat('premai', 'max_tokens'),
    ChatIflytekXinghuo: chat('iflytek', 'max_tokens'),
    ChatTencentHunyuan: chat('tencent', 'maxTokens', 'hunyuan-pro'),
    ChatOllama: chat('ollama', 'numPredict', 'llama2'),
    ChatCloudflareWorkersAI: chat('cloudflare', 'maxTokens', '@cf/meta/llama-2-7b-chat-int8'),
    BedrockChat: chat('bedrock', 'maxTokens', 'amazon.titan-tg1-large'),
    ChatGoogleVertexAI: chat('google', 'maxOutputTokens', 'chat-bison'),
    ChatGooglePaLM: chat('google', 'maxOutputTokens', 'models/chat-bison-001'),
    ChatLlamaCpp: chat('self-hosted', 'maxTokens'),
    // Text LLMs of @langchain/community/llms/* (also re-exported by langchain 0.1's llms/* entrypoints).
    Bedrock: chat('bedrock', 'maxTokens', 'amazon.titan-tg1-large'),
    Ollama: chat('ollama', 'numPredict', 'llama2'),
    Cohere: chat('cohere', 'maxTokens'),
    GoogleVertexAI: chat('google', 'maxOutputTokens', 'text-bison'),
    GooglePaLM: chat('google', 'maxOutputTokens', 'models/text-bison-001'),
    HuggingFaceInference: chat('huggingface', 'maxTokens', 'gpt2'),
    Replicate: chat('replicate', 'maxTokens'),
    TogetherAI: chat('together', 'maxTokens'),
    Fireworks: chat('fireworks', 'maxTokens', 'accounts/fireworks/models/llama-v2-13b'),
    AI21: chat('ai21', 'maxTokens', 'j2-jumbo-instruct'),
    AlephAlpha: chat('aleph-alpha', 'maximum_tokens', 'luminous-base'),
    CloudflareWorkersAI: chat('cloudflare', 'maxTokens', '@cf/meta/llama-2-7b-chat-int8'),
    DeepInfraLLM: chat('deepinfra', 'maxTokens'),
    Friendli: chat('friendli', 'maxTokens', 'mixtral-8x7b-instruct-v0-1'),
    Writer: chat('writer', 'maxTokens', 'palmyra-instruct'),
    YandexGPT: chat('yandex', 'maxTokens', 'general'),
    WatsonxAI: chat('ibm', 'max_new_tokens', 'meta-llama/llama-2-70b-chat'),
    WatsonxLLM: chat('ibm', 'maxNewTokens'),
    LlamaCpp: chat('self-hosted', 'maxTokens'),
    // Embeddings of @langchain/community/embeddings/*.
    OllamaEmbeddings: embed('ollama', 'llama2'),
    BedrockEmbeddings: embed('bedrock', 'amazon.titan-embed-text-v1'),
    CohereEmbeddings: embed('cohere', 'small'),
    HuggingFaceInferenceEmbeddings: embed('huggingface', 'BAAI/bge-base-en-v1.5'),
    GoogleVertexAIEmbeddings: embed('google', 'textembedding-gecko'),
    TogetherAIEmbeddings: embed('together', 'togethercomputer/m2-bert-80M-8k-retrieval'),
    VoyageEmbeddings: embed('voyage', 'voyage-01'),
    FireworksEmbeddings: embed('fireworks', 'nomic-ai/nomic-embed-text-v1.5'),
    MinimaxEmbeddings: embed('minimax', 'embo-01'),
    CloudflareWorkersAIEmbeddings: embed('cloudflare', '@cf/baai/bge-base-en-v1.5'),
    // Runs in the process (transformers.js): no API bill, a server of one's own.
    HuggingFaceTransformersEmbeddings: embed('self-hosted', 'Xenova/all-MiniLM-L6-v2'),
  },
};

/**
 * LangChain 0.0.x kept its own copies of some classes under `langchain/<kind>/<provider>` with older
 * defaults; 0.1 re-exported the rest from the provider packages and @langchain/community.
 */
const LEGACY_LANGCHAIN: Record<string, ClassSpec> = {
  ChatAnthropic: chat('anthropic', 'maxTokens', 'claude-2'),
};

/** Where a class name is looked up for a subpath of `langchain`, `@langchain/classic` or `@langchain/community`. */
const UMBRELLA_PACKAGES = new Set(['langchain', '@langchain/classic', '@langchain/community']);

/** initChatModel's provider keys (MODEL_PROVIDER_CONFIG in langchain/chat_models/universal) → billing provider and class. */
export const UNIVERSAL_PROVIDERS: Record<string, { provider: string; pkg: string; cls: string }> = {
  openai: { provider: 'openai', pkg: '@langchain/openai', cls: 'ChatOpenAI' },
  anthropic: { provider: 'anthropic', pkg: '@langchain/anthropic', cls: 'ChatAnthropic' },
  azure_openai: { provider: 'azure-openai', pkg: '@langchain/openai', cls: 'AzureChatOpenAI' },
  cohere: { provider: 'cohere', pkg: '@langchain/cohere', cls: 'ChatCohere' },
  google: { provider: 'google', pkg: '@langchain/google', cls: 'ChatGoogle' },
  'google-vertexai': { provider: 'google', pkg: '@langchain/google-vertexai', cls: 'ChatVertexAI' },
  'google-vertexai-web': { provider: 'google', pkg: '@langchain/google-vertexai-web', cls: 'ChatVertexAI' },
  'google-genai': { provider: 'google', pkg: '@langchain/google-genai', cls: 'ChatGoogleGenerativeAI' },
  ollama: { provider: 'ollama', pkg: '@langchain/ollama', cls: 'ChatOllama' },
  mistralai: { provider: 'mistral', pkg: '@langchain/mistralai', cls: 'ChatMistralAI' },
  mistral: { provider: 'mistral', pkg: '@langchain/mistralai', cls: 'ChatMistralAI' },
  groq: { provider: 'groq', pkg: '@langchain/groq', cls: 'ChatGroq' },
  bedrock: { provider: 'bedrock', pkg: '@langchain/aws', cls: 'ChatBedrockConverse' },
  aws: { provider: 'bedrock', pkg: '@langchain/aws', cls: 'ChatBedrockConverse' },
  deepseek: { provider: 'deepseek', pkg: '@langchain/deepseek', cls: 'ChatDeepSeek' },
  xai: { provider: 'xai', pkg: '@langchain/xai', cls: 'ChatXAI' },
  cerebras: { provider: 'cerebras', pkg: '@langchain/cerebras', cls: 'ChatCerebras' },
  fireworks: { provider: 'fireworks', pkg: '@langchain/fireworks', cls: 'ChatFireworks' },
  together: { provider: 'together', pkg: '@langchain/together-ai', cls: 'ChatTogetherAI' },
  perplexity: { provider: 'perplexity', pkg: '@langchain/perplexity', cls: 'ChatPerplexity' },
};

/** initChatModel's own guess from a bare model name (_inferModelProvider), before any generic rule. */
export function universalProviderKey(model: string): string | null {
  if (/^(gpt-3|gpt-4|gpt-5|o1|o3|o4)/.test(model)) return 'openai';
  if (model.startsWith('claude')) return 'anthropic';
  if (model.startsWith('command')) return 'cohere';
  if (model.startsWith('accounts/fireworks')) return 'fireworks';
  if (model.startsWith('gemini')) return 'google-vertexai';
  if (model.startsWith('amazon.')) return 'bedrock';
  if (model.startsWith('mistral')) return 'mistralai';
  if (model.startsWith('sonar') || model.startsWith('pplx')) return 'perplexity';
  return null;
}

export function classSpec(pkg: string, cls: string): ClassSpec | null {
  return CLASSES[pkg]?.[cls] ?? null;
}

/**
 * The spec of a class imported from a module specifier. The umbrella packages' entrypoints
 * (`langchain/chat_models/openai`, `@langchain/community/llms/bedrock`) re-export classes that
 * live in a provider package today, so the class name decides there.
 */
export function classSpecAt(module: string, cls: string): ClassSpec | null {
  const pkg = packageName(module);
  const own = classSpec(pkg, cls);
  if (own) return own;
  if (UMBRELLA_PACKAGES.has(pkg)) {
    if (pkg !== '@langchain/community' && LEGACY_LANGCHAIN[cls]) return LEGACY_LANGCHAIN[cls];
    if (CLASSES['@langchain/community'][cls]) return CLASSES['@langchain/community'][cls];
    for (const table of Object.values(CLASSES)) if (table[cls]) return table[cls];
  }
  if (pkg === '@langchain/core' && CORE_MODEL_TYPES[cls]) return CORE_MODEL_TYPES[cls];
  return genericClassSpec(module, cls);
}

/**
 * The model types of @langchain/core that code takes from its users (`model: BaseChatModel`,
 * `config.model as Embeddings`): a model of any vendor, which the code does not name. Read only
 * where a value is typed with them (the instance is built elsewhere).
 */
const CORE_MODEL_TYPES: Record<string, ClassSpec> = Object.fromEntries([
  ...['BaseChatModel', 'BaseChatModelInterface', 'BaseLanguageModel', 'BaseLanguageModelInterface', 'BaseLLM', 'LLM', 'SimpleChatModel'].map((c) => [c, { provider: '', kind: 'chat' as CallKind, maxOption: 'maxTokens', generic: { vendor: '' }, typedOnly: true }]),
  ...['Embeddings', 'EmbeddingsInterface'].map((c) => [c, { provider: '', kind: 'embedding' as CallKind, maxOption: '', generic: { vendor: '' }, typedOnly: true }]),
]);

/**
 * Vendors as LangChain spells them in class names (`ChatBaiduQianfan`, `JinaEmbeddings`), and who
 * bills them. A class name is read by its longest vendor prefix: `BedrockConverse` is Bedrock.
 */
const VENDORS: Record<string, string> = {
  OpenAI: 'openai',
  AzureOpenAI: 'azure-openai',
  Anthropic: 'anthropic',
  Google: 'google',
  Gemini: 'google',
  VertexAI: 'google',
  Bedrock: 'bedrock',
  Mistral: 'mistral',
  Groq: 'groq',
  Cohere: 'cohere',
  Ollama: 'ollama',
  DeepSeek: 'deepseek',
  XAI: 'xai',
  Together: 'together',
  Fireworks: 'fireworks',
  Perplexity: 'perplexity',
  Cerebras: 'cerebras',
  DeepInfra: 'deepinfra',
  OpenRouter: 'openrouter',
  Cloudflare: 'cloudflare',
  HuggingFace: 'huggingface',
  HuggingFaceInference: 'huggingface',
  Voyage: 'voyage',
  Jina: 'jina',
  Nomic: 'nomic',
  Pinecone: 'pinecone',
  Watsonx: 'ibm',
  IBM: 'ibm',
  Moonshot: 'moonshot',
  Zhipu: 'zhipu',
  Alibaba: 'alibaba',
  Baidu: 'baidu',
  Minimax: 'minimax',
  Novita: 'novita',
  Friendli: 'friendli',
  Yandex: 'yandex',
  Prem: 'premai',
  Tencent: 'tencent',
  Iflytek: 'iflytek',
  ByteDance: 'bytedance',
  Writer: 'writer',
  AI21: 'ai21',
  AlephAlpha: 'aleph-alpha',
  Replicate: 'replicate',
  Nvidia: 'nvidia',
  NVIDIA: 'nvidia',
  SambaNova: 'sambanova',
  Gradient: 'gradient',
  SageMaker: 'sagemaker',
  Upstage: 'upstage',
  Reka: 'reka',
  // In the process or on one's own machine: no API bill.
  WebLLM: 'self-hosted',
  LlamaCpp: 'self-hosted',
  HuggingFaceTransformers: 'self-hosted',
  TensorFlow: 'self-hosted',
};

/** Packages of the @langchain scope that hold no model classes (their `Chat*` names are messages, histories, prompts). */
const NO_MODEL_PACKAGES = new Set(['@langchain/core', '@langchain/textsplitters', '@langchain/mcp-adapters', '@langchain/classic', 'langchain', '@langchain/community']);
/** Subpaths of the umbrella packages whose classes are models. */
const MODEL_SUBPATH = /^(chat_models|llms|embeddings)\//;
/** Names that read like a model class but are not one: test doubles, base classes, messages, histories, option types. */
export const NOT_A_MODEL = /^(Fake|Base|Simple|Mock|Synthetic|Deterministic|Generic|Abstract)|(History|Prompt|Template|Message|Chunk|Input|Params|Options|Fields|Handler|Callback|Parser|Tool|Toolkit|Loader|Splitter|Memory|Store|Retriever|Session|Error|Type|Config|Base|Connection|Client)$/;

/** The billing provider a vendor name in a class stands for, by its longest known prefix. */
function vendorProvider(vendor: string): string | null {
  let best: string | null = null;
  for (const v of Object.keys(VENDORS)) if (vendor.startsWith(v) && (!best || v.length > best.length)) best = v;
  return best ? VENDORS[best] : null;
}

/**
 * A LangChain model class the table does not list, read from its name: `Chat<Vendor>` is a chat
 * model, `<Vendor>Embeddings` an embedding model, `<Vendor>` or `<Vendor>LLM` under a `llms/`
 * entrypoint or in a vendor's own package a text LLM. The vendor names the provider when tollgate
 * knows it; else the model's name will (see ModelInfo.providerInferred).
 */
export function genericClassSpec(module: string, cls: string): ClassSpec | null {
  const pkg = packageName(module);
  const sub = module.slice(pkg.length + 1);
  const umbrella = UMBRELLA_PACKAGES.has(pkg);
  if (umbrella ? !MODEL_SUBPATH.test(sub) : !pkg.startsWith('@langchain/') || NO_MODEL_PACKAGES.has(pkg) || pkg.startsWith('@langchain/langgraph')) return null;
  if (!/^[A-Z][A-Za-z0-9]+$/.test(cls) || NOT_A_MODEL.test(cls)) return null;
  const chatName = cls.match(/^Chat([A-Z][A-Za-z0-9]*)$/);
  const embedName = cls.match(/^([A-Z][A-Za-z0-9]*?)Embeddings$/);
  const llmName = cls.match(/^([A-Z][A-Za-z0-9]*?)(LLM)?$/);
  let kind: CallKind;
  let vendor: string;
  if (chatName) [kind, vendor] = ['chat', chatName[1]];
  else if (embedName) [kind, vendor] = ['embedding', embedName[1]];
  // A bare vendor name only: `OpenAIModerationChain` or `OpenAIClient` is no LLM.
  else if (llmName && (!umbrella || sub.startsWith('llms/')) && VENDORS[llmName[1]]) [kind, vendor] = ['chat', llmName[1]];
  else return null;
  if (umbrella && !sub.startsWith(kind === 'embedding' ? 'embeddings/' : chatName ? 'chat_models/' : 'llms/')) return null;
  const provider = vendorProvider(vendor) ?? '';
  return { provider, kind, maxOption: kind === 'chat' ? 'maxTokens' : '', generic: { vendor } };
}

/** Every package whose values this adapter reads: model packages plus the ones chains and agents start from. */
export const LANGCHAIN_MODULES = [
  ...Object.keys(CLASSES),
  // Model packages whose classes are read by their names alone (genericClassSpec).
  '@langchain/google-common',
  '@langchain/google-webauth',
  '@langchain/baidu-qianfan',
  '@langchain/yandex',
  '@langchain/nomic',
  '@langchain/core',
  '@langchain/langgraph',
  '@langchain/classic',
  'langchain',
];
