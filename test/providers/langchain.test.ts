import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { removeTempDirs, scanFixture, site, summarize, tempDir, writeFiles } from '../helpers';
import { scan } from '../../shared/scan';
import { langchainAdapter } from '../../shared/providers/langchain';
import { classSpecAt, genericClassSpec } from '../../shared/providers/langchain/classes';

const result = scanFixture('providers/langchain');

test('langchain: every model, chain, agent and vector-store call, through shared models, classes, factories, CJS, TSX and legacy entrypoints', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/agents.ts:13:9", provider: "openai", api: "createReactAgent.invoke", kind: "chat", model: "gpt-4o"},
    {at: "features/agents.ts:14:10", provider: "openai", api: "createReactAgent.stream", kind: "chat", model: "gpt-4o"},
    {at: "features/agents.ts:19:10", provider: "anthropic", api: "createAgent.invoke", kind: "chat", model: "claude-sonnet-4-5", tags: ["tag=agent (langchain.config.tags)"]},
    {at: "features/agents.ts:24:10", provider: "groq", api: "createAgent.invoke", kind: "chat", model: "openai/gpt-oss-120b"},
    {at: "features/chains.ts:19:10", provider: "openai", api: "RunnableSequence.invoke", kind: "chat", model: "gpt-4.1-mini", tags: ["tag=translate (langchain.config.tags)","team=i18n (langchain.config.metadata)"]},
    {at: "features/chains.ts:24:9", provider: "anthropic", api: "RunnableSequence.stream", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/chains.ts:25:10", provider: "anthropic", api: "RunnableSequence.batch", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/chains.ts:30:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/chains.ts:32:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/chains.ts:33:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/chains.ts:34:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-mini", tags: ["tag=cfg (langchain.config.tags)"]},
    {at: "features/chains.ts:35:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/chains.ts:36:10", provider: "openai", api: "RunnableSequence.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/chains.ts:40:10", provider: "openai", api: "RunnableSequence.invoke", kind: "chat", model: "gpt-4.1-mini"},
    {at: "features/community.ts:27:9", provider: "fireworks", api: "ChatFireworks.invoke", kind: "chat", model: "accounts/fireworks/models/llama-v3p1-70b-instruct"},
    {at: "features/community.ts:28:9", provider: "voyage", api: "VoyageEmbeddings.embedQuery", kind: "embedding", model: "voyage-01"},
    {at: "features/community.ts:29:9", provider: "alibaba", api: "ChatAlibabaTongyi.invoke", kind: "chat", model: "qwen-turbo"},
    {at: "features/community.ts:30:9", provider: "zhipu", api: "ZhipuAIEmbeddings.embedDocuments", kind: "embedding", model: "embedding-3"},
    {at: "features/community.ts:31:9", provider: "jina", api: "JinaEmbeddings.embedQuery", kind: "embedding", model: "jina-embeddings-v3"},
    {at: "features/community.ts:32:9", provider: "bytedance", api: "ByteDanceDoubaoEmbeddings.embedQuery", kind: "embedding", model: "doubao-embedding-text-240715"},
    {at: "features/community.ts:33:9", provider: "baidu", api: "ChatBaiduQianfan.invoke", kind: "chat", model: "ERNIE-Lite-8K"},
    {at: "features/community.ts:34:9", provider: "baidu", api: "BaiduQianfanEmbeddings.embedQuery", kind: "embedding", model: "?BaiduQianfanEmbeddings is not in tollgate's table of LangChain classes: the model it falls back to when none is given is not known"},
    {at: "features/community.ts:35:10", provider: "fireworks", api: "FireworksEmbeddings.embedQuery", kind: "embedding", model: "nomic-ai/nomic-embed-text-v1.5"},
    {at: "features/direct.ts:6:21", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4o-mini", tags: ["feature=search (helicone.header.client)","feature=answers (langchain.config.tags)","team=search (langchain.model.tags)","userId=u-1 (langchain.config.metadata)"]},
    {at: "features/direct.ts:7:24", provider: "openai", api: "ChatOpenAI.stream", kind: "chat", model: "gpt-4o-mini", tags: ["feature=search (helicone.header.client)","team=search (langchain.model.tags)"]},
    {at: "features/direct.ts:8:22", provider: "openai", api: "ChatOpenAI.batch", kind: "chat", model: "gpt-4o-mini", tags: ["feature=search (helicone.header.client)","team=search (langchain.model.tags)"]},
    {at: "features/direct.ts:9:18", provider: "openai", api: "ChatOpenAI.streamEvents", kind: "chat", model: "gpt-4o-mini", tags: ["feature=search (helicone.header.client)","team=search (langchain.model.tags)"]},
    {at: "features/direct.ts:15:9", provider: "openai", api: "ChatOpenAI.call", kind: "chat", model: "gpt-3.5-turbo-16k", tags: ["user=acct-9 (openai.user)"]},
    {at: "features/direct.ts:16:9", provider: "openai", api: "ChatOpenAI.predict", kind: "chat", model: "gpt-3.5-turbo-16k", tags: ["user=acct-9 (openai.user)"]},
    {at: "features/direct.ts:17:9", provider: "openai", api: "ChatOpenAI.generate", kind: "chat", model: "gpt-3.5-turbo-16k", tags: ["user=acct-9 (openai.user)"]},
    {at: "features/direct.ts:18:10", provider: "openai", api: "ChatOpenAI.streamLog", kind: "chat", model: "gpt-3.5-turbo-16k", tags: ["user=acct-9 (openai.user)"]},
    {at: "features/direct.ts:23:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1"},
    {at: "features/direct.ts:25:9", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-3.5-turbo"},
    {at: "features/direct.ts:27:9", provider: "groq", api: "ChatOpenAI.invoke", kind: "chat", model: "llama-3.3-70b-versatile", tags: ["project=proj_x (openai.client.project, bill)"]},
    {at: "features/direct.ts:29:9", provider: "azure-openai", api: "AzureChatOpenAI.invoke", kind: "chat", model: "gpt4o-prod"},
    {at: "features/direct.ts:31:9", provider: "azure-openai", api: "AzureChatOpenAI.invoke", kind: "chat", model: "?set by environment variable AZURE_OPENAI_API_DEPLOYMENT_NAME at run time, with no default in the code"},
    {at: "features/direct.ts:33:9", provider: "openai", api: "OpenAI.invoke", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "features/embeddings.ts:7:9", provider: "openai", api: "OpenAIEmbeddings.embedDocuments", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/embeddings.ts:8:9", provider: "openai", api: "OpenAIEmbeddings.embedQuery", kind: "embedding", model: "text-embedding-3-small"},
    {at: "features/embeddings.ts:9:9", provider: "google", api: "GoogleGenerativeAIEmbeddings.embedQuery", kind: "embedding", model: "text-embedding-004"},
    {at: "features/embeddings.ts:10:10", provider: "openai", api: "OpenAIEmbeddings.embedQuery", kind: "embedding", model: "text-embedding-ada-002"},
    {at: "features/graph.ts:7:23", provider: "anthropic", api: "ChatAnthropic.invoke", kind: "chat", model: "claude-3-7-sonnet-latest"},
    {at: "features/legacy-entrypoints.ts:16:9", provider: "openai", api: "ChatOpenAI.call", kind: "chat", model: "gpt-4"},
    {at: "features/legacy-entrypoints.ts:17:9", provider: "anthropic", api: "ChatAnthropic.call", kind: "chat", model: "claude-2"},
    {at: "features/legacy-entrypoints.ts:18:9", provider: "google", api: "ChatGoogleVertexAI.predict", kind: "chat", model: "chat-bison"},
    {at: "features/legacy-entrypoints.ts:19:9", provider: "ollama", api: "ChatOllama.invoke", kind: "chat", model: "mistral"},
    {at: "features/legacy-entrypoints.ts:20:9", provider: "openai", api: "OpenAI.call", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "features/legacy-entrypoints.ts:21:9", provider: "bedrock", api: "Bedrock.invoke", kind: "chat", model: "anthropic.claude-v2"},
    {at: "features/legacy-entrypoints.ts:22:9", provider: "bedrock", api: "Bedrock.invoke", kind: "chat", model: "meta.llama2-13b-chat-v1"},
    {at: "features/legacy-entrypoints.ts:23:9", provider: "ollama", api: "Ollama.invoke", kind: "chat", model: "llama3"},
    {at: "features/legacy-entrypoints.ts:24:9", provider: "huggingface", api: "HuggingFaceInference.invoke", kind: "chat", model: "mistralai/Mistral-7B-Instruct-v0.2"},
    {at: "features/legacy-entrypoints.ts:25:10", provider: "openai", api: "OpenAIEmbeddings.embedQuery", kind: "embedding", model: "text-embedding-3-large"},
    {at: "features/legacy.cjs:8:10", provider: "openai", api: "RunnableSequence.invoke", kind: "chat", model: "gpt-3.5-turbo"},
    {at: "features/llmchain.ts:8:10", provider: "openai", api: "LLMChain.call", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "features/providers.ts:15:9", provider: "anthropic", api: "ChatAnthropic.invoke", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/providers.ts:16:9", provider: "anthropic", api: "ChatAnthropic.invoke", kind: "chat", model: "claude-sonnet-4-5-20250929", tags: ["user=user-42 (anthropic.metadata.user_id)"]},
    {at: "features/providers.ts:17:9", provider: "google", api: "ChatGoogleGenerativeAI.invoke", kind: "chat", model: "gemini-2.5-flash"},
    {at: "features/providers.ts:18:9", provider: "google", api: "ChatVertexAI.invoke", kind: "chat", model: "gemini-pro"},
    {at: "features/providers.ts:19:9", provider: "bedrock", api: "ChatBedrockConverse.invoke", kind: "chat", model: "anthropic.claude-3-5-sonnet-20240620-v1:0"},
    {at: "features/providers.ts:20:9", provider: "mistral", api: "ChatMistralAI.invoke", kind: "chat", model: "mistral-large-latest"},
    {at: "features/providers.ts:21:9", provider: "groq", api: "ChatGroq.invoke", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "features/providers.ts:22:9", provider: "cohere", api: "ChatCohere.invoke", kind: "chat", model: "command-r-plus"},
    {at: "features/providers.ts:23:9", provider: "ollama", api: "ChatOllama.invoke", kind: "chat", model: "llama3.2"},
    {at: "features/providers.ts:24:9", provider: "deepseek", api: "ChatDeepSeek.invoke", kind: "chat", model: "deepseek-reasoner"},
    {at: "features/providers.ts:25:9", provider: "xai", api: "ChatXAI.invoke", kind: "chat", model: "grok-3-fast"},
    {at: "features/providers.ts:26:9", provider: "together", api: "ChatTogetherAI.invoke", kind: "chat", model: "meta-llama/Llama-3.3-70B-Instruct-Turbo"},
    {at: "features/service.ts:11:12", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4.1-nano"},
    {at: "features/service.ts:20:10", provider: "anthropic", api: "ChatAnthropic.invoke", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "features/service.ts:24:10", provider: "anthropic", api: "ChatAnthropic.invoke", kind: "chat", model: "claude-opus-4-1"},
    {at: "features/service.ts:33:10", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: "gpt-4o-mini", tags: ["feature=search (helicone.header.client)","team=search (langchain.model.tags)"]},
    {at: "features/ui.tsx:7:11", provider: "mistral", api: "ChatMistralAI.invoke", kind: "chat", model: "mistral-small-latest"},
    {at: "features/universal.ts:6:9", provider: "openai", api: "initChatModel.invoke", kind: "chat", model: "gpt-4o"},
    {at: "features/universal.ts:8:9", provider: "anthropic", api: "initChatModel.invoke", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/universal.ts:10:9", provider: "google", api: "initChatModel.invoke", kind: "chat", model: "gemini-2.5-pro"},
    {at: "features/universal.ts:12:9", provider: "mistral", api: "initChatModel.invoke", kind: "chat", model: "mistral-large-latest"},
    {at: "features/universal.ts:13:10", provider: "unknown", api: "initChatModel.invoke", kind: "chat", model: "?a configurable model: chosen at run time through config.configurable.model"},
    {at: "features/user-models.ts:12:12", provider: "unknown", api: "BaseLanguageModel.invoke", kind: "chat", model: "?the BaseLanguageModel passed in (its model is set where it is constructed)"},
    {at: "features/user-models.ts:22:12", provider: "unknown", api: "Embeddings.embedDocuments", kind: "embedding", model: "?the Embeddings passed in (its model is set where it is constructed)"},
    {at: "features/user-models.ts:27:10", provider: "unknown", api: "BaseChatModel.invoke", kind: "chat", model: "?the BaseChatModel passed in (its model is set where it is constructed)"},
    {at: "features/wrapper.ts:5:10", provider: "openai", api: "ChatOpenAI.invoke", kind: "chat", model: ["gpt-4.1","gpt-4o-mini"]},
    {at: "rag/api.ts:6:16", provider: "openai", api: "RunnableSequence.invoke", kind: "chat", model: "gpt-3.5-turbo"},
    {at: "rag/providers.ts:13:9", provider: "cohere", api: "PineconeStore.fromDocuments", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/providers.ts:19:9", provider: "cohere", api: "retriever.invoke", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/providers.ts:20:9", provider: "cohere", api: "retriever.getRelevantDocuments", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/providers.ts:21:10", provider: "cohere", api: "vectorStore.maxMarginalRelevanceSearch", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/providers.ts:26:9", provider: "ollama", api: "vectorStore.similaritySearch", kind: "embedding", model: "nomic-embed-text"},
    {at: "rag/providers.ts:28:10", provider: "cohere", api: "vectorStore.similaritySearch", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/providers.ts:33:9", provider: "cohere", api: "retriever.addDocuments", kind: "embedding", model: "embed-english-v3.0"},
    {at: "rag/qa.ts:12:21", provider: "openai", api: "ConversationalRetrievalQAChain.call", kind: "chat", model: "gpt-4-turbo"},
    {at: "rag/qa.ts:13:9", provider: "openai", api: "ConversationalRetrievalQAChain.invoke", kind: "chat", model: "gpt-4-turbo"},
    {at: "rag/qa.ts:19:10", provider: "openai", api: "RetrievalQAChain.call", kind: "chat", model: "gpt-3.5-turbo-instruct"},
    {at: "rag/qa.ts:23:10", provider: "openai", api: "loadQAStuffChain.invoke", kind: "chat", model: "gpt-4-turbo"},
    {at: "rag/store.ts:10:9", provider: "openai", api: "vectorStore.addDocuments", kind: "embedding", model: "text-embedding-3-small"},
    {at: "rag/store.ts:11:23", provider: "openai", api: "MemoryVectorStore.fromDocuments", kind: "embedding", model: "text-embedding-ada-002"},
    {at: "rag/store.ts:12:10", provider: "openai", api: "vectorStore.similaritySearch", kind: "embedding", model: "text-embedding-ada-002"},
    {at: "rag/store.ts:16:24", provider: "openai", api: "MemoryVectorStore.fromTexts", kind: "embedding", model: "text-embedding-3-small"},
    {at: "rag/store.ts:17:10", provider: "openai", api: "vectorStore.similaritySearchWithScore", kind: "embedding", model: "text-embedding-3-small"},
  ]);
});

test('langchain: near misses are not call sites (local invoke, prompt/parser/fake model, mocks, comments, strings, stores with unknown embeddings, vector-only store calls)', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file.startsWith('nearmiss/')),
    [],
  );
  assert.deepEqual(result.warnings, []);
});

test('langchain: a compiled StateGraph is not a call site; the model.invoke inside its node is', () => {
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'features/graph.ts').map((s) => `${s.line}:${s.api}`),
    ['7:ChatAnthropic.invoke'],
  );
});

