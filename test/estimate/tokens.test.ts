import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Tiktoken, type TiktokenBPE } from 'js-tiktoken/lite';
import { APPROXIMATION, cachedTexts, countChat, countText, countTools, encodingFor } from '../../shared/estimate/tokens';
import { countByPieces, countOrdinary } from '../../shared/estimate/tokens-bpe';

// Every expected number below is printed by tiktoken in OpenAI's cookbook notebook
// examples/How_to_count_tokens_with_tiktoken.ipynb (openai/openai-cookbook), next to the prompt_tokens
// the OpenAI API reported for the same request; none comes from running our code.

const cookbookMessages = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

const weatherTools = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];

const weatherMessages = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

test('the shipped ranks are the real ones: token ids of the cookbook example', () => {
  const o200k = new Tiktoken(require('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  const cl100k = new Tiktoken(require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE);
  assert.deepEqual(o200k.encode('tiktoken is great!'), [83, 8251, 2488, 382, 2212, 0]);
  assert.deepEqual(cl100k.encode('tiktoken is great!'), [83, 1609, 5963, 374, 2294, 0]);
});

test('countText equals tiktoken on the cookbook strings (cl100k_base via gpt-4, o200k_base via gpt-4o)', () => {
  const cases: Array<[string, number, number]> = [
    ['tiktoken is great!', 6, 6],
    ['antidisestablishmentarianism', 6, 6],
    ['2 + 2 = 4', 7, 7],
    ['お誕生日おめでとう', 9, 8],
  ];
  for (const [text, cl100k, o200k] of cases) {
    assert.deepEqual(countText(text, 'openai', 'gpt-4'), { tokens: cl100k, exact: true, encoding: 'cl100k_base' }, text);
    assert.deepEqual(countText(text, 'openai', 'gpt-4o'), { tokens: o200k, exact: true, encoding: 'o200k_base' }, text);
  }
});

test('countChat equals the cookbook num_tokens_from_messages (and the API) for its example messages', () => {
  const expected: Array<[string, number]> = [
    ['gpt-3.5-turbo', 129],
    ['gpt-4-0613', 129],
    ['gpt-4', 129],
    ['gpt-4o', 124],
    ['gpt-4o-mini', 124],
    // Older revision of the same notebook: gpt-3.5-turbo-0301 frames messages with 4 tokens and a name replaces the role.
    ['gpt-3.5-turbo-0301', 127],
  ];
  for (const [model, tokens] of expected) {
    const c = countChat(cookbookMessages, 'openai', model);
    assert.equal(c.tokens, tokens, model);
    assert.equal(c.exact, true, model);
    assert.equal(c.note, undefined, model);
  }
});

test('countChat + countTools equals the cookbook num_tokens_for_tools (and the API) for its weather tool', () => {
  const expected: Array<[string, number]> = [
    ['gpt-3.5-turbo', 105],
    ['gpt-4', 105],
    ['gpt-4o', 101],
    ['gpt-4o-mini', 101],
  ];
  for (const [model, tokens] of expected) {
    const tools = countTools(weatherTools, 'openai', model);
    assert.equal(countChat(weatherMessages, 'openai', model).tokens + tools.tokens, tokens, model);
    assert.equal(tools.exact, true, model);
  }
});

test('countTools: tool shapes of other OpenAI APIs count alike; gaps in the formula are flagged', () => {
  const fn = weatherTools[0]!.function;
  const responsesShape = [{ type: 'function', ...fn }];
  assert.deepEqual(countTools(responsesShape, 'openai', 'gpt-4o'), countTools(weatherTools, 'openai', 'gpt-4o'));
  assert.deepEqual(countTools([], 'openai', 'gpt-4o'), { tokens: 0, exact: true, encoding: 'o200k_base' });

  const noDescription = countTools([{ type: 'function', function: { name: 'ping', parameters: { type: 'object', properties: {} } } }], 'openai', 'gpt-4o');
  // func_init 7 + "ping:" (2 tokens) + func_end 12
  assert.equal(noDescription.tokens, 7 + countText('ping:', 'openai', 'gpt-4o').tokens + 12);
  assert.equal(noDescription.exact, false);
  assert.match(noDescription.note!, /lacks a field/);

  const nested = countTools(
    [{ type: 'function', function: { name: 'f', description: 'd', parameters: { type: 'object', properties: { a: { type: 'object', description: 'x', properties: { b: { type: 'string' } } } } } } }],
    'openai',
    'gpt-4o',
  );
  assert.equal(nested.exact, false);
  assert.match(nested.note!, /nested/);

  const unknown = countTools([null], 'openai', 'gpt-4o');
  assert.equal(unknown.exact, false);
  assert.equal(unknown.tokens, 12);
});

test('encodingFor: our own prefix map, dated snapshots and host spellings, never throws', () => {
  const cases: Array<[string, string, string, boolean]> = [
    ['openai', 'gpt-4o', 'o200k_base', true],
    ['openai', 'gpt-4o-2024-08-06', 'o200k_base', true],
    ['openai', 'chatgpt-4o-latest', 'o200k_base', true],
    ['openai', 'gpt-4.1-nano', 'o200k_base', true],
    ['openai', 'gpt-4.5-preview', 'o200k_base', true],
    ['openai', 'gpt-5', 'o200k_base', true],
    ['openai', 'gpt-5-mini-2025-08-07', 'o200k_base', true],
    ['openai', 'o1', 'o200k_base', true],
    ['openai', 'o3-mini', 'o200k_base', true],
    ['openai', 'o4-mini-2025-04-16', 'o200k_base', true],
    ['openai', 'gpt-4', 'cl100k_base', true],
    ['openai', 'gpt-4-turbo-2024-04-09', 'cl100k_base', true],
    ['openai', 'gpt-3.5-turbo-0125', 'cl100k_base', true],
    ['azure-openai', 'gpt-35-turbo', 'cl100k_base', true],
    ['openai', 'text-embedding-ada-002', 'cl100k_base', true],
    ['openai', 'text-embedding-3-small', 'cl100k_base', true],
    ['openai', 'text-embedding-3-large', 'cl100k_base', true],
    ['openai', 'ft:gpt-4o-mini-2024-07-18:acme::abc123', 'o200k_base', true],
    ['openrouter', 'openai/gpt-4o', 'o200k_base', true],
    ['groq', 'openai/gpt-oss-120b', 'o200k_harmony', true],
    ['fireworks', 'accounts/fireworks/models/gpt-oss-20b', 'o200k_harmony', true],
    ['bedrock', 'openai.gpt-oss-120b-1:0', 'o200k_harmony', true],
    ['openai', 'GPT-4O', 'o200k_base', true],
    // Not in tiktoken's table: encoding inferred, so not exact.
    ['openai', 'gpt-image-1', 'o200k_base', false],
    ['anthropic', 'claude-sonnet-4-5', 'o200k_base', false],
    ['google', 'gemini-2.5-flash', 'o200k_base', false],
    ['azure-openai', 'my-prod-deployment', 'o200k_base', false],
    ['openai', 'gpt-4oops', 'o200k_base', false],
    ['openai', 'o10-preview', 'o200k_base', false],
    ['openai', '', 'o200k_base', false],
  ];
  for (const [provider, model, encoding, exact] of cases) {
    assert.deepEqual(encodingFor(provider, model), { encoding, exact }, model);
  }
});

test('gpt-oss: o200k_harmony counts text like o200k_base; its chat template is not the cookbook one', () => {
  const text = 'Summarize the incident report in three bullet points.';
  assert.deepEqual(countText(text, 'groq', 'openai/gpt-oss-120b'), {
    tokens: countText(text, 'openai', 'gpt-4o').tokens,
    exact: true,
    encoding: 'o200k_harmony',
  });
  const chat = countChat([{ role: 'user', content: text }], 'groq', 'openai/gpt-oss-120b');
  assert.equal(chat.exact, false);
  assert.match(chat.note!, /harmony/);
});

test('newer OpenAI models: exact tokenizer, cookbook framing noted as assumed', () => {
  const c = countChat(cookbookMessages, 'openai', 'gpt-5');
  assert.equal(c.tokens, 124);
  assert.equal(c.exact, true);
  assert.match(c.note!, /cookbook rule published for gpt-3\.5-turbo, gpt-4 and gpt-4o/);
});

test('other vendors: closest encoding, labelled approximate, factor from APPROXIMATION', () => {
  const text = 'You are a careful support agent. Answer in two sentences.';
  const raw = countText(text, 'openai', 'gpt-4o').tokens;
  assert.equal(raw, 12);
  for (const [provider, model] of [['mistral', 'mistral-large-latest'], ['cohere', 'command-r-plus'], ['groq', 'llama-3.3-70b-versatile']]) {
    const c = countText(text, provider!, model!);
    assert.equal(c.exact, false, model);
    assert.equal(c.encoding, 'o200k_base', model);
    assert.equal(c.tokens, raw, model);
    assert.equal(c.range, undefined, model);
    assert.match(c.note!, /^approximate: o200k_base x 1 /, model);
  }
  // Claude 3+: 12 × 1.16 = 13.92 → 14 expected; 12 × 1.05 = 12.6 → 13 and 12 × 1.3 = 15.6 → 16 at the ends.
  for (const [provider, model] of [['anthropic', 'claude-sonnet-4-5'], ['bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0']]) {
    const c = countText(text, provider!, model!);
    assert.deepEqual([c.tokens, c.range, c.exact], [14, { low: 13, high: 16 }, false], model);
    assert.match(c.note!, /^approximate: o200k_base x 1\.16 \(1\.05–1\.3\) \(anthropic: Claude 3\.5 Sonnet vs GPT-4o/, model);
  }
  // Gemini: 12 × 1.06 = 12.72 → 13; 12 × 1.0 = 12 and 12 × 1.2 = 14.4 → 15.
  const gemini = countText(text, 'google', 'gemini-2.5-pro');
  assert.deepEqual([gemini.tokens, gemini.range], [13, { low: 12, high: 15 }]);
  assert.match(gemini.note!, /^approximate: o200k_base x 1\.06 \(1–1\.2\) \(google: Gemma 3 tokenizer \(Gemini 2\.0's/);
  // Opus 4.7's new tokenizer on top of Claude's: 12 × 1.57 = 18.84 → 19; 12 × 1.05 → 13; 12 × 1.76 = 21.12 → 22.
  const opus47 = countText(text, 'anthropic', 'claude-opus-4-7');
  assert.deepEqual([opus47.tokens, opus47.range, opus47.exact], [19, { low: 13, high: 22 }, false]);

  // The cookbook's 124 framed tokens × 1.16 = 143.84 → 144.
  const chat = countChat(cookbookMessages, 'anthropic', 'claude-sonnet-4-5');
  assert.equal(chat.tokens, 144);
  assert.equal(chat.exact, false);

  for (const [vendor, a] of Object.entries(APPROXIMATION.vendors)) {
    assert.ok(a.factor > 0 && a.source.length > 10, vendor);
  }
});

test('Anthropic tools: JSON of the definitions plus the documented tool-use system prompt', () => {
  const anthropicTool = { name: 'get_weather', description: 'Get the weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } };
  const json = JSON.stringify({ name: anthropicTool.name, description: anthropicTool.description, parameters: anthropicTool.input_schema });
  const raw = countText(json, 'openai', 'gpt-4o').tokens;
  // The JSON at Claude's factor (27 × 1.16 = 31.32 → 32), the documented system prompt as Anthropic counts it.
  assert.equal(raw, 27);
  assert.equal(countTools([anthropicTool], 'anthropic', 'claude-sonnet-4-5').tokens, 32 + 346);
  assert.equal(countTools([anthropicTool], 'anthropic', 'claude-3-haiku-20240307').tokens, 32 + 264);
  assert.equal(countTools([], 'anthropic', 'claude-sonnet-4-5').tokens, 0);
});

test('special-token strings in prompts count as plain text and never throw', () => {
  const c = countText('Stop at <|endoftext|> please', 'openai', 'gpt-4o');
  assert.ok(c.tokens > 5);
  assert.equal(countText('', 'openai', 'gpt-4o').tokens, 0);
});

test('long pieces: the O(n log n) merge gives tiktoken\'s counts', () => {
  const o200k = new Tiktoken(require('js-tiktoken/ranks/o200k_base') as TiktokenBPE);
  const cl100k = new Tiktoken(require('js-tiktoken/ranks/cl100k_base') as TiktokenBPE);
  const samples = [
    'a'.repeat(400),
    'Z'.repeat(257) + ' tail',
    ' '.repeat(300) + 'x',
    '='.repeat(180) + '\n' + '-'.repeat(150),
    '}' + '\n/'.repeat(120),
    'Supercalifragilisticexpialidocious'.repeat(9),
    Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73) % 256)).toString('base64'),
    '😀'.repeat(60) + 'ok',
    'short text with no long piece at all.',
  ];
  for (const s of samples) {
    assert.equal(countByPieces(s, 'o200k_base'), o200k.encode(s, [], []).length, s.slice(0, 20));
    assert.equal(countByPieces(s, 'cl100k_base'), cl100k.encode(s, [], []).length, s.slice(0, 20));
    assert.equal(countOrdinary(s, 'o200k_base'), o200k.encode(s, [], []).length, s.slice(0, 20));
  }
});

test('a 100 KB prompt is counted in linear-ish time, even as one giant piece', () => {
  const inputs = [
    'lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(1800),
    'a'.repeat(100_000),
    ' '.repeat(100_000) + 'x',
    '}' + '\n/'.repeat(50_000),
  ];
  for (const s of inputs) {
    const start = Date.now();
    const n = countOrdinary(s, 'o200k_base');
    const ms = Date.now() - start;
    assert.ok(n > 0 && n <= Buffer.byteLength(s), `count ${n}`);
    // The plain quadratic merge takes minutes on a 100 KB piece.
    assert.ok(ms < 5000, `${ms} ms for ${s.slice(0, 10)}...`);
  }
});

test('repeated static prompts are cached per (encoding, text)', () => {
  const text = `A system prompt used by many call sites ${Date.now()}`;
  const before = cachedTexts('cl100k_base');
  const first = countText(text, 'openai', 'gpt-4');
  assert.equal(cachedTexts('cl100k_base'), before + 1);
  assert.deepEqual(countText(text, 'azure-openai', 'gpt-4-0613'), first);
  assert.equal(cachedTexts('cl100k_base'), before + 1);
});
