// Pathological shapes: inputs built to hit a recursion, an exponential, a quadratic or an
// unbounded resource. Sizes come from the seed, within the ranges the issue names.
import * as fs from 'fs';
import * as path from 'path';
import { rng } from './rng';
import { callSource } from './tree';
import type { CaseEnv, Command, FuzzCase } from './types';

const DEPTHS = [700, 1000, 2500, 5000, 10000];

/**
 * Deep nesting of one kind as a TypeScript expression whose innermost value is a string, one level
 * a line (a single long line would be skipped as minified code; a hostile author adds line breaks).
 */
export const NESTINGS: Record<string, (d: number) => string> = {
  parens: (d) => '(\n'.repeat(d) + "'x'" + '\n)'.repeat(d),
  arrays: (d) => '[\n'.repeat(d) + "'x'" + '\n]'.repeat(d) + '.flat(Infinity).join("")',
  calls: (d) => 'id(\n'.repeat(d) + "'x'" + '\n)'.repeat(d),
  objects: (d) => '{ a:\n'.repeat(d) + "'x'" + '\n}'.repeat(d) + ' as any',
  ternaries: (d) => 'flag ?\n'.repeat(d) + "'x'" + "\n: 'y'".repeat(d),
  binary: (d) => "'x'" + "\n+ 'x'".repeat(d),
  templates: (d) => '`${\n'.repeat(d) + "'x'" + '\n}`'.repeat(d),
  arrows: (d) => '(() =>\n'.repeat(d) + "'x'" + '\n)()'.repeat(d),
  jsx: (d) => '<b>\n'.repeat(d) + 'x' + '\n</b>'.repeat(d),
};

function nestingFile(kind: string, depth: number): Record<string, string> {
  const expr = NESTINGS[kind](depth);
  const helpers = `const flag = Math.random() > 0.5;\nconst id = <T,>(x: T) => x;\n`;
  if (kind === 'jsx') {
    const src = callSource('String(markup)').replace('export async function', `${helpers}const markup = (${expr});\n\nexport async function`);
    return { 'src/deep.tsx': src, 'src/ok.ts': callSource("'a healthy file beside it'") };
  }
  return { 'src/deep.ts': helpers + callSource(expr), 'src/ok.ts': callSource("'a healthy file beside it'") };
}

/** Doubling 30-40 times: 2^40 characters if evaluated naively. */
export const DOUBLINGS: Record<string, (n: number) => string> = {
  'string-plus': (n) => `const d0 = 'ab';\n` + Array.from({ length: n }, (_, i) => `const d${i + 1} = d${i} + d${i};\n`).join(''),
  'string-template': (n) => "const d0 = 'ab';\n" + Array.from({ length: n }, (_, i) => `const d${i + 1} = \`\${d${i}}\${d${i}}\`;\n`).join(''),
  'array-spread': (n) => "const d0 = ['ab'];\n" + Array.from({ length: n }, (_, i) => `const d${i + 1} = [...d${i}, ...d${i}];\n`).join(''),
  'array-concat': (n) => "const d0 = ['ab'];\n" + Array.from({ length: n }, (_, i) => `const d${i + 1} = d${i}.concat(d${i});\n`).join(''),
  'object-spread': (n) => 'const d0 = { a: 1 };\n' + Array.from({ length: n }, (_, i) => `const d${i + 1} = { l: { ...d${i} }, r: { ...d${i} } };\n`).join(''),
  'repeat-pad': (n) => `const d0 = 'ab'.repeat(1e9);\nconst d${n} = 'x'.padEnd(1e9, d0);\n`,
};

function doublingFile(kind: string, n: number): Record<string, string> {
  const last = `d${n}`;
  const use = kind.startsWith('array') ? `${last}.join('')` : kind === 'object-spread' ? `JSON.stringify(${last})` : last;
  return { 'src/double.ts': DOUBLINGS[kind](n) + '\n' + callSource(use) };
}

/** Regular expressions with catastrophic backtracking, applied to a string the evaluator knows. */
const AAA = "'" + 'a'.repeat(40) + "!'";
const REDOS: Record<string, string> = {
  'nested-plus': `const input = ${AAA};\nconst cleaned = input.replace(/^(a+)+$/, '');\n`,
  'alternation': `const input = ${AAA};\nconst cleaned = input.replace(/^(a|aa)+$/, '');\n`,
  'computed-method': `const input = ${AAA};\nconst method = 'replace';\nconst cleaned = (input as any)[method](/^(a|a?)+$/, '');\n`,
  'regexp-constructor': `const input = ${AAA};\nconst cleaned = input.replace(new RegExp('^(a+)+$'), '');\n`,
};