test('langchain: a chain fills its prompt template from the invoke input; placeholders keep history', () => {
  const s = site(result, 'features/chains.ts:19:10');
  assert.deepEqual(s.prompt, [
    { type: 'text', text: 'You translate to French.', role: 'system' },
    { type: 'placeholder', name: 'history', expression: 'history', hint: 'history' },
    { type: 'placeholder', name: 'text', expression: 'text', role: 'user' },
  ]);
  assert.deepEqual(s.options.maxOutputTokens, { status: 'exact', value: '500' });
  assert.equal(s.options.maxOutputOption, 'maxTokens');
  const batch = site(result, 'features/chains.ts:25:10');
  assert.deepEqual(batch.prompt.map((p) => (p.type === 'text' ? p.text : p.name)), ['Write a haiku about sea', 'Write a haiku about sky']);
  assert.equal(site(result, 'features/chains.ts:24:9').options.streaming, true);
  const llmChain = site(result, 'features/llmchain.ts:8:10');
  assert.deepEqual(llmChain.prompt.map((p) => (p.type === 'text' ? p.text : `{${p.name}}`)).join(''), 'Name a company that makes {product}.');
});

test('langchain: messages given to a model directly: classes, tuples, strings', () => {
  assert.deepEqual(site(result, 'features/direct.ts:6:21').prompt, [
    { type: 'text', text: 'You answer search questions.', role: 'system', source: { file: 'features/direct.ts', line: 6 } },
    { type: 'placeholder', name: 'question', expression: 'question', role: 'user' },
  ]);
  assert.deepEqual(
    site(result, 'features/direct.ts:9:18').prompt.map((p) => p.role),
    ['system', 'user'],
  );
  assert.deepEqual(
    site(result, 'features/direct.ts:17:9').prompt.map((p) => (p.type === 'text' ? p.text : '?')),
    ['a', 'b'],
  );
  assert.deepEqual(site(result, 'features/agents.ts:13:9').prompt.map((p) => p.role), ['system', 'user', 'user', 'user']);
});

