import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderGithub, escapeData, escapeProperty } from '../../shared/reporters/github';
import { exampleCheck, golden } from './setup';

test('github: golden annotations for the example app', () => {
  const out = renderGithub(exampleCheck());
  assert.equal(out.split('\n').filter(Boolean).length, 5);
  golden('support-desk.check.github.txt', out);
});

test('github: one annotation per unsuppressed finding, severities map to error/warning/notice', () => {
  const r = exampleCheck();
  const base = r.findings[0];
  r.findings = [
    { ...base, severity: 'error', ruleId: 'budget', file: 'a,b:c.ts', line: 3, column: 5, message: '100% over\r\nbudget: yes, really' },
    { ...base, severity: 'info', file: 'x.ts', line: 1, column: 1, message: 'note' },
    { ...base, severity: 'warning', suppressed: true, suppressionReason: 'fine' },
  ];
  assert.equal(renderGithub(r), '::error file=a%2Cb%3Ac.ts,line=3,col=5,title=budget::100%25 over%0D%0Abudget: yes, really\n::notice file=x.ts,line=1,col=1,title=frontier-default::note\n');
  assert.equal(renderGithub({ findings: [] }), '');
});

test('github: escaping as the runner requires', () => {
  assert.equal(escapeData('50%\r\n:,'), '50%25%0D%0A:,');
  assert.equal(escapeProperty('50%\r\n:,'), '50%25%0D%0A%3A%2C');
});