const run = (...args: string[]) => (env: CaseEnv): Command[] => [{ args: args.map((a) => (a === 'ROOT' ? env.root : a)) }];

function shape(name: string, title: string, c: Omit<FuzzCase, 'id' | 'family' | 'title'>): FuzzCase {
  return { id: `shape/${name}`, family: 'shape', title, ...c };
}

/** A line-break style applied to a whole file, with a suppression comment that must still be found. */
function lineBreakFile(br: string): string {
  const src = callSource("'hello'").replace('  return client', '  // tollgate-ignore unbounded-output: capped by the proxy\n  return client');
  return src.replace(/\n/g, br);
}

export function shapeCases(seed: number): FuzzCase[] {
  const r = rng(seed, 'shape');
  const cases: FuzzCase[] = [];
  for (const kind of Object.keys(NESTINGS)) {
    const depth = r.pick(DEPTHS);
    cases.push(shape(`nesting-${kind}-${depth}`, `${kind} nested ${depth} deep`, { files: nestingFile(kind, depth), commands: run('scan', 'ROOT', '--format', 'json') }));
  }
  for (const kind of Object.keys(DOUBLINGS)) {
    const n = r.int(30, 40);
    cases.push(shape(`doubling-${kind}-${n}`, `a constant doubled ${n} times (${kind})`, { files: doublingFile(kind, n), expectSites: ['src/double.ts'], commands: run('scan', 'ROOT', '--format', 'json') }));
  }
  for (const [name, code] of Object.entries(REDOS)) {
    cases.push(shape(`redos-${name}`, `catastrophic backtracking (${name}) by .replace on an evaluated string`, { files: { 'src/redos.ts': code + callSource('cleaned') }, expectSites: ['src/redos.ts'], commands: run('scan', 'ROOT', '--format', 'json') }));
  }
  for (const [name, br] of [['cr-only', '\r'], ['u2028', '\u2028'], ['u2029', '\u2029']] as const) {
    cases.push(shape(`line-breaks-${name}`, `a file whose line breaks are all ${name}`, { files: { 'src/app.ts': lineBreakFile(br) }, commands: (env) => ['text', 'json', 'github'].map((f) => ({ args: ['check', env.root, '--format', f] })) }));
  }
  const copies = r.int(18, 26);
  cases.push(
    shape(`bad-merge-${copies}`, `a method header whose parameter list never closes, ${copies} copies`, {
      files: { 'src/merged.ts': 'export class Service {\n' + '  handle(input: string,\n'.repeat(copies) + '}\n', 'src/ok.ts': callSource("'beside it'") },
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
  );
  const spreads = r.int(4, 12);
  cases.push(
    shape(`self-spread-${spreads}`, `a self-referencing spread of this.config, ${spreads} times, evaluated from .invoke`, {
      files: { 'src/agent.ts': selfSpreadAgent(spreads) },
      expectSites: ['src/agent.ts'],
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
  );
  cases.push(...configShapes(r.int(1, 1000)), ...scaleShapes());
  return cases;
}

/** The LangGraph-style constructor: each line spreads this.config into itself twice. */
function selfSpreadAgent(times: number): string {
  const line = '    this.config = { ...this.config, metadata: { ...this.config, ...fields.metadata } };\n';
  return (
    "import { ChatOpenAI } from '@langchain/openai';\n\nexport class Agent {\n  config: any = { tags: ['agent'] };\n  model = new ChatOpenAI({ model: 'gpt-4o-mini' });\n\n" +
    `  constructor(fields: any) {\n${line.repeat(times)}  }\n\n  async run(question: string) {\n    return this.model.invoke(question, this.config);\n  }\n}\n\n` +
    "export const answer = (q: string) => new Agent({ metadata: { team: 'search' } }).run(q);\n"
  );
}

const volumeSite = (annotation: string) => callSource("'hello'").replace('  return client', `  // tollgate: ${annotation}\n  return client`);

function configShapes(salt: number): FuzzCase[] {
  const sources = { 'src/app.ts': volumeSite('volume 5k/day') };
  const checkJsonAndMd = (env: CaseEnv): Command[] => ['json', 'markdown'].map((f) => ({ args: ['check', env.root, '--format', f, '--fail-on', 'never'] }));
  return [
    shape('config-50mb', 'a 50 MB tollgate.yml', {
      files: sources,
      setup: (env) => {
        const line = (i: number) => `    "src/gen${i}.ts#f#chat.completions.create#0": ${(i % 900) + 1}/day\n`;
        const fd = fs.openSync(path.join(env.root, 'tollgate.yml'), 'w');
        fs.writeSync(fd, `# salt ${salt}\nusage:\n  callSites:\n`);
        let chunk = '';
        for (let i = 0, size = 0; size < 50 * 1024 * 1024; i++) {
          const l = line(i);
          chunk += l;
          size += l.length;
          if (chunk.length > 1 << 20) (fs.writeSync(fd, chunk), (chunk = ''));
        }
        fs.writeSync(fd, chunk);
        fs.closeSync(fd);
      },
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
    shape('config-40k-keys', 'a tollgate.yml with 40,000 entries and a duplicate key', {
      files: { ...sources, 'tollgate.yml': 'usage:\n  callSites:\n' + Array.from({ length: 40000 }, (_, i) => `    "k${i}": 1/day\n`).join('') + '    "k0": 2/day\n' },
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
    shape('config-nan-fraction', 'estimate.outputFraction: .nan', {
      files: { ...sources, 'tollgate.yml': 'estimate:\n  outputFraction: .nan\n' },
      commands: checkJsonAndMd,
    }),
    shape('config-huge-volume', 'usage.default: 99999999999999999999999999m/day', {
      files: { 'src/app.ts': callSource("'hello'"), 'tollgate.yml': 'usage:\n  default: 99999999999999999999999999m/day\n' },
      commands: checkJsonAndMd,
    }),
    shape('config-huge-fraction', 'estimate.outputFraction: 1e30', {
      files: { ...sources, 'tollgate.yml': 'estimate:\n  outputFraction: 1e30\n' },
      commands: checkJsonAndMd,
    }),
    shape('annotation-huge-volume', '// tollgate: volume 99999999999999999999999m/hour', {
      files: { 'src/app.ts': volumeSite('volume 99999999999999999999999m/hour') },
      commands: checkJsonAndMd,
    }),
    shape('config-alias-bomb', 'a tollgate.yml whose aliases expand to billions of nodes', {
      files: { ...sources, 'tollgate.yml': 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9).fill('*' + String.fromCharCode(97 + i)).join(',')}]\n`).join('') + 'usage:\n  default: 1k/day\n' },
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
  ];
}

function scaleShapes(): FuzzCase[] {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`src/m${Math.floor(i / 100)}/f${i}.ts`, i % 50 === 0 ? callSource(`'file ${i}'`) : `export const v${i} = ${i};\n`]));
  return [
    shape('gitignore-100k-lines', 'a .gitignore of 100,000 lines over 1,000 files', {
      files: { ...many(1000), '.gitignore': Array.from({ length: 100000 }, (_, i) => (i % 3 === 0 ? `build${i}/` : i % 3 === 1 ? `*.gen${i}` : `docs/**/tmp${i}.md`)).join('\n') + '\n' },
      commands: run('scan', 'ROOT', '--format', 'json'),
    }),
    shape('codeowners-backtracking', 'CODEOWNERS patterns with catastrophic backtracking over long path names', {
      files: {
        [`src/${'a'.repeat(60)}.ts`]: callSource("'owned'"),
        [`src/${'a/'.repeat(40)}deep.ts`]: callSource("'deep'"),
        '.github/CODEOWNERS': ['*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c @fuzz/team', '**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/**/nomatch @fuzz/team', '*' + 'a*'.repeat(30) + 'b @fuzz/team'].join('\n') + '\n',
      },
      commands: (env) => [{ args: ['check', env.root, '--format', 'json', '--fail-on', 'never'] }],
    }),
    shape('jobs-100000', '--jobs 100000 and --jobs 99999999999999999999', {
      files: many(120),
      commands: (env) => [{ args: ['scan', env.root, '--format', 'json', '--jobs', '100000'] }, { args: ['scan', env.root, '--format', 'json', '--jobs', '99999999999999999999'] }],
    }),
  ];
}
