import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './helpers';
import { VERSION } from '../shared/version';
import { ADAPTERS } from '../shared/providers/registry';

test('meta: the version in the core equals package.json', () => {
  assert.equal(VERSION, JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
});

test('meta: every adapter has its folder, fixture mini-repo and test', () => {
  for (const a of ADAPTERS) {
    assert.ok(fs.existsSync(path.join(ROOT, 'shared', 'providers', a.id, 'index.ts')), `shared/providers/${a.id}/index.ts`);
    assert.ok(fs.existsSync(path.join(ROOT, 'test', 'fixtures', 'providers', a.id)), `test/fixtures/providers/${a.id}/`);
    assert.ok(fs.existsSync(path.join(ROOT, 'test', 'providers', `${a.id}.test.ts`)), `test/providers/${a.id}.test.ts`);
    assert.ok(a.modules.length > 0 && a.callNames.length > 0, `${a.id} declares modules and call names`);
  }
});

test('meta: the README opens with a quick start of exactly two commands', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const m = readme.match(/^## Quick start\n\n```sh\n([\s\S]*?)```/);
  assert.ok(m, 'README starts with ## Quick start and a fenced sh block');
  const lines = m![1].trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^npm ci && npx tollgate scan examples\/support-desk$/);
  assert.equal(lines[1], 'npm test');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
  assert.ok(ci.includes('\nnpm test\n'), '.ci/run runs the README test command');
  assert.ok(pkg.scripts.test.length > 0);
});
