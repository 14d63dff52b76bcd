import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { ConfigError, loadConfig } from '../../shared/config/load';
import { DEFAULT_SCHEMA_PATH, STARTER_SECTIONS, flow, starterConfig } from '../../shared/config/init';
import { validateSchema as validateConfigSchema, type Schema } from '../../shared/schema-check';
import { RULES } from '../../shared/rules/registry';
import { schemaPathFor } from '../../shared/config/init';
import { ROOT } from '../helpers';

const SCHEMA: Schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema', 'tollgate.schema.json'), 'utf8'));
const props = (s: Schema) => (s.properties ?? {}) as Record<string, Schema>;
const RULES_SCHEMA = props(SCHEMA).rules;

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-init-'));
}

/** Loads YAML text with the real loader: the error message, or null when it loads. */
function loadError(text: string): string | null {
  const file = path.join(tmpDir(), 'tollgate.yml');
  fs.writeFileSync(file, text);
  try {
    loadConfig(file, 'tollgate.yml');
    return null;
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
}

function schemaErrors(text: string): string[] {
  return validateConfigSchema(parse(text) ?? {}, SCHEMA);
}

/** The loader's own list of top-level keys, read from its "unknown key" message so no export is needed. */
function loaderKeys(): string[] {
  const m = loadError('zzzz-not-a-key: 1\n')!.match(/known keys: (.*)$/);
  assert.ok(m, 'the unknown-key message lists the known keys');
  return m[1].split(', ');
}

function starter(): string {
  return starterConfig({ schemaPath: DEFAULT_SCHEMA_PATH, rules: RULES.map((r) => r.meta), schema: SCHEMA });
}

test('schema: every keyword is one the validator supports (anywhere in the schema)', () => {
  const supported = ['$schema', '$id', 'title', 'description', 'default', 'examples', 'minItems', '$defs', '$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'pattern', 'anyOf'];
  const walk = (s: Schema, at: string) => {
    for (const k of Object.keys(s)) assert.ok(supported.includes(k), `${at}: ${k}`);
    const maps = [s.properties, s.$defs] as Array<Record<string, Schema> | undefined>;
    for (const m of maps) for (const [k, v] of Object.entries(m ?? {})) walk(v, `${at}.${k}`);
    for (const sub of [s.items, s.additionalProperties, ...((s.anyOf ?? []) as Schema[])]) if (sub && typeof sub === 'object') walk(sub as Schema, `${at}[]`);
  };
  walk(SCHEMA, '$');
  assert.equal(SCHEMA.$schema, 'https://json-schema.org/draft/2020-12/schema');
});

test('schema: its top-level keys are exactly the loader\'s, each described, unknown keys rejected', () => {
  assert.deepEqual(Object.keys(props(SCHEMA)).sort(), loaderKeys().sort());
  for (const [k, s] of Object.entries(props(SCHEMA))) assert.equal(typeof s.description, 'string', k);
  assert.equal(SCHEMA.additionalProperties, false);
});

test('schema: its rules and options are exactly the registry\'s, with the same types and defaults', () => {
  assert.deepEqual(Object.keys(props(RULES_SCHEMA)).sort(), RULES.map((r) => r.meta.id).sort(), 'a rule in RULES needs its entry under rules in schema/tollgate.schema.json');
  assert.equal(RULES_SCHEMA.additionalProperties, false);
  const typeOf = (s: Schema) =>
    s.type === 'array' ? 'string[]' : s.type === 'object' ? 'map' : s.type;
  for (const rule of RULES) {
    const entry = props(RULES_SCHEMA)[rule.meta.id];
    assert.match(String(entry.description), new RegExp(`Default: ${rule.meta.defaultSeverity}\\.$`), rule.meta.id);
    const [severity, object] = entry.anyOf as Schema[];
    assert.deepEqual(severity, { $ref: '#/$defs/severity' });
    assert.equal(object.additionalProperties, false);
    const options = { ...props(object) };
    assert.deepEqual(options.severity, { $ref: '#/$defs/severity' });
    delete options.severity;
    assert.deepEqual(Object.keys(options).sort(), Object.keys(rule.meta.options).sort(), `options of ${rule.meta.id}`);
    for (const [name, spec] of Object.entries(rule.meta.options)) {
      const s = options[name];
      assert.equal(typeOf(s), spec.type, `${rule.meta.id}.${name} type`);
      assert.deepEqual(s.default, spec.default, `${rule.meta.id}.${name} default`);
      assert.equal(typeof s.description, 'string', `${rule.meta.id}.${name} description`);
      if (spec.type === 'number') assert.equal(s.minimum, spec.minimum, `${rule.meta.id}.${name} minimum`);
      if (spec.type === 'number') assert.equal(s.maximum, spec.maximum, `${rule.meta.id}.${name} maximum`);
      if (spec.type === 'string[]') assert.deepEqual(s.items, { type: 'string' });
      if (spec.type === 'map') assert.deepEqual(s.additionalProperties, { type: 'string' });
    }
  }
});

test('schema: the example app\'s tollgate.yml validates and loads', () => {
  const text = fs.readFileSync(path.join(ROOT, 'examples', 'support-desk', 'tollgate.yml'), 'utf8');
  assert.deepEqual(schemaErrors(text), []);
  assert.equal(loadError(text), null);
});

// The schema and the loader agree: what one accepts the other accepts, and the same for rejections.
const ACCEPTED = [
  '',
  'include: ["src/**"]\nexclude: []\n',
  'usage:\n  default: 1k/day\n  kinds: { embedding: 100k/day }\n  features: { triage: 50k/day }\n  teams: { support: 2m/month }\n  callSites: { "src/a.ts#*": 12000, "src/b.ts#*": " 1.5m / week " }\n  fanout: { "src/jobs/*": 500, "x": 2k }\n',
  'placeholders:\n  default: 120\n  names: { history: 3k }\n  features: { triage: { body: 800 } }\n',
  'estimate:\n  outputFraction: 0\n  cacheHitRate: 1\n  outputTokens: { chat: 300, embedding: 0, other: 1k }\n',
  'pricing:\n  overrides:\n    - { model: gpt-4o, provider: openai, discountPercent: 100, note: ea }\n    - { model: x, prices: { input: 0, output: 12, reasoningOutput: 1 } }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 2.5, tokensPerSecond: 1800, gpus: 2, utilization: 1, inputTokensPerSecond: 9000, provider: vllm, aliases: [l], compareTo: [gpt-4o], note: rack }\n',
  'budgets:\n  total: 5000\n  teams: { support: 2000.5 }\n  features: { triage: 800 }\n  levels: [50, 80]\n  failAt: 90\n',
  'outcomes:\n  triage: { outcome: ticket, perMonth: 90000, maxUsd: 0.01 }\n  docs: { outcome: document, perMonth: 10 }\n',
  'rules:\n  missing-attribution: { severity: error, required: [team], mechanisms: [openai.metadata], reachBill: true, paths: { "scripts/**": team } }\n  frontier-default: { allow: [o3], suggest: { "claude-opus-*": claude-sonnet-4-5 } }\n  unbounded-output: { suggested: 1 }\n  unknown-model: off\n  unresolved-model: { severity: info }\n',
  // Every bound itself is allowed.
  'usage:\n  default: 1000000000000\n  fanout: { "x": 1m }\nplaceholders:\n  default: 10m\nestimate:\n  outputTokens: { chat: 10000000 }\n',
  'budgets:\n  total: 1000000000000\n  levels: [10000]\n  failAt: 10000\noutcomes:\n  t: { outcome: ticket, perMonth: 1000000000000, maxUsd: 1000000000000 }\n',
  'selfHosted:\n  - { model: l, gpuHourlyUsd: 1000000, tokensPerSecond: 1000000000, inputTokensPerSecond: 1000000000, gpus: 1000000 }\npricing:\n  overrides:\n    - { model: x, prices: { input: 1000000 } }\n',
  'rules:\n  per-call-ceiling: { maxUsd: 1000000000000 }\n  unbounded-output: { suggested: 10000000 }\n  unbounded-fan-out: { suggested: 1000000 }\n',
];
const REJECTED = [
  'exlude: ["x"]\n',
  'include: src\n',
  'usage:\n  defualt: 1k/day\n',
  'usage:\n  default: often\n',
  'usage:\n  default: 5k/fortnight\n',
  'usage:\n  default: -3\n',
  'placeholders:\n  names: { history: lots }\n',
  'estimate:\n  cacheHitRate: 1.5\n',
  'estimate:\n  outputTokens: { poem: 10 }\n',
  'pricing:\n  overrides:\n    - { provider: openai, discountPercent: 5 }\n',
  'pricing:\n  overrides:\n    - { model: x, discountPercent: 101 }\n',
  'pricing:\n  overrides:\n    - { model: x, prices: { inputt: 1 } }\n',
  'pricing:\n  discounts: []\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 2.5 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 0, tokensPerSecond: 10 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 10, gpus: 1.5 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 10, utilization: 0 }\n',
  'selfHosted:\n  - { model: "  ", gpuHourlyUsd: 1, tokensPerSecond: 10 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 10, gpu: 2 }\n',
  'budgets:\n  total: 0\n',
  'budgets:\n  levels: []\n',
  'budgets:\n  team: { support: 10 }\n',
  'outcomes:\n  triage: { perMonth: 5 }\n',
  'outcomes:\n  triage: { outcome: ticket }\n',
  'outcomes:\n  triage: { outcome: ticket, perMonth: 5, maxUSD: 1 }\n',
  'rules:\n  per-call-ceiling: { maxUsd: -1 }\n',
  'rules:\n  no-such-rule: error\n',
  'rules:\n  unknown-model: fatal\n',
  'rules:\n  unknown-model: { severity: error, threshold: 2 }\n',
  'rules:\n  missing-attribution: { required: team }\n',
  'rules:\n  missing-attribution: { paths: { "a/**": [team] } }\n',
  'rules:\n  unbounded-output: { suggested: 0 }\n',
  'rules:\n  frontier-default: { allow: true }\n',
  // Numbers from a pull request: not a number at all, or beyond the bounds of shared/estimate/bounds.ts.
  'estimate:\n  outputFraction: .nan\n',
  'estimate:\n  cacheHitRate: .inf\n',
  'usage:\n  default: 99999999999999999999999999m/day\n',
  'usage:\n  default: 1e13\n',
  'usage:\n  fanout: { "x": 2000001 }\n',
  'usage:\n  fanout: { "x": .nan }\n',
  'placeholders:\n  default: 99999999999\n',
  'placeholders:\n  names: { q: .nan }\n',
  'estimate:\n  outputTokens: { chat: 1e9 }\n',
  'pricing:\n  overrides:\n    - { model: x, discountPercent: .nan }\n',
  'pricing:\n  overrides:\n    - { model: x, prices: { input: .nan } }\n',
  'pricing:\n  overrides:\n    - { model: x, prices: { output: 1e7 } }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: .inf, tokensPerSecond: 10 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 1e10 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 10, gpus: 1e300 }\n',
  'selfHosted:\n  - { model: llama, gpuHourlyUsd: 1, tokensPerSecond: 10, utilization: .nan }\n',
  'budgets:\n  total: .inf\n',
  'budgets:\n  total: .nan\n',
  'budgets:\n  levels: [50, 1e6]\n',
  'budgets:\n  failAt: 20000\n',
  'outcomes:\n  triage: { outcome: ticket, perMonth: 1e13 }\n',
  'outcomes:\n  triage: { outcome: ticket, perMonth: 5, maxUsd: .nan }\n',
  'rules:\n  per-call-ceiling: { maxUsd: .inf }\n',
  'rules:\n  per-call-ceiling: { maxUsd: .nan }\n',
  'rules:\n  unbounded-output: { suggested: 2e7 }\n',
  'rules:\n  unbounded-fan-out: { suggested: 2e6 }\n',
  'rules:\n  cost-increase: { maxIncreasePercent: 1e13 }\n',
];

test('schema: accepts what the loader accepts', () => {
  for (const text of ACCEPTED) {
    assert.equal(loadError(text), null, text);
    assert.deepEqual(schemaErrors(text), [], text);
  }
});

test('schema: rejects what the loader rejects', () => {
  for (const text of REJECTED) {
    assert.notEqual(loadError(text), null, `loader accepts:\n${text}`);
    assert.notDeepEqual(schemaErrors(text), [], `schema accepts:\n${text}`);
  }
});

test('init: the starter file loads without error, validates, and enforces the default policy', () => {
  const text = starter();
  assert.equal(loadError(text), null);
  assert.deepEqual(schemaErrors(text), []);
  const file = path.join(tmpDir(), 'tollgate.yml');
  fs.writeFileSync(file, text);
  const config = loadConfig(file);
  for (const rule of RULES) {
    const defaults = Object.fromEntries(Object.entries(rule.meta.options).filter(([, s]) => s.default !== undefined && JSON.stringify(s.default) !== '[]' && JSON.stringify(s.default) !== '{}' && s.default !== false).map(([k, s]) => [k, s.default]));
    assert.deepEqual(config.rules[rule.meta.id], { severity: rule.meta.defaultSeverity, options: defaults }, rule.meta.id);
  }
  assert.deepEqual([config.include, config.exclude, config.priceOverrides, config.selfHosted], [[], [], [], []], 'examples stay commented out');
});

test('init: the first line points editors at the schema; every top-level key and rule is explained', () => {
  const text = starter();
  const lines = text.split('\n');
  assert.equal(lines[0], '# yaml-language-server: $schema=./node_modules/tollgate/schema/tollgate.schema.json');
  for (const key of loaderKeys()) assert.match(text, new RegExp(`^(# )?${key}:`, 'm'), `${key} appears in the starter file`);
  for (const rule of RULES) assert.match(text, new RegExp(`^  ${rule.meta.id}:`, 'm'));
  assert.ok(lines.every((l) => l.length <= 110), 'lines fit a terminal');
  assert.match(text, /^ {4}# Only tags that reach the provider's own bill count/m, 'option descriptions come from the schema');
  assert.match(text, /^ {4}# reachBill: false$/m, 'empty defaults stay commented out');
  assert.match(text, /^ {4}required: \[team, feature\]$/m);
  assert.equal(starter(), text, 'deterministic');
});

test('init: every example, switched on, loads and validates', () => {
  let uncommented = starter().replace(/^( {4})# (\w+: )/gm, '$1$2');
  for (const s of STARTER_SECTIONS) {
    const commented = s.example.replace(/\n$/, '').split('\n').map((l) => `# ${l}`).join('\n');
    assert.ok(uncommented.includes(commented), s.key);
    uncommented = uncommented.replace(commented, s.example.replace(/\n$/, ''));
  }
  assert.equal(loadError(uncommented), null, uncommented);
  assert.deepEqual(schemaErrors(uncommented), []);
  const file = path.join(tmpDir(), 'tollgate.yml');
  fs.writeFileSync(file, uncommented);
  const c = loadConfig(file);
  assert.deepEqual(c.include, ['src/**']);
  assert.equal(c.priceOverrides.length, 3);
  assert.equal(c.selfHosted[0].gpus, 2);
  assert.deepEqual(c.rules['missing-attribution'].options, { required: ['team', 'feature'], mechanisms: [], reachBill: false, paths: {}, fixStyle: 'auto' });
  for (const s of STARTER_SECTIONS) {
    assert.equal(loadError(s.example), null, s.key);
    assert.deepEqual(schemaErrors(s.example), [], s.key);
  }
});

test('init: flow() writes YAML that reads back as the same value', () => {
  for (const v of [[], {}, ['team', 'feature'], { 'claude-opus-*': 'claude-sonnet-4-5' }, ['off', 'yes', '1', 'a b', "it's"], 1024, true]) {
    assert.deepEqual(parse(`x: ${flow(v)}`).x, v, JSON.stringify(v));
  }
});

test('init: the schema path is the nearest node_modules/tollgate above the folder, else the conventional one', () => {
  const root = tmpDir();
  const app = path.join(root, 'packages', 'app');
  fs.mkdirSync(app, { recursive: true });
  assert.equal(schemaPathFor(app), DEFAULT_SCHEMA_PATH);
  fs.mkdirSync(path.join(root, 'node_modules', 'tollgate', 'schema'), { recursive: true });
  fs.writeFileSync(path.join(root, 'node_modules', 'tollgate', 'schema', 'tollgate.schema.json'), '{}');
  assert.equal(schemaPathFor(app), '../../node_modules/tollgate/schema/tollgate.schema.json');
  assert.equal(schemaPathFor(root), './node_modules/tollgate/schema/tollgate.schema.json');
});

test('init: the CLI writes the file, refuses to overwrite without --force (exit 2), replaces with it', () => {
  // The bundle of this build: out-x/dist with TOLLGATE_OUT=out-x, else the package's dist/.
  const own = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');
  const entry = fs.existsSync(own) ? own : path.join(ROOT, 'dist', 'cli.js');
  const boot = `require(${JSON.stringify(entry)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
  const dir = tmpDir();
  const cli = (args: string[]) => spawnSync(process.execPath, ['-e', boot, '--', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const first = cli(['init']);
  assert.equal(first.status, 0, first.stderr);
  assert.equal(first.stdout, 'wrote tollgate.yml\nNext: fill in volumes (`tollgate usage sync` adds a stub per call site), then run `tollgate check`.\n');
  const written = fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8');
  assert.equal(written, starter(), 'the CLI writes the pure function\'s text, with the schema\'s descriptions');
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), 'rules: {}\n');
  const refused = cli(['init']);
  assert.deepEqual(
    { code: refused.status, err: refused.stderr },
    { code: 2, err: 'tollgate: tollgate.yml already exists; not overwriting it (use --force to replace it with a starter tollgate.yml)\nRun `tollgate --help` for usage.\n' },
  );
  assert.equal(fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8'), 'rules: {}\n');
  const forced = cli(['init', '.', '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stdout, /^wrote tollgate\.yml \(replaced the existing file\)\n/);
  assert.equal(fs.readFileSync(path.join(dir, 'tollgate.yml'), 'utf8'), written);
  fs.rmSync(path.join(dir, 'tollgate.yml'));
  fs.writeFileSync(path.join(dir, 'tollgate.json'), '{}');
  assert.equal(cli(['init']).status, 2, 'any settings file tollgate would read counts');
  assert.match(cli(['init', '--force']).stdout, /note: tollgate\.yml is read before tollgate\.json, which now has no effect\n/);
  assert.equal(cli(['init', 'no/such/dir']).status, 2);
  assert.match(cli(['--help']).stdout, /tollgate init \[dir\] \[--force\]/);
});
