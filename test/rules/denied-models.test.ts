import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ruleHarness, rows } from './harness';
import { loadConfig } from '../../shared/config/load';

const ID = 'denied-models';
const { run } = ruleHarness('rules-site', ID);

test('denied-models: off by default', () => {
  assert.deepEqual(run(), []);
});

test('denied-models: any list that applies denies; the denying list is named', () => {
  const found = run({ models: ['gpt-3.5*', 'gpt-4-32k*'], paths: { 'src/batch/**': 'gpt-4o*' }, environments: { production: 'gpt-4.1' } });
  assert.deepEqual(rows(found), [
    'src/batch/nightly.ts:7:23 gpt-4o-mini is denied by `paths["src/batch/**"]` (denied: gpt-4o*)',
    'src/batch/nightly.ts:37:20 gpt-4o-mini is denied by `paths["src/batch/**"]` (denied: gpt-4o*)',
    'src/batch/nightly.ts:57:54 gpt-4o-mini is denied by `paths["src/batch/**"]` (denied: gpt-4o*)',
    'src/chat.ts:23:10 gpt-4.1 is denied by `environments.production` (denied: gpt-4.1)',
    'src/legacy/old.ts:4:10 gpt-3.5-turbo is denied by `models` (denied: gpt-3.5*, gpt-4-32k*)',
  ]);
  assert.ok(found.every((f) => !f.fix));
});

test('denied-models: `env` and `stage` tags name the environment like `environment`', () => {
  assert.deepEqual(rows(run({ environments: { staging: 'gpt-5*', production: 'gpt-4o-mini' } })), [
    'src/chat.ts:4:10 gpt-4o-mini is denied by `environments.production` (denied: gpt-4o-mini)',
    'src/chat.ts:13:10 gpt-5 is denied by `environments.staging` (denied: gpt-5*)',
    'src/chat.ts:23:10 gpt-4o-mini is denied by `environments.production` (denied: gpt-4o-mini)',
  ]);
});

test('denied-models: tollgate.yml options are read and checked', () => {
  const dir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'tollgate-denied-'));
  const file = path.join(dir, 'tollgate.yml');
  fs.writeFileSync(file, 'rules:\n  denied-models: { severity: error, models: ["gpt-3.5*"], environments: { production: "gpt-4.1, gpt-5" } }\n');
  assert.deepEqual(loadConfig(file, 'tollgate.yml').rules['denied-models'], { severity: 'error', options: { models: ['gpt-3.5*'], environments: { production: 'gpt-4.1, gpt-5' } } });
  fs.writeFileSync(file, 'rules:\n  denied-models: { models: gpt-3.5 }\n');
  assert.throws(() => loadConfig(file, 'tollgate.yml'), /tollgate\.yml:2:28: "rules\.denied-models\.models" expects a list of strings/);
  fs.rmSync(dir, { recursive: true });
});
