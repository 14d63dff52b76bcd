import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../rules/registry';
import type { OptionSpec, RuleMeta } from '../rules/types';
import type { Schema } from '../schema-check';

// The starter tollgate.yml that `tollgate init` writes: one section per top-level key, each explained
// in comments. The policy (`rules:`) is active with every rule's default severity so a team sees what
// `tollgate check` enforces; everything else is an example to switch on, because a wrong volume or
// price would look like a fact in the bill. The CLI and the editor supply the folder and the schema.

/** Where editors find the schema when tollgate is a dependency of the project (yaml-language-server resolves it from the file). */
export const DEFAULT_SCHEMA_PATH = './node_modules/tollgate/schema/tollgate.schema.json';

export interface StarterSection {
  key: string;
  title: string;
  /** Comment lines above the example. */
  prose: string[];
  /** YAML written commented out: a working example, not a default. */
  example: string;
}

/** Everything but `rules`, in the order a team meets the questions: what to scan, how often, how big, at what price. */
export const STARTER_SECTIONS: StarterSection[] = [
  {
    key: 'include',
    title: 'Which files to scan',
    prose: [
      'By default: every .ts .tsx .mts .cts .js .jsx .mjs .cjs file, and the script blocks of .vue .svelte',
      '.astro files, except node_modules, build output (dist, build, .next, ...), declaration files and',
      'whatever .gitignore ignores.',
    ],
    example: 'include:\n  - "src/**"\nexclude:\n  - "**/*.stories.tsx"\n',
  },
  {
    key: 'usage',
    title: 'Volume: how often each call runs',
    prose: [
      'A monthly cost needs a volume; a call site without one shows "needs volume", never $0.',
      'Write N/hour, N/day, N/week or N/month (k and m suffixes), or annotate the call in code:',
      '  // tollgate: volume 5k/day',
      '`tollgate usage sync` adds a stub under usage.callSites for every call site still without a volume.',
    ],
    example: [
      'usage:',
      '  default: 1k/day                     # call sites nothing else covers (omit to see which need a volume)',
      '  kinds: { embedding: 100k/day }      # chat, embedding, image, audio, moderation, batch, other',
      '  features: { triage: 50k/day }       # by the call\'s `feature` tag',
      '  teams: { support: 2m/month }        # by the call\'s `team` tag',
      '  callSites:                          # by call-site id (`tollgate scan --format json`); * globs',
      '    "src/lib/llm.ts#complete#*": 4k/day',
      '  fanout:                             # calls per invocation, for calls in loops or Promise.all',
      '    "src/jobs/reindex.ts#*": 500',
      '',
    ].join('\n'),
  },
  {
    key: 'placeholders',
    title: 'Prompt sizes',
    prose: [
      'An interpolated value (`${thread}`, a variable message) gets a default size for its kind of value.',
      'Give the sizes you know, in tokens (k suffix allowed); a feature\'s own sizes win over `names`.',
    ],
    example: 'placeholders:\n  default: 120\n  names: { history: 3k, thread: 4k }\n  features: { triage: { body: 800 } }\n',
  },
  {
    key: 'estimate',
    title: 'Estimate knobs',
    prose: [
      'Expected output defaults to 400 tokens for chat and batch calls (200 for other generation), capped',
      'by the call\'s max-output bound.',
    ],
    example: [
      'estimate:',
      '  outputFraction: 0.4                 # instead: this share of the max-output bound (default: unset)',
      '  cacheHitRate: 0.5                   # share of prompt-cache hits for cacheable prefixes (default)',
      '  outputTokens: { chat: 400 }         # expected output tokens by kind of call (default)',
      '',
    ].join('\n'),
  },
  {
    key: 'pricing',
    title: 'Prices',
    prose: [
      'The built-in table holds list prices (USD per 1M tokens). Add what your contracts say; a model the',
      'table does not know (a fine-tune) is added when provider and prices are given.',
    ],
    example: [
      'pricing:',
      '  overrides:',
      '    - { model: gpt-4o, provider: openai, discountPercent: 20, note: enterprise agreement }',
      '    - { model: "claude-*", provider: anthropic, discountPercent: 10 }',
      '    - { model: my-finetune, provider: openai, prices: { input: 3, output: 12 } }',
      '',
    ].join('\n'),
  },
  {
    key: 'selfHosted',
    title: 'Self-hosted models',
    prose: ['Models on your own GPUs are priced from what the hardware costs and how fast it serves.'],
    example: [
      'selfHosted:',
      '  - model: llama-3.3-70b-instruct',
      '    provider: vllm                    # default: self-hosted (also ollama, lmstudio, ...)',
      '    gpuHourlyUsd: 2.5                 # per GPU, with whatever you count (power, hosting, staff)',
      '    gpus: 2',
      '    tokensPerSecond: 1800             # aggregate output throughput under real load',
      '    utilization: 0.6                  # share of the hours the GPUs are busy (default 0.5)',
      '    compareTo: [gpt-4o-mini]          # API models it could replace: shown with a break-even volume',
      '',
    ].join('\n'),
  },
  {
    key: 'budgets',
    title: 'Budgets',
    prose: ['The `budget` rule holds the expected monthly cost to these figures (USD per month).'],
    example: [
      'budgets:',
      '  total: 5000',
      '  teams: { support: 2000 }            # by the `team` tag, or CODEOWNERS where a call has none',
      '  features: { triage: 800 }           # by the `feature` tag',
      '  levels: [50, 80, 100]               # percentages of a budget that raise a finding (the default)',
      '  failAt: 100                         # from here on an error, below it a warning (the default)',
      '',
    ].join('\n'),
  },
  {
    key: 'outcomes',
    title: 'Outcomes: what a feature produces',
    prose: ['By the `feature` tag: reports show the cost per outcome; `cost-per-outcome` checks maxUsd.'],
    example: ['outcomes:', '  triage: { outcome: ticket, perMonth: 90000, maxUsd: 0.01 }', ''].join('\n'),
  },
  {
    key: 'detect',
    title: 'Clients tollgate cannot see: in-house packages, fetch wrappers, private hosts',
    prose: [
      'Their calls are then read as the built-in client of the same shape is read. A wrong entry is a',
      'warning naming its key; the rest of this file still applies.',
    ],
    example: [
      'detect:',
      '  modules:',
      '    "@acme/llm":                       # a package, or a path in this repository (src/lib/llm.ts)',
      '      shape: openai                    # openai, anthropic or fetch',
      '      exports: { llm: client, createClient: factory, default: class }',
      '      gateway: litellm                 # optional, as are provider and baseURL',
      '  functions:',
      '    "src/lib/http.ts#request": fetch  # called like fetch(url, init); axios: (url, body, config)',
      '  hosts:',
      '    llm.internal.acme.com: { provider: openai, gateway: litellm }',
      '',
    ].join('\n'),
  },
  {
    key: 'azure',
    title: 'Azure OpenAI deployments',
    prose: ['A call names a deployment, not a model: say which model each deployment serves.'],
    example: ['azure:', '  deployments:', '    prod-gpt4o: gpt-4o', ''].join('\n'),
  },
];

