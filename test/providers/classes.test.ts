import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolvedShort, scanFixture, site, summarize } from '../helpers';

const result = scanFixture('providers/classes');

/** Where each object of the class comes from, and the model and provider it makes the call with. */
const objects = (at: string) => site(result, at).callers.map((c) => `${c.file}:${c.line}:${c.column} ${resolvedShort(c.values.model)} ${resolvedShort(c.values.provider)}`);

test('classes: calls in base classes, with the model of each object they run on', () => {
  assert.deepEqual(summarize(result), [
    {at: "base/provider.ts:17:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: ["gpt-4o", "gpt-4o-mini"]},
    {at: "base/provider.ts:21:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: ["gpt-4.1-nano", "gpt-4o-mini"]},
    {at: "completor/completor.ts:13:12", provider: "deepseek", api: "chat.completions.create", kind: "chat", model: ["deepseek-chat", "deepseek-reasoner"]},
    {at: "options/chat-model.ts:23:12", provider: "groq", api: "chat.completions.create", kind: "chat", model: "llama-3.3-70b-versatile"},
    {at: "options/chat-provider.ts:19:12", provider: "openrouter", api: "chat.completions.create", kind: "chat", model: "anthropic/claude-sonnet-4"},
    {at: "services/cycle.ts:7:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: "?class hierarchy of Left too deep to follow (over 30 levels)"},
    {at: "services/injected.ts:14:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4.1"},
    {at: "services/layers.ts:14:12", provider: "openai", api: "responses.create", kind: "chat", model: "o4-mini"},
    {at: "services/llm-service.ts:13:12", provider: "anthropic", api: "messages.create", kind: "chat", model: ["claude-3-5-haiku-latest", "claude-opus-4-1"]},
    {at: "services/many.ts:7:12", provider: "openai", api: "chat.completions.create", kind: "chat", model: "?parameter `model` of Persona.constructor(); no callers of Persona.speak() found in the scanned files; Persona has more than 8 constructions and subclasses in the scanned files: not followed"},
    {at: "services/mixin.ts:17:12", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-sonnet-4-5"},
    {at: "services/mixin.ts:24:14", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "services/private.ts:13:12", provider: "openai", api: "audio.transcriptions.create", kind: "audio", model: "gpt-4o-transcribe"},
    {at: "services/statics.ts:9:12", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-large"},
    {at: "services/statics.ts:17:41", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-large"},
    {at: "services/statics.ts:18:44", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-ada-002"},
    {at: "services/statics.ts:25:44", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-large"},
  ]);
});

test('classes: ORM and task-runner classes are not call sites', () => {
  assert.deepEqual(result.callSites.filter((s) => s.file.startsWith('nearmiss/')), []);
  assert.deepEqual(result.warnings, []);
});

test('classes: config and clients handed to super() reach the base class, per subclass', () => {
  // Subclasses constructed nowhere: each one's super(...) arguments, at the subclass's name.
  assert.deepEqual(objects('base/provider.ts:17:12'), ['base/providers.ts:4:14 gpt-4o-mini openai', 'base/providers.ts:10:14 gpt-4o openai']);
  assert.deepEqual(objects('base/provider.ts:21:12'), ['base/providers.ts:4:14 gpt-4.1-nano openai', 'base/providers.ts:10:14 gpt-4o-mini openai']);
  // Constructions: a defaulted constructor parameter and an explicit argument, forwarded to super().
  assert.deepEqual(objects('completor/completor.ts:13:12'), ['completor/deepseek.ts:12:30 deepseek-chat deepseek', 'completor/deepseek.ts:13:25 deepseek-reasoner deepseek']);
  const deepseek = site(result, 'completor/completor.ts:13:12');
  assert.deepEqual(deepseek.model, { status: 'oneOf', values: ['deepseek-chat', 'deepseek-reasoner'], notes: ['default of parameter `model`'] });
  assert.deepEqual(deepseek.baseURL, { status: 'exact', value: 'https://api.deepseek.com' });
  assert.equal(deepseek.confidence, 'medium');
  // Two levels of super(): the middle class names the model, the leaf builds the client.
  assert.deepEqual(objects('services/layers.ts:14:12'), ['services/layers.ts:30:27 o4-mini openai']);
  assert.deepEqual(site(result, 'services/layers.ts:14:12').baseURL, { status: 'exact', value: 'https://api.openai.com/v1' });
});

test('classes: a wrapper method called on a subclass object sees the options the subclass gave super()', () => {
  const s = site(result, 'options/chat-provider.ts:19:12');
  assert.deepEqual(objects('options/chat-provider.ts:19:12'), ['options/use.ts:6:10 anthropic/claude-sonnet-4 openrouter']);
  assert.deepEqual(s.baseURL, { status: 'exact', value: 'https://openrouter.ai/api/v1' });
  assert.equal(s.callers[0].function, 'draft');
});

test('classes: clients behind getters, overridden getters and fields, assigned in the subclass', () => {
  const getter = site(result, 'options/chat-model.ts:23:12');
  assert.deepEqual(getter.model, { status: 'exact', value: 'llama-3.3-70b-versatile', notes: ['default when `options?.model` is not set'] });
  assert.deepEqual(getter.baseURL, { status: 'exact', value: 'https://api.groq.com/openai/v1' });
  assert.deepEqual(objects('services/llm-service.ts:13:12'), ['services/llm-service.ts:17:14 claude-3-5-haiku-latest anthropic', 'services/llm-service.ts:28:14 claude-opus-4-1 anthropic']);
  assert.deepEqual(
    site(result, 'services/llm-service.ts:13:12').callers.map((c) => resolvedShort(c.values.maxOutputTokens ?? null)),
    ['400', '2000'],
  );
  assert.deepEqual(site(result, 'services/llm-service.ts:13:12').options.maxOutputTokens, { status: 'oneOf', values: ['2000', '400'] });
});

test('classes: constructor injection from a factory, private fields, statics and mixins', () => {
  assert.deepEqual(objects('services/injected.ts:14:12'), ['services/injected.ts:19:10 gpt-4.1 openai']);
  assert.equal(site(result, 'services/injected.ts:14:12').callers[0].function, 'makeReportService');
  assert.deepEqual(objects('services/private.ts:13:12'), ['services/private.ts:17:28 gpt-4o-transcribe openai']);
  // A method of a mixin's class: the classes built on it, whose fields and mixed-in bases it reads.
  assert.deepEqual(objects('services/mixin.ts:24:14'), ['services/mixin.ts:28:14 claude-3-5-haiku-latest anthropic']);
  // A static method's `this` is the class it is called on: an inherited one reads the subclass's statics.
  assert.deepEqual(objects('services/statics.ts:9:12'), ['services/statics.ts:24:40 text-embedding-3-large openai']);
  for (const at of ['services/statics.ts:17:41', 'services/statics.ts:18:44', 'services/statics.ts:25:44', 'services/mixin.ts:17:12']) {
    assert.deepEqual(site(result, at).callers, [], at);
    assert.equal(site(result, at).confidence, 'high', at);
  }
});

test('classes: past the budget of objects, or around a cycle of extends, the model is unknown and says why', () => {
  const s = site(result, 'services/many.ts:7:12');
  assert.deepEqual(s.callers, []);
  assert.equal(s.confidence, 'low');
  const cycle = site(result, 'services/cycle.ts:7:12');
  assert.deepEqual(cycle.model, { status: 'unknown', reason: 'class hierarchy of Left too deep to follow (over 30 levels)', notes: ['also: class hierarchy of Right too deep to follow (over 30 levels)'] });
  assert.deepEqual(objects('services/cycle.ts:7:12'), [
    'services/cycle.ts:17:22 ?class hierarchy of Left too deep to follow (over 30 levels) openai',
    'services/cycle.ts:17:34 ?class hierarchy of Right too deep to follow (over 30 levels) openai',
  ]);
});
