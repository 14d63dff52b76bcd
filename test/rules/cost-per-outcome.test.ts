import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPolicy } from '../../shared/check';
import { loadConfig } from '../../shared/config/load';
import { renderFindings } from '../../shared/reporters/findings';
import { renderJson } from '../../shared/reporters/json';
import { scan } from '../../shared/scan';
import { configError } from '../helpers';
import { outcomeText } from '../../shared/rules/cost-per-outcome';

// triage: gpt-4o at 3k/day ($390.32/month) plus a gpt-4o-mini call site without volume; leads: gpt-4o-mini
// at 2k/day ($8.30/month); summaries: one gpt-4o-mini call site without volume.

const made: string[] = [];
after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const call = (fn: string, model: string, max: number, feature: string, volume: string | null) => `
export async function ${fn}(text: string) {
${volume ? `  // tollgate: volume ${volume}\n` : ''}  return openai.chat.completions.create({
    model: '${model}',
    max_tokens: ${max},
    messages: [{ role: 'user', content: \`${fn}: \${text}\` }],
    metadata: { team: 'support', feature: '${feature}' },
  });
}
`;

const APP = `import OpenAI from 'openai';

const openai = new OpenAI();
${call('triage', 'gpt-4o', 400, 'triage', '3k/day')}${call('draft', 'gpt-4o-mini', 300, 'triage', null)}${call('score', 'gpt-4o-mini', 200, 'leads', '2k/day')}${call('summarize', 'gpt-4o-mini', 100, 'summaries', null)}`;

const OUTCOMES = `outcomes:
  triage: { outcome: ticket, perMonth: 90000, maxUsd: 0.004 }
  leads:
    outcome: lead
    perMonth: 60000
    maxUsd: 0.01
  onboarding: { outcome: signup, perMonth: 100, maxUsd: 0.5 }
`;

function check(config: string) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-outcome-')));
  made.push(dir);
  fs.writeFileSync(path.join(dir, 'app.ts'), APP);
  fs.writeFileSync(path.join(dir, 'tollgate.yml'), config);
  return checkPolicy(scan(dir), dir, loadConfig(path.join(dir, 'tollgate.yml')), 'error');
}

test('cost-per-outcome: a cost per outcome above maxUsd is a finding at the feature entry', () => {
  const r = check(OUTCOMES);
  assert.deepEqual(
    r.findings.filter((f) => f.ruleId === 'cost-per-outcome').map((f) => `${f.severity} ${f.file}:${f.line}:${f.column} ${f.message}`),
    ['error tollgate.yml:2:3 feature triage: $0.0043 per ticket ($390.32/month over 90k tickets), 1 call site not in the figure, above its ceiling of $0.004 per ticket'],
  );
});

test('cost-per-outcome: the JSON lists every declared outcome, the text report a line each', () => {
  const r = check(OUTCOMES);
  // Unrounded: $8.3037591 / 60,000 leads = $0.000138395985; $390.32230275 / 90,000 tickets = $0.004336914475.
  assert.deepEqual(r.outcomes, [
    { feature: 'leads', outcome: 'lead', perMonth: 60000, monthlyCost: 8.3037591, costPerOutcome: 0.000138395985, maxUsd: 0.01, callSites: 1, missingVolume: 0, unknownModel: 0 },
    { feature: 'onboarding', outcome: 'signup', perMonth: 100, monthlyCost: 0, costPerOutcome: null, maxUsd: 0.5, callSites: 0, missingVolume: 0, unknownModel: 0 },
    { feature: 'triage', outcome: 'ticket', perMonth: 90000, monthlyCost: 390.32230275, costPerOutcome: 0.004336914475, maxUsd: 0.004, callSites: 2, missingVolume: 1, unknownModel: 0 },
  ]);
  assert.deepEqual(Object.keys(JSON.parse(renderJson(r))).slice(-3), ['outcomes', 'findings', 'policy']);
  const text = renderFindings(r);
  assert.equal(
    text.slice(0, text.indexOf('Policy (')),
    [
      '',
      'Cost per outcome:',
      '  leads: $0.00014 per lead ($8.30/month over 60k leads) (ceiling $0.01)',
      '  onboarding: no call sites tagged with this feature (ceiling $0.5)',
      '  triage: $0.0043 per ticket ($390.32/month over 90k tickets), 1 call site not in the figure (ceiling $0.004)',
      '',
      '',
    ].join('\n'),
  );
});

test('cost-per-outcome: no outcomes: no JSON key, no report lines, no findings', () => {
  const r = check('rules:\n  unresolved-model: off\n');
  assert.equal('outcomes' in r, false);
  assert.equal(renderFindings(r).includes('Cost per outcome'), false);
  assert.deepEqual(r.findings.filter((f) => f.ruleId === 'cost-per-outcome'), []);
});

test('cost-per-outcome: a feature whose call sites all lack volume needs volume; without maxUsd it is report only', () => {
  const r = check('outcomes:\n  triage: { outcome: ticket, perMonth: 90000 }\n');
  // $390.32230275 / 90,000 tickets = $0.004336914475, unrounded.
  assert.equal(r.outcomes![0].costPerOutcome, 0.004336914475);
  assert.deepEqual(r.findings.filter((f) => f.ruleId === 'cost-per-outcome'), []);
  const noVolume = check('outcomes:\n  summaries: { outcome: summary, perMonth: 10, maxUsd: 0.000001 }\n');
  assert.equal(noVolume.outcomes![0].costPerOutcome, null);
  assert.deepEqual(noVolume.findings.filter((f) => f.ruleId === 'cost-per-outcome'), []);
  assert.match(renderFindings(noVolume), /\n {2}summaries: needs volume \(1 call site without a volume\) \(ceiling \$0\.000001\)\n/);
});

test('cost-per-outcome: no figure for want of a price is not "needs volume"', () => {
  const c = { feature: 'triage', outcome: 'ticket', perMonth: 100, monthlyCost: 0, costPerOutcome: null, maxUsd: null, callSites: 2, missingVolume: 0, unknownModel: 2 };
  assert.equal(outcomeText(c), 'no price (2 call sites whose model has no price)');
  assert.equal(outcomeText({ ...c, missingVolume: 1, unknownModel: 1 }), 'needs volume and prices (1 call site without a volume, 1 whose model has no price)');
  assert.equal(outcomeText({ ...c, missingVolume: 2, unknownModel: 0 }), 'needs volume (2 call sites without a volume)');
});

test('cost-per-outcome: mistakes in outcomes: are config errors at their position', () => {
  const error = configError;
  assert.equal(error('outcomes:\n  triage: { outcome: ticket }\n'), 'tollgate.yml:2:3: "outcomes.triage" needs perMonth (outcomes per month)');
  assert.equal(error('outcomes:\n  triage: { outcome: ticket, perMonth: 10, maxUSD: 1 }\n'), 'tollgate.yml:2:44: unknown key "outcomes.triage.maxUSD" (did you mean "maxUsd"?); known keys: outcome, perMonth, maxUsd');
  assert.equal(error('outcomes:\n  triage: { outcome: 3, perMonth: 10 }\n'), 'tollgate.yml:2:22: "outcomes.triage.outcome" expects a name such as ticket, document, loan or lead');
  assert.equal(error('outcomes:\n  triage: { perMonth: 10 }\n'), 'tollgate.yml:2:3: "outcomes.triage" needs outcome (what one unit of work is: ticket, document, ...)');
});
