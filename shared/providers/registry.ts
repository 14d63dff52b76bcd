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
import { httpAdapter } from './http';

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
  httpAdapter,
];

const byModule = new Map<string, ProviderAdapter[]>();
for (const a of ADAPTERS) {
  for (const m of a.modules) {
    const list = byModule.get(m) ?? [];
    list.push(a);
    byModule.set(m, list);
  }
}

/** Adapters that read values coming from a module specifier (`openai`, `@ai-sdk/openai/internal`, `global`). */
export function adaptersFor(module: string): ProviderAdapter[] {
  return byModule.get(module) ?? byModule.get(packageName(module)) ?? [];
}

export const CALL_NAMES: ReadonlySet<string> = new Set(ADAPTERS.flatMap((a) => a.callNames));
