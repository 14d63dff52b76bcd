import { packageName } from '../project/imports';
import type { ProviderAdapter } from './types';
import { openaiAdapter } from './openai';
import { anthropicAdapter } from './anthropic';
import { googleAdapter } from './google';
import { vercelAiAdapter } from './vercel-ai';
import { langchainAdapter } from './langchain';
import { bedrockAdapter } from './bedrock';
import { mistralAdapter } from './mistral';
import { cohereAdapter } from './cohere';
import { groqAdapter } from './groq';
import { ollamaAdapter } from './ollama';
import { huggingfaceAdapter } from './huggingface';
import { replicateAdapter } from './replicate';
import { falAdapter } from './fal';
import { voyageAdapter } from './voyage';
import { isShapedCandidate, openaiShapedAdapter } from './openai-shaped';
import { azureInferenceAdapter } from './azure-inference';
import { httpAdapter } from './http';
import { mastraAdapter } from './mastra';
import { openaiAgentsAdapter } from './openai-agents';
import { claudeAgentAdapter } from './claude-agent';
import { genkitAdapter } from './genkit';
import { llamaindexAdapter } from './llamaindex';

// Adding a provider: a folder under shared/providers/, its fixtures and tests, and one line here.
export const ADAPTERS: ProviderAdapter[] = [
  openaiAdapter,
  anthropicAdapter,
  googleAdapter,
  vercelAiAdapter,
  langchainAdapter,
  bedrockAdapter,
  mistralAdapter,
  cohereAdapter,
  groqAdapter,
  ollamaAdapter,
  huggingfaceAdapter,
  replicateAdapter,
  falAdapter,
  voyageAdapter,
  mastraAdapter,
  openaiAgentsAdapter,
  claudeAgentAdapter,
  genkitAdapter,
  llamaindexAdapter,
  openaiShapedAdapter,
  azureInferenceAdapter,
  httpAdapter,
];

/** What reads a package no adapter lists: a client of the OpenAI shape, recognised by its calls. */
const FALLBACK: ProviderAdapter[] = [openaiShapedAdapter];

const byModule = new Map<string, ProviderAdapter[]>();
for (const a of ADAPTERS) {
  for (const m of a.modules) {
    const list = byModule.get(m) ?? [];
    list.push(a);
    byModule.set(m, list);
  }
}

/** Adapters that list a module specifier by name (`openai`, `@ai-sdk/openai/internal`, `global`). */
function namedAdaptersFor(module: string): ProviderAdapter[] | undefined {
  return byModule.get(module) ?? byModule.get(packageName(module));
}

/**
 * Adapters that read values coming from a module specifier. A package no adapter lists is still
 * read for OpenAI-shaped clients (`new X().chat.completions.create({ model, messages })`).
 */
export function adaptersFor(module: string): ProviderAdapter[] {
  return namedAdaptersFor(module) ?? (isShapedCandidate(module) ? FALLBACK : []);
}

/**
 * Whether an adapter reads this module by name: the fallback reads only calls of the OpenAI
 * shape, so a package it alone reads is still one tollgate does not know (a coverage report's "unread").
 */
export function readsByName(module: string): boolean {
  return !!namedAdaptersFor(module);
}

export const CALL_NAMES: ReadonlySet<string> = new Set(ADAPTERS.flatMap((a) => a.callNames));
/** See ProviderAdapter.callableResults. */
export const CALLABLE_RESULTS: ReadonlySet<string> = new Set(ADAPTERS.flatMap((a) => a.callableResults ?? []));

const SDK_PACKAGES = new Set(ADAPTERS.flatMap((a) => a.modules.map(packageName)));
/** Scopes whose packages are SDKs or model providers the adapters read by name (`@ai-sdk/openai`, `@langchain/anthropic`). */
const SDK_SCOPES = ['@ai-sdk/', '@anthropic-ai/', '@aws-sdk/', '@genkit-ai/', '@google/', '@google-cloud/', '@langchain/', '@llamaindex/', '@mastra/', '@mistralai/', '@openrouter/'];

/**
 * Whether a package name is an SDK the adapters read. A monorepo package with such a name is that
 * SDK's own source (the scan runs in the SDK's repository): its imports stay SDK values, never
 * project code to follow, or no call to it would be recognised.
 */
export function isSdkPackage(name: string): boolean {
  return SDK_PACKAGES.has(name) || SDK_SCOPES.some((s) => name.startsWith(s)) || /(?:^|[-/])ai-provider(?:-v\d+)?$/.test(name);
}