const WIDTH = 100;

export interface StarterOptions {
  /** The `$schema` of the yaml-language-server line. */
  schemaPath: string;
  /** The rules to write, in order: the registry's. */
  rules: RuleMeta[];
  /** The shipped schema: rule and option descriptions come from it, so they are written once. */
  schema?: Schema | null;
}

/** The text of a starter tollgate.yml. */
export function starterConfig(options: StarterOptions): string {
  const out: string[] = [
    `# yaml-language-server: $schema=${options.schemaPath}`,
    '#',
    '# tollgate.yml: what tollgate needs to know to price the LLM calls of this repository and the policy',
    '# `tollgate check` enforces. Data only: tollgate never runs code from this file or from the code it scans.',
    '# Read it top to bottom; every section is optional. Lines that start with `# ` followed by a key are',
    '# examples: remove the `# ` to switch them on. A misspelt key is an error naming its line.',
    '#',
    '#   tollgate scan               the bill: every LLM call site and its monthly cost',
    '#   tollgate check              the bill plus this policy; exit 1 when it fails',
    '#   tollgate diff --base main   what a change does to the bill',
    '',
  ];
  for (const section of STARTER_SECTIONS) {
    out.push(heading(section.title), ...section.prose.map((p) => `# ${p}`), ...commentOut(section.example), '');
  }
  out.push(...rulesSection(options.rules, options.schema ?? null));
  return out.join('\n') + '\n';
}

function heading(title: string): string {
  return `# ── ${title} ${'─'.repeat(Math.max(3, WIDTH - title.length - 6))}`;
}

function commentOut(yaml: string): string[] {
  return yaml.replace(/\n$/, '').split('\n').map((l) => `# ${l}`);
}

