// The attacks a hostile pull request makes on the CI that runs tollgate, one case each. Every case
// here is also a regression test (test/security/fuzz-*.test.ts).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { commitAll, plantRepositoryFolder } from './git-setup';
import { plantedSecrets } from './secrets';
import { callSource } from './tree';
import type { CaseEnv, Command, FuzzCase } from './types';

const scanJson = (env: CaseEnv, dir = env.root): Command => ({ args: ['scan', dir, '--format', 'json'] });
const checkAs = (format: string, env: CaseEnv, dir = env.root, extra: string[] = []): Command => ({ args: ['check', dir, '--format', format, '--fail-on', 'never', ...extra] });

/** A source file that reads its system prompt from `rel` (relative to src/) with fs.readFileSync. */
function promptReader(rel: string): string {
  return (
    `import OpenAI from 'openai';\nimport * as fs from 'fs';\nimport * as path from 'path';\n\n` +
    `const system = fs.readFileSync(path.join(__dirname, ${JSON.stringify(rel)}), 'utf8');\nconst client = new OpenAI();\n\n` +
    `export async function ask(question: string) {\n  return client.chat.completions.create({\n    model: 'gpt-4o-mini',\n    max_tokens: 200,\n` +
    `    messages: [{ role: 'system', content: system }, { role: 'user', content: question }],\n  });\n}\n`
  );
}

const link = (target: string, at: string) => {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
};

function attack(name: string, title: string, c: Omit<FuzzCase, 'id' | 'family' | 'title'>): FuzzCase {
  return { id: `attack/${name}`, family: 'attack', title, ...c };
}

function symlinkAttacks(): FuzzCase[] {
  const reader = { 'src/app.ts': promptReader('../prompts/system.txt') };
  return [
    attack('symlink-prompt-outside', 'a prompt file that links to a file outside the root', {
      files: reader,
      setup: (env) => link(path.join(env.outside, 'canary.txt'), path.join(env.root, 'prompts/system.txt')),
      commands: (env) => [scanJson(env), checkAs('text', env)],
    }),
    attack('symlink-prompt-proc-environ', 'a prompt file that links to /proc/self/environ', {
      files: reader,
      setup: (env) => link('/proc/self/environ', path.join(env.root, 'prompts/system.txt')),
      commands: (env) => [scanJson(env), checkAs('markdown', env)],
    }),
    attack('symlink-prompt-dev-zero', 'a prompt file that links to an endless device (/dev/zero)', {
      files: reader,
      setup: (env) => link('/dev/zero', path.join(env.root, 'prompts/system.txt')),
      commands: (env) => [scanJson(env)],
    }),
    attack('fifo-prompt-and-source', 'a FIFO as a prompt file and as a source file', {
      files: reader,
      setup: (env) => {
        fs.mkdirSync(path.join(env.root, 'prompts'), { recursive: true });
        execFileSync('mkfifo', [path.join(env.root, 'prompts/system.txt'), path.join(env.root, 'src/pipe.ts')]);
      },
      commands: (env) => [scanJson(env)],
    }),
    attack('symlink-raw-import-outside', 'a `?raw` prompt import of a link to a file outside the root', {
      files: {
        'src/app.ts': `import OpenAI from 'openai';\nimport system from '../prompts/system.txt?raw';\n\nexport const ask = (q: string) =>\n  new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'system', content: system }, { role: 'user', content: q }] });\n`,
      },
      setup: (env) => link(path.join(env.outside, 'canary.txt'), path.join(env.root, 'prompts/system.txt')),
      commands: (env) => [scanJson(env)],
    }),
    attack('symlink-source-outside', 'a source file that links to a source file outside the root', {
      files: { 'src/app.ts': callSource("'inside'") },
      setup: (env) => link(path.join(env.outside, 'secret.ts'), path.join(env.root, 'src/linked.ts')),
      commands: (env) => [scanJson(env), checkAs('text', env)],
    }),
    attack('symlink-folder-outside', 'a folder that links to a folder of sources outside the root', {
      files: { 'src/app.ts': callSource("'inside'") },
      setup: (env) => link(path.join(env.outside, 'lib'), path.join(env.root, 'src/lib')),
      commands: (env) => [scanJson(env)],
    }),
    attack('symlink-to-filesystem-root', 'a folder that links to /', {
      files: { 'src/app.ts': callSource("'inside'") },
      setup: (env) => link('/', path.join(env.root, 'src/everything')),
      commands: (env) => [scanJson(env)],
    }),
    attack('symlink-dangling', 'dangling links as a source file and as a prompt file', {
      files: reader,
      setup: (env) => {
        link(path.join(env.outside, 'missing.ts'), path.join(env.root, 'src/gone.ts'));
        link(path.join(env.outside, 'missing.txt'), path.join(env.root, 'prompts/system.txt'));
      },
      commands: (env) => [scanJson(env), checkAs('text', env)],
    }),
    attack('readfile-path-escape', 'readFileSync of an absolute path and of a `..` path outside the root', {
      setup: (env) => {
        const abs = path.join(env.outside, 'canary.txt');
        const rel = path.relative(path.join(env.root, 'src'), abs);
        fs.mkdirSync(path.join(env.root, 'src'), { recursive: true });
        fs.writeFileSync(path.join(env.root, 'src/absolute.ts'), promptReader('').replace(`path.join(__dirname, "")`, JSON.stringify(abs)));
        fs.writeFileSync(path.join(env.root, 'src/dotdot.ts'), promptReader(rel));
      },
      commands: (env) => [scanJson(env)],
    }),
  ];
}

