import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../shared/scan';
import { discover } from '../../shared/project/discover';

/** Builds a throwaway tree: bad input is made at test time so the repository holds no 10 MB files. */
function tree(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-'));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

const CALL = `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const f = () => c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`;

test('bad input: each bad file is a warning naming it, and the good file is still scanned', () => {
  const dir = tree({
    'good.ts': CALL,
    'broken.ts': `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const f = ( => c.chat.completions.create({ model: 'gpt-4o' });\n`,
    'binary.js': Buffer.from([0x69, 0x6d, 0x70, 0x00, 0x01, 0x02, 0x6f, 0x70, 0x65, 0x6e, 0x61, 0x69]),
    'latin1.ts': Buffer.concat([Buffer.from("import OpenAI from 'openai'; // caf"), Buffer.from([0xe9]), Buffer.from('\n')]),
    'vendor/bundle.js': `import OpenAI from 'openai';var a=1;` + 'x=1;'.repeat(3 * 1024 * 1024),
    'minified.js': `import OpenAI from 'openai';` + 'var a=function(){return 1};'.repeat(2000),
  });
  fs.symlinkSync(dir, path.join(dir, 'loop'));
  fs.symlinkSync(path.join(dir, 'does-not-exist.ts'), path.join(dir, 'dangling.ts'));
  const result = scan(dir);
  assert.deepEqual(
    result.callSites.map((s) => `${s.file}:${s.line}:${s.column} ${s.model.status === 'exact' ? s.model.value : '?'}`),
    ['good.ts:3:24 gpt-4o'],
  );
  assert.deepEqual(result.warnings, [
    { file: 'binary.js', message: 'skipped: binary file' },
    { file: 'broken.ts', line: 3, message: "skipped: does not parse: '(' expected." },
    { file: 'dangling.ts', message: 'not read: a broken symlink (its target does not exist)' },
    { file: 'latin1.ts', message: 'skipped: not valid UTF-8 text' },
    { file: 'loop', message: 'symlink loop or repeated folder: skipped' },
    { file: 'minified.js', message: 'skipped: minified code (very long lines)' },
    { file: 'vendor/bundle.js', message: 'skipped: 12.0 MB is larger than the 2 MB limit for source files (generated or bundled code?)' },
  ]);
});

test('bad input: a path that does not exist is a warning, not a crash', () => {
  const result = scan(path.join(os.tmpdir(), 'tollgate-no-such-dir-' + process.pid));
  assert.equal(result.callSites.length, 0);
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0].message, /^path does not exist$/);
});

test('discovery: generated, vendored and gitignored code is skipped; include and exclude globs override', () => {
  const dir = tree({
    'src/a.ts': CALL,
    'src/b.test.ts': CALL,
    'src/types.d.ts': 'export type X = 1;',
    'node_modules/openai/index.js': CALL,
    'dist/a.js': CALL,
    'build/a.js': CALL,
    '.next/server/a.js': CALL,
    'coverage/a.js': CALL,
    'public/app.min.js': CALL,
    'generated/client.ts': CALL,
    'notes.md': '# not source',
    '.gitignore': 'generated/\n',
  });
  const rels = (opts = {}) => discover(dir, opts).files.map((f) => f.rel);
  assert.deepEqual(rels(), ['src/a.ts', 'src/b.test.ts']);
  assert.deepEqual(rels({ include: ['dist/**'] }), ['dist/a.js']);
  assert.deepEqual(rels({ include: ['src/**', 'generated/**'] }), ['generated/client.ts', 'src/a.ts', 'src/b.test.ts']);
  assert.deepEqual(rels({ exclude: ['**/*.test.ts'] }), ['src/a.ts']);
  assert.deepEqual(rels({ gitignore: false }), ['generated/client.ts', 'src/a.ts', 'src/b.test.ts']);
});

test('discovery: a single file can be scanned', () => {
  const dir = tree({ 'one.ts': CALL, 'two.ts': CALL });
  const result = scan(path.join(dir, 'one.ts'));
  assert.deepEqual(result.callSites.map((s) => s.file), ['one.ts']);
});

test('bad input: one very long line (an inlined SVG) does not make a component minified', () => {
  const svg = `export const icon = "${'M0 0L1 1'.repeat(15000)}";\n`;
  const dir = tree({ 'Icon.tsx': `${CALL}${svg}${'export const x = 1;\n'.repeat(50)}` });
  const result = scan(dir);
  assert.deepEqual(result.warnings, []);
  assert.equal(result.callSites.length, 1);
});