test('langchain: default models are the class defaults, and say so', () => {
  assert.deepEqual(site(result, 'features/direct.ts:25:9').model, { status: 'exact', value: 'gpt-3.5-turbo', notes: ["ChatOpenAI's default model when none is given"] });
  assert.deepEqual(site(result, 'features/providers.ts:16:9').model, { status: 'exact', value: 'claude-sonnet-4-5-20250929', notes: ["ChatAnthropic's default model when none is given"] });
  assert.deepEqual(site(result, 'features/embeddings.ts:10:10').model, { status: 'exact', value: 'text-embedding-ada-002', notes: ["OpenAIEmbeddings's default model when none is given"] });
  assert.equal(site(result, 'features/direct.ts:31:9').confidence, 'low');
});

test('langchain: options: output limit as written, streaming, tools, reasoning, service tier', () => {
  const positional = site(result, 'features/direct.ts:23:9');
  assert.deepEqual(positional.options.maxOutputTokens, { status: 'exact', value: '100' });
  assert.deepEqual(positional.options.reasoning, { status: 'exact', value: 'low' });
  assert.deepEqual(positional.options.serviceTier, { status: 'exact', value: 'flex' });
  assert.equal(site(result, 'features/legacy.cjs:8:10').options.maxOutputOption, 'max_tokens');
  assert.equal(site(result, 'features/providers.ts:17:9').options.maxOutputOption, 'maxOutputTokens');
  assert.deepEqual(site(result, 'features/providers.ts:17:9').options.reasoning, { status: 'exact', value: '0' });
  assert.equal(site(result, 'features/providers.ts:23:9').options.maxOutputOption, 'numPredict');
  assert.deepEqual(site(result, 'features/providers.ts:15:9').options.reasoning, { status: 'exact', value: '1024' });
  assert.equal(site(result, 'features/direct.ts:15:9').options.streaming, true, 'streaming: true in the constructor');
  assert.equal(site(result, 'features/direct.ts:18:10').options.streaming, true);
  assert.equal(site(result, 'features/chains.ts:32:9').options.tools, 1, 'bindTools');
  assert.equal(site(result, 'features/chains.ts:33:9').options.tools, 1, 'bind({ tools })');
  assert.equal(site(result, 'features/chains.ts:30:9').options.tools, 0);
});

