import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPolicy } from '../../shared/check';
import { loadConfig } from '../../shared/config/load';
import { scan } from '../../shared/scan';
import { configError } from '../helpers';

// A small project: support's two call sites are tagged (one has no volume), sales' only call site gets
// its team from CODEOWNERS (@acme/sales). Expected monthly costs: support $390.78 (gpt-4o, 3k/day),
// sales/leads $8.32 (gpt-4o-mini, 2k/day); the total is $399.10.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const SUPPORT = `import OpenAI from 'openai';

const openai = new OpenAI();

export async function triage(ticket: string) {
  // tollgate: volume 3k/day
  return openai.chat.completions.create({
    model: 'gpt-4o',
    max_tokens: 400,
    messages: [{ role: 'user', content: \`Triage this ticket: \${ticket}\` }],
    metadata: { team: 'support', feature: 'triage' },
  });
}

export async function draft(ticket: string) {
  return openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 300,
    messages: [{ role: 'user', content: \`Draft a reply to: \${ticket}\` }],
    metadata: { team: 'support', feature: 'triage' },
  });
}
`;

const LEADS = `import OpenAI from 'openai';

const openai = new OpenAI();

export async function score(lead: string) {
  // tollgate: volume 2k/day
  return openai.chat.completions.create({
    model: 'gpt-4o-mini',
    max_tokens: 200,
    messages: [{ role: 'user', content: \`Score this lead: \${lead}\` }],
    metadata: { feature: 'leads' },
  });
}
`;

const BUDGETS = `budgets:
  total: 2000
  teams:
    support: 350
    sales: 10
    platform: 100
  features:
    triage: 100000
    leads: 16
  levels: [50, 80, 100]
  failAt: 100
`;

function project(config: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-budget-')));
  made.push(dir);
  const files: Record<string, string> = { 'src/support.ts': SUPPORT, 'src/sales/leads.ts': LEADS, '.github/CODEOWNERS': '/src/sales/ @acme/sales\n', 'tollgate.yml': config };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

function check(config: string) {
  const dir = project(config);
  return checkPolicy(scan(dir), dir, loadConfig(path.join(dir, 'tollgate.yml')), 'error');
}

const budgetFindings = (r: ReturnType<typeof check>) => r.findings.filter((f) => f.ruleId === 'budget').map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`);

test('budget: the highest crossed level per budget, error from failAt on, at the budget entry in tollgate.yml', () => {
  const r = check(BUDGETS);
  assert.equal(r.totals.overall.monthlyCost.expected, 399.10056237);
  assert.deepEqual(budgetFindings(r), [
    'error tollgate.yml:4:5 team support: $390.78/month estimated, 112% of its $350 budget (level 100%); 1 call site without volume is not in the figure',
    'warning tollgate.yml:5:5 team sales (via CODEOWNERS): $8.32/month estimated, 83% of its $10 budget (level 80%)',
    'warning tollgate.yml:9:5 feature leads: $8.32/month estimated, 52% of its $16 budget (level 50%)',
  ]);
  assert.equal(r.policy.failed, true);
  assert.equal(r.findings.find((f) => f.ruleId === 'budget')!.callSiteId, null);
});

test('budget: the total, other levels and failAt', () => {
  const r = check('budgets:\n  total: 450\n  levels: [75, 95]\n  failAt: 120\n');
  // 399.10 / 450 = 88.7%: level 75 crossed, 95 and failAt (120, a level of its own) not.
  assert.deepEqual(budgetFindings(r), ['warning tollgate.yml:2:3 total: $399.10/month estimated, 89% of its $450 budget (level 75%); 1 call site without volume is not in the figure']);
  const over = check('budgets: { total: 300, levels: [50], failAt: 130 }\n');
  assert.deepEqual(budgetFindings(over), ['error tollgate.yml:1:12 total: $399.10/month estimated, 133% of its $300 budget (level 130%); 1 call site without volume is not in the figure']);
  // Reaching a level counts (8.32200912 / 16.6440182 is a hair over 50%); a budget with cents shows them.
  assert.deepEqual(budgetFindings(check('budgets:\n  features:\n    leads: 16.6440182\n')), ['warning tollgate.yml:3:5 feature leads: $8.32/month estimated, 50% of its $16.64 budget (level 50%)']);
});

test('budget: a budget under its first level, a team with no call sites and no budgets at all are silent', () => {
  assert.deepEqual(budgetFindings(check('budgets:\n  total: 2000\n  teams: { platform: 1 }\n')), []);
  assert.deepEqual(budgetFindings(check('rules:\n  unresolved-model: off\n')), []);
});

test('budget: the rule setting caps the severity; off turns it off', () => {
  const capped = check(`${BUDGETS}rules:\n  budget: warning\n`);
  assert.deepEqual(capped.findings.filter((f) => f.ruleId === 'budget').map((f) => f.severity), ['warning', 'warning', 'warning']);
  assert.deepEqual(budgetFindings(check(`${BUDGETS}rules:\n  budget: off\n`)), []);
});

test('budget: without a config file the findings say (budget)', () => {
  const dir = project('');
  const config = { ...loadConfig(null), budgets: { total: { key: 'total', usd: 100, line: 1, column: 1 }, teams: [], features: [], levels: [100], failAt: 100 } };
  const r = checkPolicy(scan(dir), dir, config, 'error');
  assert.deepEqual(budgetFindings(r), ['error (budget):1:1 total: $399.10/month estimated, 399% of its $100 budget (level 100%); 1 call site without volume is not in the figure']);
});

test('budget: mistakes in budgets: are config errors at their position', () => {
  const error = configError;
  assert.equal(error('budgets:\n  totl: 100\n'), 'tollgate.yml:2:3: unknown key "budgets.totl" (did you mean "total"?); known keys: total, teams, features, levels, failAt');
  assert.equal(error('budgets:\n  teams:\n    support: lots\n'), 'tollgate.yml:3:14: "budgets.teams.support" expects a number above 0 (USD per month)');
  assert.equal(error('budgets:\n  levels: 80\n'), 'tollgate.yml:2:11: "budgets.levels" expects a list of percentages, for example [50, 80, 100]');
  assert.equal(error('budgets: 100\n'), 'tollgate.yml:1:10: "budgets" expects a mapping (key: value)');
  assert.equal(error('budget:\n  total: 1\n'), 'tollgate.yml:1:1: unknown key "budget" (did you mean "budgets"?); known keys: include, exclude, usage, placeholders, estimate, pricing, selfHosted, rules, budgets, outcomes, detect, azure');
});
