import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../shared/config/load';
import { configError, writeConfig } from './helpers';


test('config: usage, placeholders, estimate knobs and price overrides are read', () => {
  const c = loadConfig(
    writeConfig(`usage:
  default: 1k/day
  kinds: { embedding: 100k/day }
  features:
    triage: 50k/day
  teams:
    support: 2m/month
  callSites:
    "src/lib/*#complete#*": 12000
placeholders:
  default: 120
  names: { history: 3k }
  features: { triage: { body: 800 } }
estimate:
  outputFraction: 0.4
  cacheHitRate: 0.8
  outputTokens: { chat: 250 }
pricing:
  overrides:
    - { model: gpt-4o, provider: openai, discountPercent: 20, note: enterprise agreement }
    - model: my-llama
      provider: self-hosted
      prices: { input: 0.2, output: 0.4 }
`),
    'tollgate.yml',
  );
  assert.deepEqual(c.estimate.usage, {
    default: { key: 'default', perMonth: 30416.7, text: '1k/day' },
    kinds: [{ key: 'embedding', perMonth: 3041670, text: '100k/day' }],
    features: [{ key: 'triage', perMonth: 1520835, text: '50k/day' }],
    teams: [{ key: 'support', perMonth: 2000000, text: '2m/month' }],
    callSites: [{ key: 'src/lib/*#complete#*', perMonth: 12000, text: '12000/month' }],
    fanout: [],
  });
  assert.deepEqual(c.estimate.placeholders, { default: 120, names: { history: 3000 }, features: { triage: { body: 800 } } });
  assert.equal(c.estimate.outputFraction, 0.4);
  assert.equal(c.estimate.cacheHitRate, 0.8);
  assert.deepEqual(c.estimate.outputDefaults, { chat: 250 });
  assert.deepEqual(c.priceOverrides, [
    { provider: 'openai', model: 'gpt-4o', prices: {}, discountPercent: 20, note: 'enterprise agreement' },
    { provider: 'self-hosted', model: 'my-llama', prices: { input: 0.2, output: 0.4 }, discountPercent: null, note: null },
  ]);
});

test('config: mistakes name the line and column and what was expected', () => {
  assert.equal(configError('usage:\n  featurs: { a: 1k/day }\n'), 'tollgate.yml:2:3: unknown key "usage.featurs" (did you mean "features"?); known keys: default, kinds, features, teams, callSites, fanout');
  assert.equal(configError('usage:\n  default: lots\n'), 'tollgate.yml:2:12: "usage.default" expects a volume such as 50k/day, 2m/month or a number of calls per month');
  assert.equal(configError('estimate:\n  cacheHitRate: 2\n'), 'tollgate.yml:2:17: "estimate.cacheHitRate" expects a number between 0 and 1');
  assert.equal(configError('pricing:\n  overrides:\n    - { provider: openai }\n'), 'tollgate.yml:3:7: "pricing.overrides[]" needs a model');
  assert.equal(configError('placeholders:\n  names: { q: -3 }\n'), 'tollgate.yml:2:15: "placeholders.names.q" expects a number of tokens (k and m suffixes allowed)');
});
