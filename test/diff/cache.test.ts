import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { diffRevisions, type DiffOptions } from '../../shared/diff';
import { scan } from '../../shared/scan';
import { writeFiles } from '../helpers';

// The base is analysed again only where a change can reach; the head's analysis serves the rest.
// Every case compares the cached diff with a full analysis of the base: they must be identical.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}


function commit(dir: string, files: Record<string, string | null>, tag: string) {
  writeFiles(dir, files);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', tag);
  git(dir, 'tag', tag);
}

// An import chain: settings ← client ← ask (a wrapper) ← routes/faq (its caller), and two files
// with their own clients that import nothing of it.
const settings = (model: string) => `export const DEFAULT_MODEL = '${model}';\n`;
const client = `import OpenAI from 'openai';\nexport { DEFAULT_MODEL } from './settings';\nexport const client = new OpenAI();\n`;
const ask = `import { client, DEFAULT_MODEL } from './client';

export async function ask(question: string, model = DEFAULT_MODEL) {
  return client.chat.completions.create({ model, max_tokens: 200, messages: [{ role: 'user', content: question }] });
}
`;
const faq = (model: string) => `import { ask } from '../ask';

export const answer = (q: string) => ask(\`FAQ: \${q}\`, '${model}');
export const plain = (q: string) => ask(q);
`;
const standalone = (fn: string, model: string) => `import OpenAI from 'openai';

const openai = new OpenAI();

// tollgate: volume 500/day
export async function ${fn}(text: string) {
  return openai.embeddings.create({ model: '${model}', input: text });
}
`;
const report = (maxTokens: number) => `import OpenAI from 'openai';

export async function weekly(text: string) {
  return new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: ${maxTokens}, messages: [{ role: 'user', content: \`Report: \${text}\` }] });
}
`;

function makeRepo(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-diff-cache-')));
  made.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  commit(
    dir,
    {
      'tollgate.yml': 'usage:\n  default: 1000/day\n',
      'src/settings.ts': settings('gpt-4o-mini'),
      'src/client.ts': client,
      'src/ask.ts': ask,
      'src/routes/faq.ts': faq('gpt-4.1-mini'),
      'src/other/search.ts': standalone('embed', 'text-embedding-3-small'),
      'src/other/report.ts': report(300),
      'docs/notes.md': 'notes\n',
    },
    'c1',
  );
  // The shared settings change: everything importing it, directly or not, is analysed again.
  commit(dir, { 'src/settings.ts': settings('gpt-4o') }, 'c2');
  // Only the caller changes: the wrapper's file is analysed again although it is untouched.
  commit(dir, { 'src/routes/faq.ts': faq('gpt-4.1') }, 'c3');
  // An unrelated file changes, and a file is renamed: both sides of the rename count as changed.
  commit(dir, { 'src/other/report.ts': report(800) }, 'c4');
  git(dir, 'mv', 'src/other/search.ts', 'src/other/find.ts');
  commit(dir, {}, 'c5');
  return dir;
}

const repo = makeRepo();

function both(options: Omit<DiffOptions, 'dir'> & { dir?: string }) {
  const cached = diffRevisions({ dir: repo, ...options });
  const full = diffRevisions({ dir: repo, ...options, cache: false });
  const { baseScan, ...diff } = cached.result.diff;
  const { baseScan: fullScan, ...fullDiff } = full.result.diff;
  // Byte-identical: the diff, the head's result and the base's call sites and totals.
  assert.equal(JSON.stringify(diff), JSON.stringify(fullDiff));
  assert.equal(JSON.stringify({ ...cached.result, diff: null }), JSON.stringify({ ...full.result, diff: null }));
  assert.equal(JSON.stringify(cached.base.callSites), JSON.stringify(full.base.callSites));
  assert.equal(JSON.stringify(cached.base.totals), JSON.stringify(full.base.totals));
  assert.equal(fullScan.mode, 'scanned');
  assert.equal(fullScan.reusedCallSites, 0);
  return { baseScan, diff: cached.result.diff, base: cached.base };
}

test('diff cache: a changed shared module re-analyses its importers, not the files beside it', () => {
  const { baseScan, diff } = both({ base: 'c1', head: 'c2' });
  // ask.ts imports client.ts, which re-exports settings.ts: analysed again. search.ts and
  // report.ts import nothing that changed and call nothing that did: reused. (faq.ts holds no
  // call site of its own: it is read for ask()'s callers.)
  assert.deepEqual(baseScan, { mode: 'partial', analysedFiles: 1, reusedFiles: 2, reusedCallSites: 2 });
  assert.deepEqual(
    diff.callSites.map((c) => [c.status, c.file, c.reasons]),
    [
      ['changed', 'src/ask.ts', ['model']],
      ['unchanged', 'src/other/report.ts', []],
      ['unchanged', 'src/other/search.ts', []],
    ],
  );
});

