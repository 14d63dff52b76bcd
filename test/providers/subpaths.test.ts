import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, summarize } from '../helpers';

const result = scanFixture('providers/subpaths');

test('subpaths: an SDK imported through an entry-point subpath is that SDK', () => {
  assert.deepEqual(summarize(result), [
    {at: "anthropic-index.ts:6:3", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "bedrock-index.ts:6:3", provider: "bedrock", api: "Converse", kind: "chat", model: "anthropic.claude-3-haiku-20240307-v1:0"},
    {at: "cohere-index.ts:5:43", provider: "cohere", api: "v2.chat", kind: "chat", model: "command-r-08-2024"},
    {at: "google-index.ts:5:38", provider: "google", api: "models.generateContent", kind: "chat", model: "gemini-2.5-flash"},
    {at: "groq-index.ts:5:39", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.1-8b-instant"},
    {at: "mistral-index.ts:5:38", provider: "mistral", api: "chat.complete", kind: "chat", model: "mistral-small-latest"},
    {at: "openai-cjs.js:5:29", provider: "openai", api: "responses.create", kind: "chat", model: "gpt-4.1-mini"},
    {at: "openai-index.ts:8:10", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "openai-mjs.mjs:6:10", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-small"},
    {at: "vercel-index.ts:4:42", provider: "openai", api: "generateText", kind: "chat", model: "gpt-4o"},
  ]);
  assert.deepEqual(result.warnings, []);
});
