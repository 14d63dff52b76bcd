import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkEstimated, checkPolicy } from '../../shared/check';
import { loadConfig } from '../../shared/config/load';
import { diffRevisions } from '../../shared/diff';
import { scan } from '../../shared/scan';
import { main } from '../../cli/main';

// A real repository: the base commit has two gpt-4o-mini call sites; the working tree switches
// summarize to gpt-4o (a large increase) and adds a small new call site in a new file.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

const chat = (model: string) => `import OpenAI from 'openai';

const client = new OpenAI();

export async function summarize(text: string) {
  // tollgate: volume 1k/day
  return client.chat.completions.create({ model: '${model}', max_tokens: 500, messages: [{ role: 'user', content: \`Summarize: \${text}\` }] });
}

export async function classify(text: string) {
  // tollgate: volume 1k/day
  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: \`Classify: \${text}\` }] });
}
`;

const TAGS = `import OpenAI from 'openai';

const client = new OpenAI();

export async function tags(text: string) {
  // tollgate: volume 100/day
  return client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 20, messages: [{ role: 'user', content: \`Tags for: \${text}\` }] });
}
`;

const rules = (options: string) => `usage:\n  default: 10/day\nrules:\n  unbounded-output: off\n  missing-attribution: off\n  cost-increase: { ${options} }\n`;

function repo(options: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-increase-')));
  made.push(dir);
  git(dir, 'init', '-q', '-b', 'main');
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'chat.ts'), chat('gpt-4o-mini'));
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), rules(options));
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  fs.writeFileSync(path.join(dir, 'src', 'chat.ts'), chat('gpt-4o'));
  fs.writeFileSync(path.join(dir, 'src', 'tags.ts'), TAGS);
  return dir;
}

function checkDiff(options: string) {
  const dir = repo(options);
  const { result, config } = diffRevisions({ dir, base: 'HEAD' });
  return { dir, result: checkEstimated(result, dir, config, 'error') };
}

const increases = (r: ReturnType<typeof checkDiff>['result']) =>
  r.findings.filter((f) => f.ruleId === 'cost-increase').map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.callSiteId ? 'site ' : ''}${f.message}`);

test('cost-increase: the changed call site and the total above both thresholds', () => {
  const { result } = checkDiff('maxIncreaseUsd: 20, maxIncreasePercent: 50');
  const summarize = result.diff!.callSites.find((c) => c.file === 'src/chat.ts' && c.line === 7)!;
  assert.equal(summarize.status, 'changed');
  assert.deepEqual(increases(result), [
    'error src/chat.ts:7:10 site monthly cost +$122.37 (+1566.7%): $7.81 → $130.18/month (model gpt-4o-mini → gpt-4o); above the +$20.00/month and +50% threshold',
    'error tollgate.yml:6:3 this change raises the monthly estimate by $122.46 (+1440.7%): $8.50 → $130.96/month; above the +$20.00/month and +50% threshold',
  ]);
  // The new tags call site (+$0.087/month, new spend) stays under the dollar threshold.
  assert.equal(result.policy.failed, true);
});

test('cost-increase: a percentage alone flags new spend and large relative growth', () => {
  const { result } = checkDiff('maxIncreasePercent: 100');
  assert.deepEqual(increases(result), [
    'error src/chat.ts:7:10 site monthly cost +$122.37 (+1566.7%): $7.81 → $130.18/month (model gpt-4o-mini → gpt-4o); above the +100% threshold',
    'error src/tags.ts:7:10 site monthly cost +$0.087 (new spend): $0 → $0.087/month (new call site); above the +100% threshold',
    'error tollgate.yml:6:3 this change raises the monthly estimate by $122.46 (+1440.7%): $8.50 → $130.96/month; above the +100% threshold',
  ]);
});

test('cost-increase: under the thresholds, with no threshold, or with no diff, nothing', () => {
  assert.deepEqual(increases(checkDiff('maxIncreaseUsd: 1000').result), []);
  assert.deepEqual(increases(checkDiff('severity: error').result), []);
  const dir = repo('maxIncreaseUsd: 1');
  assert.deepEqual(increases(checkPolicy(scan(dir), dir, loadConfig(path.join(dir, 'tollgate.yml')), 'error')), []);
});

test('cost-increase: tollgate check --base runs the diff; a base that cannot be read exits 2', async () => {
  const dir = repo('maxIncreaseUsd: 20');
  const out = path.join(dir, 'report.json');
  assert.equal(await main(['check', dir, '--base', 'HEAD', '--format', 'json', '--output', out]), 1);
  const json = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.equal(json.diff.base, 'HEAD');
  assert.deepEqual(
    json.findings.filter((f: { ruleId: string }) => f.ruleId === 'cost-increase').map((f: { file: string; line: number }) => `${f.file}:${f.line}`),
    ['src/chat.ts:7', 'tollgate.yml:6'],
  );
  assert.equal(await main(['check', dir, '--format', 'json', '--output', out]), 0);
  assert.equal(JSON.parse(fs.readFileSync(out, 'utf8')).diff, undefined);
  const errors: string[] = [];
  const write = process.stderr.write;
  process.stderr.write = ((s: string) => (errors.push(s), true)) as typeof process.stderr.write;
  try {
    assert.equal(await main(['check', dir, '--base', 'no-such-ref', '--output', out]), 2);
  } finally {
    process.stderr.write = write;
  }
  assert.match(errors.join(''), /^tollgate: .*no-such-ref/);
});