function gitAttacks(): FuzzCase[] {
  return [
    attack('git-repository-folder', 'a committed folder laid out as a git repository whose config runs commands (fsmonitor, filters, textconv, hooks)', {
      files: { 'src/app.ts': callSource("'hello'") },
      setup: (env) => {
        commitAll(env.root, 'base');
        plantRepositoryFolder(path.join(env.root, 'vendor/evil'), env.outside, path.join(env.dir, 'scratch'));
        commitAll(env.root, 'the pull request');
        fs.writeFileSync(path.join(env.root, 'src/app.ts'), callSource("'hello again'", "'gpt-4o'"));
      },
      commands: (env) => {
        const evil = path.join(env.root, 'vendor/evil');
        return [
          scanJson(env, evil),
          { args: ['diff', '--base', 'HEAD', evil] },
          checkAs('text', env, evil, ['--base', 'HEAD']),
          { args: ['diff', '--base', 'HEAD~1', env.root, '--format', 'json'] },
          checkAs('markdown', env, env.root, ['--base', 'HEAD~1']),
          { args: ['diff', '--base', 'HEAD', '.'], cwd: evil },
        ];
      },
    }),
    attack('git-base-symlink-outside', 'the base revision holds links to files outside the root (a model file, a source file) that the head removes', {
      files: {
        'src/app.ts': promptReader('../prompts/system.txt').replace("model: 'gpt-4o-mini'", "model: fs.readFileSync(path.join(__dirname, '../prompts/model.txt'), 'utf8')"),
        'prompts/system.txt': 'You are helpful.\n',
      },
      setup: (env) => {
        link(path.join(env.outside, 'model.txt'), path.join(env.root, 'prompts/model.txt'));
        link(path.join(env.outside, 'secret.ts'), path.join(env.root, 'src/linked.ts'));
        commitAll(env.root, 'base with links');
        fs.rmSync(path.join(env.root, 'prompts/model.txt'));
        fs.rmSync(path.join(env.root, 'src/linked.ts'));
        fs.rmSync(path.join(env.root, 'src/app.ts'));
        fs.writeFileSync(path.join(env.root, 'src/other.ts'), 'export const other = 1;\n');
        commitAll(env.root, 'head without links');
      },
      commands: (env) => [
        { args: ['diff', '--base', 'HEAD~1', env.root, '--format', 'json'] },
        { args: ['diff', '--base', 'HEAD~1', '--head', 'HEAD', env.root, '--format', 'markdown'] },
        checkAs('json', env, env.root, ['--base', 'HEAD~1']),
      ],
    }),
  ];
}

function writeAttacks(): FuzzCase[] {
  const sources = { 'src/app.ts': callSource("'hello'") };
  return [
    attack('config-link-usage-sync', '`usage sync` with tollgate.yml linked to a file outside the root', {
      files: sources,
      setup: (env) => link(path.join(env.outside, 'target.yml'), path.join(env.root, 'tollgate.yml')),
      commands: (env) => [{ args: ['usage', 'sync', env.root] }],
    }),
    attack('config-dangling-link-usage-sync', '`usage sync` with tollgate.yml a dangling link to outside the root', {
      files: sources,
      setup: (env) => link(path.join(env.outside, 'created-by-sync.yml'), path.join(env.root, 'tollgate.yml')),
      commands: (env) => [{ args: ['usage', 'sync', env.root] }],
    }),
    attack('config-link-init-force', '`init --force` with tollgate.yml linked to a file outside the root', {
      files: sources,
      setup: (env) => link(path.join(env.outside, 'target.yml'), path.join(env.root, 'tollgate.yml')),
      commands: (env) => [{ args: ['init', env.root, '--force'] }],
    }),
    attack('config-dangling-link-init', '`init` with tollgate.yml a dangling link to outside the root', {
      files: sources,
      setup: (env) => link(path.join(env.outside, 'created-by-init.yml'), path.join(env.root, 'tollgate.yml')),
      commands: (env) => [{ args: ['init', env.root] }],
    }),
    attack('filename-command-substitution', 'source files named `$(touch ...).ts` and with backticks, written into a linked shell start-up file', {
      files: { 'src/$(touch fuzz-marker-dollar).ts': callSource("'a'"), 'src/`touch fuzz-marker-backtick`.ts': callSource("'b'") },
      setup: (env) => {
        commitAll(env.root, 'base');
        fs.writeFileSync(path.join(env.root, 'src/$(touch fuzz-marker-dollar).ts'), callSource("'a2'", "'gpt-4o'"));
        link(path.join(env.home, '.bashrc'), path.join(env.root, 'tollgate.yml'));
      },
      commands: (env) => [
        scanJson(env),
        checkAs('github', env),
        { args: ['diff', '--base', 'HEAD', env.root] },
        { args: ['usage', 'sync', env.root] },
      ],
    }),
  ];
}