function rulesSection(rules: RuleMeta[], schema: Schema | null): string[] {
  const out = [
    heading('Policy: what `tollgate check` enforces'),
    '# Per rule a severity: error (fails the check), warning, info, or off. `--fail-on warning` fails on',
    '# warnings too. These are the defaults. Silence one call with a reason on the line above it:',
    '#   // tollgate-ignore <rule-id>: <reason>',
    '# Each rule is explained in docs/rules/<rule-id>.md of the tollgate package.',
    'rules:',
  ];
  for (const rule of rules) {
    const docs = ruleSchema(schema, rule.id);
    out.push(...wrap(stripDefaultNote(docs?.description) ?? rule.description, '  # '));
    const names = Object.keys(rule.options);
    if (!names.length) {
      out.push(`  ${rule.id}: ${rule.defaultSeverity}`);
      continue;
    }
    out.push(`  ${rule.id}:`, `    severity: ${rule.defaultSeverity}`);
    for (const name of names) {
      const spec = rule.options[name];
      const option = docs?.options[name];
      if (option?.description) out.push(...wrap(option.description, '    # '));
      // An option without a default is off until set: show the schema's example, commented out.
      const value = spec.default !== undefined ? spec.default : option?.example;
      out.push(`    ${spec.default === undefined || isEmptyDefault(spec) ? '# ' : ''}${name}: ${value === undefined ? `<${spec.type}>` : flow(value)}`);
    }
  }
  return out;
}

interface OptionDocs {
  description?: string;
  example?: unknown;
}

/** The rule's and its options' descriptions (and examples) from the schema's `rules` entry. */
function ruleSchema(schema: Schema | null, id: string): { description: string | undefined; options: Record<string, OptionDocs> } | null {
  const rules = (schema?.properties as Record<string, Schema> | undefined)?.rules;
  const entry = (rules?.properties as Record<string, Schema> | undefined)?.[id];
  if (!entry) return null;
  const options: Record<string, OptionDocs> = {};
  for (const alt of (entry.anyOf ?? []) as Schema[]) {
    for (const [name, s] of Object.entries((alt.properties ?? {}) as Record<string, Schema>)) {
      if (name === 'severity') continue;
      options[name] = {
        ...(typeof s.description === 'string' ? { description: s.description } : {}),
        ...(Array.isArray(s.examples) && s.examples.length ? { example: s.examples[0] } : {}),
      };
    }
  }
  return { description: typeof entry.description === 'string' ? entry.description : undefined, options };
}

/** The schema says "Default: warning." for hover text; the starter file shows the severity itself. */
function stripDefaultNote(text: string | undefined): string | undefined {
  return text?.replace(/\s*Default: \w+\.$/, '');
}

/** Empty defaults stay commented out: switching them on would change nothing and hide what is set. */
function isEmptyDefault(spec: OptionSpec): boolean {
  const d = spec.default;
  return d === false || d === '' || (Array.isArray(d) && !d.length) || (typeof d === 'object' && d !== null && !Object.keys(d).length);
}

/** YAML flow style, plain where a scalar cannot be read as anything but the string it is. */
export function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${flow(k)}: ${flow(v)}`).join(', ')} }` : '{}';
  }
  if (typeof value === 'string') {
    const plain = /^[A-Za-z_][\w.\-/]*$/.test(value) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(value);
    return plain ? value : JSON.stringify(value);
  }
  return String(value);
}

function wrap(text: string, prefix: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && prefix.length + line.length + 1 + word.length > WIDTH) {
      lines.push(prefix + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(prefix + line);
  return lines;
}

const SCHEMA_IN_NODE_MODULES = path.join('node_modules', 'tollgate', 'schema', 'tollgate.schema.json');

/**
 * The schema as the file will find it: the tollgate in the nearest node_modules at or above dir
 * (monorepos hoist it), else where a project that adds tollgate as a dev dependency will have it.
 */
export function schemaPathFor(dir: string): string {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, SCHEMA_IN_NODE_MODULES))) {
      const rel = path.relative(path.resolve(dir), path.join(d, SCHEMA_IN_NODE_MODULES)).split(path.sep).join('/');
      return rel.startsWith('.') ? rel : `./${rel}`;
    }
    if (path.dirname(d) === d) return DEFAULT_SCHEMA_PATH;
  }
}

/** The starter tollgate.yml for a folder, as `tollgate init` writes it and the editor offers it. */
export function starterConfigFor(dir: string, schema: Schema | null): string {
  return starterConfig({ schemaPath: schemaPathFor(dir), rules: RULES.map((r) => r.meta), schema });
}