test('langchain: agents report their model, tools and step bound', () => {
  const react = site(result, 'features/agents.ts:13:9');
  assert.equal(react.options.tools, 1);
  assert.deepEqual(react.options.maxSteps, { status: 'exact', value: '10' });
  assert.deepEqual(site(result, 'features/agents.ts:14:10').options.maxSteps, { status: 'unknown', reason: "not set in code: LangGraph's default recursionLimit of 25 steps applies" });
  assert.equal(site(result, 'features/agents.ts:14:10').options.streaming, true);
  assert.deepEqual(site(result, 'features/agents.ts:19:10').prompt[0], { type: 'text', text: 'You help travellers.', role: 'system', source: { file: 'features/agents.ts', line: 18 } });
  const v1 = site(result, 'features/agents.ts:24:10');
  assert.deepEqual(v1.options.maxSteps, { status: 'exact', value: '40' });
  assert.deepEqual(v1.options.reasoning, { status: 'exact', value: 'high' });
});

test('langchain: a baseURL on ChatOpenAI decides the provider; Ollama keeps its base URL', () => {
  assert.deepEqual(site(result, 'features/direct.ts:27:9').baseURL, { status: 'exact', value: 'https://api.groq.com/openai/v1' });
  assert.deepEqual(site(result, 'features/providers.ts:23:9').baseURL, { status: 'exact', value: 'http://localhost:11434' });
});

