import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadCodeowners, matchRule, ownersOf, parseCodeowners } from '../../shared/ownership/codeowners';
import { compilePattern } from '../../shared/ownership/segment-glob';
import { ownerOf } from '../../shared/ownership';
import { scan } from '../../shared/scan';
import { estimateScan } from '../../shared/estimate';
import { loadConfig } from '../../shared/config/load';
import { renderBill } from '../../shared/reporters/bill';
import type { CallSite } from '../../shared/types';

/** Asserts exactly which of the paths the pattern matches. */
function matches(pattern: string, yes: string[], no: string[]) {
  const re = compilePattern(pattern);
  for (const p of yes) assert.ok(re.test(p), `${pattern} should match ${p}`);
  for (const p of no) assert.ok(!re.test(p), `${pattern} should not match ${p}`);
}

test('codeowners patterns: GitHub documentation examples', () => {
  // `*.js` owns .js files everywhere, not a file that merely contains ".js".
  matches('*.js', ['a.js', 'src/a.js', 'src/deep/er/a.js'], ['a.jsx', 'a.ts', 'src/a.json']);
  // `docs/*` is one level only; `docs/**` is every level; neither owns a nested `x/docs/`.
  matches('docs/*', ['docs/getting-started.md'], ['docs/build-app/troubleshooting.md', 'x/docs/a.md', 'docs']);
  matches('docs/**', ['docs/a.md', 'docs/build-app/troubleshooting.md'], ['docs', 'x/docs/a.md']);
  // A leading slash anchors to the root; a trailing slash means "everything inside this directory".
  matches('/build/logs/', ['build/logs/a.log', 'build/logs/2024/b.log'], ['build/logs', 'x/build/logs/a.log', 'build/logsx/a.log']);
  // A directory pattern with no other slash matches that directory at any depth.
  matches('apps/', ['apps/a.ts', 'apps/web/a.ts', 'src/apps/a.ts', 'a/b/apps/c/d.ts'], ['apps', 'myapps/a.ts', 'src/apps']);
  matches('/docs/', ['docs/a.md', 'docs/b/c.md'], ['src/docs/a.md']);
  matches('**/logs', ['logs/a', 'build/logs/a', 'deeply/nested/logs/x/y'], ['logsx/a', 'build/catalogs/a']);
  // A file or directory name with no slash matches at any depth and owns what is below it.
  matches('/apps/github', ['apps/github', 'apps/github/a.ts'], ['apps/githubx', 'x/apps/github/a.ts']);
});

test('codeowners patterns: gitignore corner cases', () => {
  matches('*', ['a', 'a/b', 'a/b/c.ts'], []);
  matches('/*', ['a.ts', 'README.md'], ['src/a.ts']);
  matches('f*', ['foo', 'foo/bar', 'x/foo/bar'], ['xfoo', 'bar/baz']);
  matches('/f*', ['foo', 'foo/bar'], ['x/foo']);
  matches('f*/', ['foo/bar', 'x/foo/bar'], ['foo', 'x/foo']);
  matches('foo/bar', ['foo/bar', 'foo/bar/baz'], ['x/foo/bar', 'foo/bart']);
  matches('foo/*/baz', ['foo/a/baz', 'foo/a/baz/q'], ['foo/baz', 'foo/a/b/baz']);
  matches('foo/**/bar', ['foo/bar', 'foo/a/bar', 'foo/a/b/bar/c'], ['x/foo/bar', 'foo/barx']);
  matches('foo/**/bar/b*', ['foo/bar/baz', 'foo/q/bar/baz'], ['foo/bar', 'foo/bar/qux']);
  matches('f?o', ['foo', 'x/fao'], ['fo', 'fooo', 'f/o']);
  matches('f\\*o', ['f*o'], ['foo']);
  matches('a.b', ['a.b'], ['axb']);
  // Case-sensitive, like GitHub's file system.
  matches('/Docs/', ['Docs/a.md'], ['docs/a.md']);
});

