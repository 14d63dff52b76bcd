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
    BedrockEmbeddings: embed('bedrock', 'amazon.titan-embed-text-v1'),
  },
  '@langchain/mistralai': {
    ChatMistralAI: chat('mistral', 'maxTokens', 'mistral-small-latest'),
    MistralAI: chat('mistral', 'maxTokens'),
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
  '@langchain/together-ai': { ChatTogetherAI: chat('together', 'maxTokens', 'mistralai/Mixtral-8x7B-Instruct-v0.1') },
  '@langchain/fireworks': { ChatFireworks: chat('fireworks', 'maxTokens', 'accounts/fireworks/models/llama-v3p1-8b-instruct') },
  '@langchain/perplexity': { ChatPerplexity: chat('perplexity', 'maxTokens') },
  '@langchain/cerebras': { ChatCerebras: chat('cerebras', 'maxCompletionTokens') },
  '@langchain/openrouter': { ChatOpenRouter: chat('openrouter', 'maxTokens') },
  '@langchain/cloudflare': { ChatCloudflareWorkersAI: chat('cloudflare', 'maxTokens', '@cf/meta/llama-2-7b-chat-int8') },
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
    ChatTencentHunyuan: chat('tencent', 'maxTokens'),
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
  if (own || !UMBRELLA_PACKAGES.has(pkg)) return own;
  if (pkg !== '@langchain/community' && LEGACY_LANGCHAIN[cls]) return LEGACY_LANGCHAIN[cls];
  if (CLASSES['@langchain/community'][cls]) return CLASSES['@langchain/community'][cls];
  for (const table of Object.values(CLASSES)) if (table[cls]) return table[cls];
  return null;
}

/** Every package whose values this adapter reads: model packages plus the ones chains and agents start from. */
export const LANGCHAIN_MODULES = [
  ...Object.keys(CLASSES),
  '@langchain/core',
  '@langchain/langgraph',
  '@langchain/classic',
  'langchain',
];