test('langchain: a wrapper and a model passed as a typed parameter list their callers', () => {
  const s = site(result, 'features/wrapper.ts:5:10');
  assert.deepEqual(
    s.callers.map((c) => ({ at: `${c.file}:${c.line}:${c.column}`, model: c.values.model })),
    [
      { at: 'features/callers.ts:3:40', model: { status: 'exact', value: 'gpt-4.1' } },
      { at: 'features/callers.ts:4:39', model: { status: 'exact', value: 'gpt-4o-mini', notes: ['default of parameter `model`'] } },
    ],
  );
  const typed = site(result, 'features/service.ts:24:10');
  assert.deepEqual(typed.callers.map((c) => `${c.file}:${c.line}:${c.column}`), ['features/service.ts:28:9']);
});

test('langchain: legacy entrypoints keep their own defaults; text LLMs of @langchain/community/llms/* are known', () => {
  assert.deepEqual(site(result, 'features/legacy-entrypoints.ts:17:9').model, { status: 'exact', value: 'claude-2', notes: ["ChatAnthropic's default model when none is given"] });
  assert.deepEqual(site(result, 'features/legacy-entrypoints.ts:18:9').model, { status: 'exact', value: 'chat-bison', notes: ["ChatGoogleVertexAI's default model when none is given"] });
  assert.deepEqual(site(result, 'features/legacy-entrypoints.ts:16:9').options.maxOutputTokens, { status: 'exact', value: '200' }, 'modelName and maxTokens of the 0.x constructor');
  assert.deepEqual(site(result, 'features/legacy-entrypoints.ts:16:9').prompt.map((p) => p.role), ['system', 'user']);
  assert.deepEqual(site(result, 'features/legacy-entrypoints.ts:19:9').baseURL, { status: 'exact', value: 'http://localhost:11434' });
  assert.equal(site(result, 'features/legacy-entrypoints.ts:23:9').options.maxOutputOption, 'numPredict');
});

