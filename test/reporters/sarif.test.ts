import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { renderSarif } from '../../shared/reporters/sarif';
import { RULES } from '../../shared/rules/registry';
import { VERSION } from '../../shared/version';
import type { PolicyResult } from '../../shared/check';
import { exampleCheck, golden, GOLDEN_RULES } from './setup';

/** The example's findings plus the cases the golden file lacks: a suppression, a path to encode. */
function withSuppression(): PolicyResult {
  const r = exampleCheck();
  r.findings.push({ ...r.findings[0], file: 'src/odd name/#1.ts', line: 2, column: 7, suppressed: true, suppressionReason: 'approved by finance' });
  r.findings.push({ ...r.findings[1], file: 'src/b.ts', line: 9, column: 1, suppressed: true, suppressionReason: undefined, severity: 'info' });
  return r;
}

test('sarif: golden log for the example app', () => {
  golden('support-desk.check.sarif', renderSarif(exampleCheck(), GOLDEN_RULES));
});

test('sarif: the structure code scanning reads (SARIF 2.1.0)', () => {
  const log = JSON.parse(renderSarif(withSuppression()));
  assert.equal(log.version, '2.1.0');
  assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
  assert.equal(log.runs.length, 1);
  const driver = log.runs[0].tool.driver;
  assert.deepEqual([driver.name, driver.version, driver.informationUri], ['tollgate', VERSION, undefined]);
  assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.meta.id));
  for (const rule of driver.rules) {
    assert.equal(typeof rule.shortDescription.text, 'string');
    assert.equal(typeof rule.fullDescription.text, 'string');
    assert.equal(rule.help.text.endsWith(`See docs/rules/${rule.id}.md in the tollgate package.`), true);
    assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
  }
  const results = log.runs[0].results;
  assert.equal(results.length, 7);
  for (const r of results) {
    assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(r.level));
    assert.equal(typeof r.message.text, 'string');
    const loc = r.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
    assert.ok(!loc.artifactLocation.uri.startsWith('/'), 'relative uri');
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
  }
  assert.deepEqual(results[0].locations[0].physicalLocation, { artifactLocation: { uri: 'src/features/reply.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 13, startColumn: 21 } });
  assert.equal(results[5].locations[0].physicalLocation.artifactLocation.uri, 'src/odd%20name/%231.ts');
  assert.deepEqual(results[5].suppressions, [{ kind: 'inSource', justification: 'approved by finance' }]);
  assert.deepEqual(results[6].suppressions, [{ kind: 'inSource' }]);
  assert.equal(results[6].level, 'note');
  assert.equal(results[0].suppressions, undefined);
});

/**
 * Microsoft's validator (devDependency @microsoft/sarif-multitool, a self-contained Linux/macOS/Windows
 * binary). Its package's only install script sets the executable bit, and installs run without
 * scripts, so the test runs a copy it marks executable itself.
 */
function multitool(): string | null {
  const pkg = `@microsoft/sarif-multitool-${process.platform}`;
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] }));
  } catch {
    return null;
  }
  const exe = path.join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  return fs.existsSync(exe) ? exe : null;
}

test('sarif: Microsoft\'s SARIF validator reports zero errors', (t) => {
  const exe = multitool();
  if (!exe || process.arch !== 'x64') return t.skip(`no sarif-multitool binary for ${process.platform}-${process.arch}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-sarif-'));
  try {
    const copy = path.join(dir, path.basename(exe));
    fs.copyFileSync(exe, copy);
    fs.chmodSync(copy, 0o755);
    const input = path.join(dir, 'tollgate.sarif');
    const output = path.join(dir, 'validation.sarif');
    fs.writeFileSync(input, renderSarif(withSuppression()));
    // Gh: the rules GitHub code scanning applies on upload, on top of the spec's own.
    const r = spawnSync(copy, ['validate', input, '-o', output, '--rule-kind', 'Sarif;Gh'], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' }, timeout: 120_000 });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const validation = JSON.parse(fs.readFileSync(output, 'utf8').replace(/^\uFEFF/, ''));
    const errors = validation.runs[0].results.filter((x: { level?: string }) => (x.level ?? 'warning') === 'error');
    assert.deepEqual(errors, []);
    assert.equal(validation.runs[0].invocations[0].executionSuccessful, true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