test('diff cache: a changed caller re-analyses the wrapper it calls', () => {
  const { baseScan, diff } = both({ base: 'c2', head: 'c3' });
  assert.deepEqual(baseScan, { mode: 'partial', analysedFiles: 1, reusedFiles: 2, reusedCallSites: 2 });
  assert.deepEqual(diff.callSites.find((c) => c.file === 'src/ask.ts')!.details, ['model gpt-4.1-mini | gpt-4o → gpt-4.1 | gpt-4o']);
});

test('diff cache: an unrelated change and a rename leave the rest reused', () => {
  assert.deepEqual(both({ base: 'c3', head: 'c4' }).baseScan, { mode: 'partial', analysedFiles: 1, reusedFiles: 2, reusedCallSites: 2 });
  // find.ts is new on the head's side and search.ts gone: the base's search.ts is analysed again.
  const renamed = both({ base: 'c4', head: 'c5' });
  assert.deepEqual(renamed.baseScan, { mode: 'partial', analysedFiles: 1, reusedFiles: 2, reusedCallSites: 2 });
  assert.deepEqual(renamed.diff.callSites.filter((c) => c.status !== 'unchanged').map((c) => [c.status, c.file, c.reasons]), [['changed', 'src/other/find.ts', ['moved']]]);
  // Across every commit at once, and against the same commit: nothing to analyse.
  both({ base: 'c1', head: 'c5' });
  assert.deepEqual(both({ base: 'c5', head: 'c5' }).baseScan, { mode: 'reused', analysedFiles: 0, reusedFiles: 3, reusedCallSites: 3 });
});

test('diff cache: the working tree counts its edits and untracked files', () => {
  git(repo, 'checkout', '-q', 'c5');
  try {
    // An untracked file that calls the wrapper is a new caller: ask.ts is analysed again.
    writeFiles(repo, { 'src/routes/extra.ts': `import { ask } from '../ask';\nexport const more = () => ask('x', 'o3-mini');\n` });
    const withCaller = both({ base: 'c5' });
    assert.deepEqual(withCaller.baseScan, { mode: 'partial', analysedFiles: 1, reusedFiles: 2, reusedCallSites: 2 });
    assert.match(withCaller.diff.callSites.find((c) => c.file === 'src/ask.ts')!.details.join(), /o3-mini/);
    // Any other file (here a Markdown file, which code could read as a prompt) is not in the
    // import graph: the whole base is analysed again.
    writeFiles(repo, { 'docs/notes.md': 'changed\n' });
    assert.deepEqual(both({ base: 'c5' }).baseScan, { mode: 'scanned', analysedFiles: 3, reusedFiles: 0, reusedCallSites: 0 });
  } finally {
    fs.rmSync(path.join(repo, 'src/routes/extra.ts'));
    git(repo, 'checkout', '-q', '--', '.');
    git(repo, 'checkout', '-q', 'main');
  }
});

test('diff cache: a prompt file read by path forces a full analysis, with the same result', () => {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-diff-prompt-')));
  made.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  const code = `import OpenAI from 'openai';\nimport { readFileSync } from 'fs';\nconst system = readFileSync('prompts/system.txt', 'utf8');\nexport const f = (q: string) => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 50, messages: [{ role: 'system', content: system }, { role: 'user', content: q }] });\n`;
  commit(dir, { 'a.ts': code, 'prompts/system.txt': 'Be brief.' }, 'p1');
  commit(dir, { 'prompts/system.txt': 'Be brief. '.repeat(40) }, 'p2');
  const cached = diffRevisions({ dir, base: 'p1', head: 'p2' }).result.diff;
  const full = diffRevisions({ dir, base: 'p1', head: 'p2', cache: false }).result.diff;
  assert.equal(cached.baseScan.mode, 'scanned');
  assert.deepEqual(cached, full);
  assert.deepEqual(cached.callSites.map((c) => c.reasons), [['prompt']]);
});

test('scan `only`: walks just those files, still reading the rest for callers and imports', () => {
  const full = scan(repo);
  const part = scan(repo, { only: [path.join(repo, 'src/ask.ts')] });
  assert.deepEqual(part.callSites, full.callSites.filter((s) => s.file === 'src/ask.ts'));
  assert.deepEqual(part.callSites[0].callers.map((c) => c.file), ['src/routes/faq.ts', 'src/routes/faq.ts']);
  assert.equal(part.stats.filesCandidate, 1);
  assert.equal(scan(repo, { only: [] }).callSites.length, 0);
});