test('langchain: a chain returned by a factory in another file is reported where it is invoked', () => {
  const s = site(result, 'rag/api.ts:6:16');
  assert.equal(s.function, 'answer');
  assert.deepEqual(s.model, { status: 'exact', value: 'gpt-3.5-turbo' });
  assert.deepEqual(s.prompt, [{ type: 'placeholder', name: 'question', expression: 'question', role: 'user' }]);
});

test('langchain: older retrieval chains report their model and the values they are called with', () => {
  const conv = site(result, 'rag/qa.ts:12:21');
  assert.deepEqual(conv.options.maxOutputTokens, { status: 'exact', value: '256' });
  assert.deepEqual(conv.prompt.map((p) => (p.type === 'placeholder' ? p.name : p.text)), ['question', 'history']);
  assert.deepEqual(site(result, 'rag/qa.ts:19:10').model, { status: 'exact', value: 'gpt-3.5-turbo-instruct', notes: ["OpenAI's default model when none is given"] });
});

test('langchain: vector stores embed with the embeddings they were built with', () => {
  assert.deepEqual(site(result, 'rag/store.ts:11:23').prompt, [{ type: 'placeholder', name: 'docs', expression: 'docs' }], 'fromDocuments embeds the documents');
  assert.deepEqual(site(result, 'rag/providers.ts:19:9').prompt, [{ type: 'placeholder', name: 'question', expression: 'question' }], 'a retriever embeds the query');
  const texts = site(result, 'rag/store.ts:16:24');
  assert.deepEqual(texts.model, { status: 'exact', value: 'text-embedding-3-small' }, 'fromTexts takes the embeddings third');
  assert.equal(texts.options.maxOutputOption, '');
  assert.deepEqual(
    result.callSites.filter((s) => s.file === 'rag/providers.ts').map((s) => s.line),
    [13, 19, 20, 21, 26, 28, 33],
    'fromExistingIndex / fromExistingCollection open an index without embedding anything',
  );
});

test('langchain: module matching covers umbrella subpaths and vector-store packages; new method names are call names', () => {
  for (const m of ['langchain', '@langchain/community', '@langchain/pinecone', '@langchain/qdrant', '@langchain/mongodb']) assert.ok(langchainAdapter.modules.includes(m), m);
  for (const n of ['fromDocuments', 'fromTexts', 'addDocuments', 'similaritySearch', 'similaritySearchWithScore', 'maxMarginalRelevanceSearch', 'getRelevantDocuments']) assert.ok(langchainAdapter.callNames.includes(n), n);
});