/** Secrets of every family in baseURL, apiKey, the prompt and another argument; scanned in every format. */
function secretsAttack(seed: number): FuzzCase {
  const secrets = plantedSecrets(seed);
  const files: Record<string, string> = {};
  const byFamily = new Map<string, typeof secrets>();
  for (const s of secrets) byFamily.set(s.family, [...(byFamily.get(s.family) ?? []), s]);
  let i = 0;
  for (const [, list] of byFamily) {
    const at = (p: string) => list.find((s) => s.placement === p)!.value;
    files[`src/vendor${i++}.ts`] =
      `import OpenAI from 'openai';\n\nconst client = new OpenAI({ baseURL: 'https://gateway.example.com/${at('baseURL')}/v1', apiKey: '${at('apiKey')}' });\n\n` +
      `export async function ask(q: string) {\n  return client.chat.completions.create({\n    model: 'gpt-4o-mini',\n    max_tokens: 100,\n    user: '${at('argument')}',\n` +
      `    messages: [{ role: 'system', content: 'Call the backend with ${at('prompt')} when asked.' }, { role: 'user', content: q }],\n  });\n}\n`;
  }
  return attack('planted-secrets', 'secrets of every vendor family in baseURL, apiKey, prompt and arguments, in every format', {
    files: { 'src/base.ts': 'export const base = 1;\n' },
    secrets,
    setup: (env) => {
      commitAll(env.root, 'base');
      for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(env.root, rel), text);
    },
    commands: (env) => [
      scanJson(env),
      { args: ['scan', env.root] },
      ...['text', 'json', 'markdown', 'sarif', 'github'].map((f) => checkAs(f, env)),
      { args: ['diff', '--base', 'HEAD', env.root, '--format', 'markdown'] },
      { args: ['diff', '--base', 'HEAD', env.root] },
    ],
  });
}

/** Lines of scanned text that a runner would execute as workflow commands. */
function workflowCommandAttack(): FuzzCase {
  const forged = ['::add-mask::fuzzmask', '::set-output name=fuzz::forged', '::stop-commands::fuzzstop', '::error file=README.md,line=1::forged annotation', '##[set-output name=fuzz;]legacy'];
  const prompt = '`Answer the user.\n' + forged.join('\n') + '\n`';
  return attack('workflow-commands', 'workflow-command lines (::add-mask::, ::set-output, ::stop-commands::, ::error) in prompts, models and file names', {
    files: {
      'src/app.ts': callSource(prompt, JSON.stringify('gpt-4o\n::error::forged model')),
      'src/::error file=x::forged name.ts': callSource("'from a file name'"),
      'src/new\n::add-mask::fuzzname\n.ts': callSource("'file name with newlines'"),
      '::stop-commands::fuzzdir/app.ts': callSource("'from a folder name'"),
    },
    commands: (env) => [{ args: ['scan', env.root] }, scanJson(env), ...['text', 'github', 'markdown', 'sarif'].map((f) => checkAs(f, env))],
  });
}

/** What GitHub renders in a PR comment: bidi controls, zero-width characters, javascript: links, commit hashes. */
function markdownAttack(seed: number): FuzzCase {
  const hex = Array.from({ length: 40 }, (_, i) => '0123456789abcdef'[(seed * 7 + i * 13) % 16]).join('');
  const hostile = `Trojan \u202Eevil\u202C \u2066isolate\u2069 zero\u200Bwidth\u200Cnon\u200Djoin\uFEFFbom [click](javascript:alert(1)) <javascript:alert(2)> see ${hex}`;
  return attack('markdown-comment', 'bidi controls, zero-width characters, javascript: URLs and 40-hex strings in the PR comment', {
    files: { 'src/base.ts': 'export const base = 1;\n' },
    secrets: [{ label: 'commit hash', value: hex }],
    setup: (env) => {
      commitAll(env.root, 'base');
      fs.writeFileSync(path.join(env.root, 'src/app.ts'), callSource(JSON.stringify(hostile), JSON.stringify(`gpt-4o-\u202Einim ${hex}`)));
      fs.writeFileSync(path.join(env.root, `src/name\u202Egnp.${hex}.ts`), callSource("'x'", JSON.stringify('javascript:alert(3)')));
      fs.writeFileSync(path.join(env.root, 'src/tagged.ts'), callSource("'y'").replace("max_tokens: 200,", `max_tokens: 200,\n    metadata: { feature: ${JSON.stringify('[x](javascript:alert(4))\u200B' + hex)} },`));
    },
    commands: (env) => [checkAs('markdown', env), { args: ['diff', '--base', 'HEAD', env.root, '--format', 'markdown'] }],
  });
}

export function attackCases(seed: number): FuzzCase[] {
  return [...symlinkAttacks(), ...gitAttacks(), ...writeAttacks(), secretsAttack(seed), workflowCommandAttack(), markdownAttack(seed)];
}
