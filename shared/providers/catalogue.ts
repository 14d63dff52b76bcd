import { packageName } from '../project/imports';
import type { ProviderAdapter } from './types';

// npm packages that send LLM or AI inference requests: tollgate reads some of them (an adapter
// lists the package in `modules`); an import of any other one is a blind spot the scan reports
// (see shared/coverage.ts). The list is wider than what is read on purpose: it is what the scanner
// knows exists, so that what it cannot price is never silent.
//
// What is in: packages whose own functions send billed requests (vendor SDKs, inference hosts,
// agent frameworks, cloud AI clients, embedding APIs). What is out: type-only packages (@types/*,
// @ai-sdk/provider), the AI SDK's model packages (@ai-sdk/openai, `*-ai-provider`: they only make
// model values that the AI SDK's own calls carry, and are read there), tokenizers, UI kits
// (@ai-sdk/react), vector databases (Pinecone, Upstash Vector, Qdrant, Chroma: their queries are
// storage reads, and the LangChain stores built on them are read by the LangChain adapter), and in-process runtimes
// (@huggingface/transformers runs the model in the app: no per-call bill).
//
// Each name was checked against the npm registry: every one is in a snapshot of the registry's
// package list (with its monthly downloads: from a few thousand to tens of millions), and
// `npm view <name> name` answered with the name for the least downloaded ones (writer-sdk,
// @octoai/sdk, @lmstudio/sdk, @mistralai/mistralai-azure, @ibm-generative-ai/node-sdk).

export const AI_PACKAGES: readonly string[] = [
  // Model vendors' SDKs.
  '@anthropic-ai/bedrock-sdk',
  '@anthropic-ai/sdk',
  '@anthropic-ai/vertex-sdk',
  '@cerebras/cerebras_cloud_sdk',
  '@google-ai/generativelanguage',
  '@google/genai',
  '@google/generative-ai',
  '@ibm-cloud/watsonx-ai',
  '@ibm-generative-ai/node-sdk',
  '@mistralai/mistralai',
  '@mistralai/mistralai-azure',
  '@mistralai/mistralai-gcp',
  '@openrouter/sdk',
  '@perplexity-ai/perplexity_ai',
  'cohere-ai',
  'groq-sdk',
  'openai',
  'together-ai',
  'voyageai',
  'writer-sdk',
  // Speech, image and video model APIs.
  '@deepgram/sdk',
  '@elevenlabs/elevenlabs-js',
  '@runwayml/sdk',
  'assemblyai',
  'elevenlabs',
  // Inference hosts and local model servers.
  '@cloudflare/ai',
  '@fal-ai/client',
  '@fal-ai/serverless-client',
  '@huggingface/inference',
  '@lmstudio/sdk',
  '@octoai/sdk',
  'ollama',
  'replicate',
  // Gateways and observability wrappers that send the request themselves.
  'langfuse',
  'portkey-ai',
  // Agent frameworks and LLM libraries.
  '@anthropic-ai/claude-agent-sdk',
  '@anthropic-ai/claude-code',
  '@ax-llm/ax',
  '@boundaryml/baml',
  '@browserbasehq/stagehand',
  '@genkit-ai/ai',
  // Genkit's plugin packages (@genkit-ai/googleai, /vertexai, ...) only name models that genkit's own calls send: not listed.
  '@google/adk',
  '@inngest/agent-kit',
  '@instructor-ai/instructor',
  '@llamaindex/anthropic',
  '@llamaindex/core',
  '@llamaindex/google',
  '@llamaindex/ollama',
  '@llamaindex/openai',
  '@llamaindex/workflow',
  '@mastra/core',
  '@openai/agents',
  '@openai/agents-core',
  '@openai/agents-openai',
  '@openai/agents-realtime',
  '@openai/codex-sdk',
  '@voltagent/core',
  'ai',
  'genkit',
  'llamaindex',
  'modelfusion',
  // LangChain.
  '@langchain/anthropic',
  '@langchain/aws',
  '@langchain/cerebras',
  '@langchain/cohere',
  '@langchain/community',
  '@langchain/core',
  '@langchain/deepseek',
  '@langchain/google-genai',
  '@langchain/google-vertexai',
  '@langchain/groq',
  '@langchain/langgraph',
  '@langchain/mistralai',
  '@langchain/ollama',
  '@langchain/openai',
  '@langchain/xai',
  'langchain',
  // Cloud AI clients.
  '@aws-sdk/client-bedrock-agent-runtime',
  '@aws-sdk/client-bedrock-agentcore',
  '@aws-sdk/client-bedrock-runtime',
  '@aws-sdk/client-comprehend',
  '@aws-sdk/client-polly',
  '@aws-sdk/client-rekognition',
  '@aws-sdk/client-sagemaker-runtime',
  '@aws-sdk/client-textract',
  '@aws-sdk/client-transcribe',
  '@azure-rest/ai-document-intelligence',
  '@azure-rest/ai-inference',
  '@azure/ai-agents',
  '@azure/ai-form-recognizer',
  '@azure/ai-projects',
  '@azure/openai',
  '@azure/openai-assistants',
  '@firebase/ai',
  '@firebase/vertexai',
  '@google-cloud/aiplatform',
  '@google-cloud/discoveryengine',
  '@google-cloud/documentai',
  '@google-cloud/speech',
  '@google-cloud/text-to-speech',
  '@google-cloud/vertexai',
  '@google-cloud/vision',
  // Embedding and rerank APIs.
  '@mixedbread-ai/sdk',
];

/** Whether an adapter reads values of the package (any module of the adapter with that package name). */
function isRead(pkg: string, adapters: readonly ProviderAdapter[]): boolean {
  return adapters.some((a) => a.modules.some((m) => m !== 'global' && packageName(m) === pkg));
}

/**
 * The catalogue's packages that none of the adapters reads, sorted: computed, so that a package
 * leaves the set the moment an adapter that reads it is registered.
 */
export function unreadPackages(adapters: readonly ProviderAdapter[]): string[] {
  return AI_PACKAGES.filter((p) => !isRead(p, adapters)).sort();
}