test('langchain: classes outside the table are read by their names: Chat<Vendor>, <Vendor>Embeddings, a vendor-named LLM', () => {
  assert.deepEqual(genericClassSpec('@langchain/community/chat_models/zhipuai', 'ChatZhipuGLM'), { provider: 'zhipu', kind: 'chat', maxOption: 'maxTokens', generic: { vendor: 'ZhipuGLM' } });
  assert.deepEqual(genericClassSpec('@langchain/yandex', 'YandexGPTEmbeddings'), { provider: 'yandex', kind: 'embedding', maxOption: '', generic: { vendor: 'YandexGPT' } });
  assert.deepEqual(genericClassSpec('@langchain/community/llms/sagemaker_endpoint', 'SageMakerEndpoint'), null, 'an LLM needs a bare vendor name');
  assert.deepEqual(genericClassSpec('@langchain/community/llms/gradient_ai', 'GradientLLM'), { provider: 'gradient', kind: 'chat', maxOption: 'maxTokens', generic: { vendor: 'Gradient' } });
  // A vendor tollgate does not know: the provider comes from the model's name (ModelInfo.providerInferred).
  assert.deepEqual(genericClassSpec('@langchain/community/chat_models/acme', 'ChatAcme'), { provider: '', kind: 'chat', maxOption: 'maxTokens', generic: { vendor: 'Acme' } });
  for (const [m, c] of [
    ['@langchain/core/utils/testing', 'FakeChatModel'],
    ['langchain/embeddings/fake', 'FakeEmbeddings'],
    ['@langchain/community/stores/message/dynamodb', 'DynamoDBChatMessageHistory'],
    ['langchain/prompts', 'ChatPromptTemplate'],
    ['@langchain/community/chat_models/fireworks', 'ChatFireworksCallOptions'],
    ['@langchain/google-common', 'ChatConnection'],
    ['@langchain/langgraph', 'ChatAgent'],
    ['@langchain/community/embeddings/bytedance_doubao', 'ChatDoubao'],
    ['@langchain/openai', 'OpenAIClient'],
  ]) assert.equal(classSpecAt(m, c), null, `${m} ${c}`);
});

test('langchain: a community class not in the table gives its provider medium confidence only where the model names it', () => {
  assert.equal(site(result, 'features/community.ts:30:9').confidence, 'high', 'ZhipuAI is a known vendor');
  assert.equal(site(result, 'features/community.ts:34:9').confidence, 'low', 'no model, and no known default');
  assert.deepEqual(site(result, 'features/community.ts:27:9').options.maxOutputTokens, { status: 'exact', value: '2048' });
});

after(removeTempDirs);

test('langchain: a chat class of a vendor tollgate does not know takes its provider from the model, at medium confidence', () => {
  const dir = tempDir('tollgate-lc-generic-');
  writeFiles(dir, {
    'src/acme.ts': [
      "import { ChatAcme } from '@langchain/community/chat_models/acme';",
      "export const a = (q: string) => new ChatAcme({ model: 'claude-sonnet-4-5' }).invoke(q);",
      "export const b = (q: string) => new ChatAcme({ modelName: 'acme-large' }).invoke(q);",
      '',
    ].join('\n'),
  });
  const r = scan(dir);
  assert.deepEqual(r.callSites.map((s) => [s.line, s.provider, s.api, s.confidence]), [
    [2, 'anthropic', 'ChatAcme.invoke', 'medium'],
    [3, 'acme', 'ChatAcme.invoke', 'medium'],
  ]);
});

test('langchain: a model its user hands in, typed with @langchain/core\'s base types, is a call site of a model the code does not name', () => {
  const fact = site(result, 'features/user-models.ts:12:12');
  assert.deepEqual(fact.prompt.map((p) => [p.role ?? null, p.type === 'text' ? p.text : p.name]), [['user', 'Extract the facts:\n'], ['user', 'facts']]);
  assert.deepEqual(site(result, 'features/user-models.ts:22:12').prompt.map((p) => (p.type === 'text' ? p.text : p.name)), ['texts']);
});