test('codeowners parse: owners, comments, spaces, clearing, last match wins', () => {
  const co = parseCodeowners(
    [
      '# comment',
      '',
      '*        @acme/platform @lead',
      '*.js     @js-owner # an inline comment',
      '   ',
      '/apps/   @acme/apps',
      '/apps/github',
      'docs/*   docs@example.com',
      'my\\ dir/ @acme/spaces',
      '\t# indented comment',
    ].join('\n'),
    '.github/CODEOWNERS',
  );
  assert.deepEqual(co.warnings, []);
  assert.deepEqual(
    co.rules.map((r) => [r.line, r.pattern, r.owners]),
    [
      [3, '*', ['@acme/platform', '@lead']],
      [4, '*.js', ['@js-owner']],
      [6, '/apps/', ['@acme/apps']],
      [7, '/apps/github', []],
      [8, 'docs/*', ['docs@example.com']],
      [9, 'my\\ dir/', ['@acme/spaces']],
    ],
  );
  assert.deepEqual(ownersOf(co, 'src/index.ts'), ['@acme/platform', '@lead']);
  assert.deepEqual(ownersOf(co, 'src/index.js'), ['@js-owner']);
  // `/apps/` comes after `*.js`: the later pattern wins even for a .js file.
  assert.deepEqual(ownersOf(co, 'apps/web/index.js'), ['@acme/apps']);
  // A pattern without owners clears ownership of what it matches.
  assert.deepEqual(ownersOf(co, 'apps/github/hook.ts'), []);
  assert.equal(matchRule(co, 'apps/github/hook.ts')?.line, 7);
  assert.deepEqual(ownersOf(co, 'docs/guide.md'), ['docs@example.com']);
  assert.deepEqual(ownersOf(co, 'docs/deep/guide.md'), ['@acme/platform', '@lead']);
  assert.deepEqual(ownersOf(co, 'my dir/a.ts'), ['@acme/spaces']);
  assert.deepEqual(ownersOf(co, './src/index.ts'), ['@acme/platform', '@lead']);
  assert.equal(matchRule(parseCodeowners('src/ @a\n'), 'lib/a.ts'), null);
});

test('codeowners parse: bad lines are warnings with file and line, and are skipped', () => {
  const co = parseCodeowners(
    [
      '* @acme/platform',
      '\\#notes.md @acme/docs',
      '!vendor/ @acme/none',
      'src/ acme-team',
      'lib/ @acme/lib @bad!name',
      '/ @acme/root',
      'v[12]/ @acme/versions',
      'tools/ @acme/tools',
    ].join('\r\n'),
    'docs/CODEOWNERS',
  );
  assert.deepEqual(co.warnings, [
    { file: 'docs/CODEOWNERS', line: 2, message: 'CODEOWNERS: "\\#notes.md": GitHub does not support escaping a leading "#"; line skipped' },
    { file: 'docs/CODEOWNERS', line: 3, message: 'CODEOWNERS: "!vendor/": GitHub does not support negated patterns; line skipped' },
    { file: 'docs/CODEOWNERS', line: 4, message: 'CODEOWNERS: "acme-team" is not an owner (expected @user, @org/team or an email); line skipped' },
    { file: 'docs/CODEOWNERS', line: 5, message: 'CODEOWNERS: "@bad!name" is not an owner (expected @user, @org/team or an email); line skipped' },
    { file: 'docs/CODEOWNERS', line: 6, message: 'CODEOWNERS: "/" is not a file pattern; line skipped' },
    { file: 'docs/CODEOWNERS', line: 7, message: 'CODEOWNERS: "v[12]/": GitHub does not support [ ] character ranges; brackets match literally' },
  ]);
  assert.deepEqual(co.rules.map((r) => r.line), [1, 7, 8]);
  assert.deepEqual(ownersOf(co, 'src/a.ts'), ['@acme/platform']);
  assert.deepEqual(ownersOf(co, 'v[12]/a.ts'), ['@acme/versions']);
  assert.deepEqual(ownersOf(co, 'v1/a.ts'), ['@acme/platform']);
  assert.deepEqual(ownersOf(co, 'tools/a.ts'), ['@acme/tools']);
});

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-owners-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

test('codeowners location: .github/ first, then the root, then docs/; the others are reported as ignored', () => {
  const all = tree({ '.github/CODEOWNERS': '* @from-github\n', CODEOWNERS: '* @from-root\n', 'docs/CODEOWNERS': '* @from-docs\n' });
  try {
    const co = loadCodeowners(all)!;
    assert.equal(co.file, '.github/CODEOWNERS');
    assert.deepEqual(ownersOf(co, 'a.ts'), ['@from-github']);
    assert.deepEqual(co.warnings, [
      { file: 'CODEOWNERS', message: 'CODEOWNERS: ignored, .github/CODEOWNERS takes precedence (GitHub uses the first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS)' },
      { file: 'docs/CODEOWNERS', message: 'CODEOWNERS: ignored, .github/CODEOWNERS takes precedence (GitHub uses the first of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS)' },
    ]);
    fs.rmSync(path.join(all, '.github'), { recursive: true });
    assert.deepEqual(ownersOf(loadCodeowners(all)!, 'a.ts'), ['@from-root']);
    fs.rmSync(path.join(all, 'CODEOWNERS'));
    const docs = loadCodeowners(all)!;
    assert.equal(docs.file, 'docs/CODEOWNERS');
    assert.deepEqual(docs.warnings, []);
    fs.rmSync(path.join(all, 'docs', 'CODEOWNERS'));
    assert.equal(loadCodeowners(all), null);
    // A directory named CODEOWNERS is not the file.
    fs.mkdirSync(path.join(all, 'CODEOWNERS'));
    assert.equal(loadCodeowners(all), null);
  } finally {
    fs.rmSync(all, { recursive: true, force: true });
  }
});

