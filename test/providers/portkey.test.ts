import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanFixture, site, summarize } from '../helpers';

// Portkey's own client and createHeaders() are read by the OpenAI adapter (shared/providers/openai/portkey.ts).
const result = scanFixture('providers/portkey');

test('portkey: its client and an OpenAI client with createHeaders(), provider from the options or the model', () => {
  assert.deepEqual(summarize(result), [
    {at: "features/client.ts:14:9", provider: "google", api: "chat.completions.create", kind: "chat", model: "gemini-1.5-pro", tags: ["team=growth (portkey.metadata.client)", "user=svc-digest (portkey.metadata.client)"]},
    {at: "features/client.ts:15:9", provider: "anthropic", api: "chat.completions.create", kind: "chat", model: "claude-3-5-haiku-latest", tags: ["feature=digest (portkey.metadata)", "user=* (portkey.metadata)"]},
    {at: "features/client.ts:20:35", provider: "anthropic", api: "chat.completions.create", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "features/client.ts:24:37", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "features/client.ts:28:54", provider: "openai", api: "chat.completions.create", kind: "chat", model: "?parameter `model` of unnamed(); no callers of unnamed() found in the scanned files"},
    {at: "features/client.ts:32:39", provider: "anthropic", api: "chat.completions.create", kind: "chat", model: "?set by environment variable DRAFT_MODEL at run time, with no default in the code"},
    {at: "features/headers.ts:16:36", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.3-70b-versatile", tags: ["env=* (portkey.header.client)", "team=search (portkey.header.client)"]},
    {at: "features/headers.ts:22:41", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o"},
  ]);
  assert.ok(result.callSites.every((s) => s.gateway === 'portkey' && s.sdk === 'openai'));
  assert.deepEqual(result.warnings, []);
});

test('portkey: PORTKEY_GATEWAY_URL is the gateway URL, not a value known only at run time', () => {
  assert.deepEqual(site(result, 'features/headers.ts:16:36').baseURL, { status: 'exact', value: 'https://api.portkey.ai/v1', notes: ['`PORTKEY_GATEWAY_URL` of portkey-ai'] });
});

test('portkey: a literal provider slug or the model decides (high); a catalog slug alone would only be a guess', () => {
  assert.equal(site(result, 'features/client.ts:20:35').confidence, 'high');
  assert.equal(site(result, 'features/client.ts:24:37').confidence, 'high');
  assert.equal(site(result, 'features/client.ts:14:9').options.maxOutputTokens?.status, 'exact');
});

test('portkey: feedback, prompts, files and a local createHeaders are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
});