test('owner of a call site: the team tag first, then CODEOWNERS (all owners, in order), else none', () => {
  const co = parseCodeowners('* @acme/platform\nbilling/ @acme/billing @carol\n');
  const site = (file: string, team?: string, dynamic = false) =>
    ({ file, tags: team === undefined ? [] : [{ key: 'team', value: dynamic ? null : team, dynamic, mechanism: 'openai.metadata', reachesBill: true }] }) as unknown as CallSite;
  assert.deepEqual(ownerOf(site('billing/a.ts', 'support'), co), { team: 'support', via: 'tag' });
  assert.deepEqual(ownerOf(site('billing/a.ts'), co), { team: '@acme/billing, @carol', via: 'CODEOWNERS' });
  // A team computed at run time names no team statically: CODEOWNERS decides.
  assert.deepEqual(ownerOf(site('src/a.ts', '', true), co), { team: '@acme/platform', via: 'CODEOWNERS' });
  assert.equal(ownerOf(site('src/a.ts'), null), null);
  assert.equal(ownerOf(site('src/a.ts'), parseCodeowners('src/ @a\nsrc/a.ts\n')), null);
});

test('ownership end to end: totals by team say which teams come from tags and which from CODEOWNERS', () => {
  const dir = tree({
    '.github/CODEOWNERS': ['# owners', '*            @acme/platform', '/src/search/ @acme/search', '/src/legacy/', 'src/bad.ts   not-an-owner'].join('\n') + '\n',
    'src/support/answer.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function answer(q: string) {',
      '  // tollgate: volume 1000/month',
      "  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, metadata: { team: 'support' }, messages: [{ role: 'user', content: q }] });",
      '}',
      '',
    ].join('\n'),
    'src/search/rank.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function rank(q: string) {',
      '  // tollgate: volume 2000/month',
      "  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: q }] });",
      '}',
      '',
    ].join('\n'),
    'src/search/tagged.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      'export async function tagged(q: string) {',
      '  // tollgate: volume 10/month',
      "  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, metadata: { team: '@acme/search' }, messages: [{ role: 'user', content: q }] });",
      '}',
      '',
    ].join('\n'),
    'src/legacy/old.ts': [
      "import OpenAI from 'openai';",
      'const client = new OpenAI();',
      "export const old = () => client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [] });",
      '',
    ].join('\n'),
  });
  try {
    const config = loadConfig(null);
    const scanned = scan(dir);
    const result = estimateScan(scanned, config, dir);
    assert.deepEqual(
      result.callSites.map((s) => [s.file, s.owner]),
      [
        ['src/legacy/old.ts', null],
        ['src/search/rank.ts', { team: '@acme/search', via: 'CODEOWNERS' }],
        ['src/search/tagged.ts', { team: '@acme/search', via: 'tag' }],
        ['src/support/answer.ts', { team: 'support', via: 'tag' }],
      ],
    );
    assert.deepEqual(
      result.totals.byTeam.map((r) => [r.key, r.callSites, r.via ?? null]),
      [
        ['@acme/search', 2, 'mixed'],
        ['support', 1, 'tag'],
        ['(no team)', 1, null],
      ],
    );
    // Team totals still add up to the overall total: a file with several owners is one row, not several.
    const sum = result.totals.byTeam.reduce((a, r) => a + r.monthlyCost.expected, 0);
    assert.ok(Math.abs(sum - result.totals.overall.monthlyCost.expected) < 1e-9);
    assert.deepEqual(result.warnings.filter((w) => w.message.startsWith('CODEOWNERS')), [
      { file: '.github/CODEOWNERS', line: 5, message: 'CODEOWNERS: "not-an-owner" is not an owner (expected @user, @org/team or an email); line skipped' },
    ]);
    const bill = renderBill(result);
    assert.match(bill, /^By team: @acme\/search \(via tags and CODEOWNERS\) \$[\d.]+ · support \$[\d.]+ · \(no team\) needs volume$/m);

    // Without the root, tags alone decide, as before ownership existed.
    const tagsOnly = estimateScan(scanned, config);
    assert.deepEqual(tagsOnly.totals.byTeam.map((r) => [r.key, r.callSites, r.via ?? null]), [
      ['(no team)', 2, null],
      ['support', 1, 'tag'],
      ['@acme/search', 1, 'tag'],
    ]);

    // Only CODEOWNERS: the bill says so.
    fs.writeFileSync(path.join(dir, 'src/search/tagged.ts'), fs.readFileSync(path.join(dir, 'src/search/tagged.ts'), 'utf8').replace(", metadata: { team: '@acme/search' }", ''));
    const viaCodeowners = estimateScan(scan(dir), config, dir);
    assert.deepEqual(viaCodeowners.totals.byTeam.find((r) => r.key === '@acme/search')?.via, 'CODEOWNERS');
    assert.match(renderBill(viaCodeowners), /^By team: @acme\/search \(via CODEOWNERS\) \$[\d.]+ · support \$[\d.]+ · \(no team\) needs volume$/m);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
