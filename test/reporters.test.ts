import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scanFixture, fixture } from './helpers';
import { renderJson } from '../shared/reporters/json';
import { renderText } from '../shared/reporters/text';
import { redactSecrets, sanitizeTerminal } from '../shared/redact';
import { scan } from '../shared/scan';
import { estimateScan } from '../shared/estimate';
import { loadConfig } from '../shared/config/load';
import { renderBill } from '../shared/reporters/bill';
import { renderMarkdown } from '../shared/reporters/markdown';

test('redaction: secrets in prompts and tags never reach any output', () => {
  const result = scanFixture('secrets');
  const json = renderJson(result);
  const text = renderText(result);
  for (const secret of ['sk-proj-abcdefghij', 'sk-ant-api03-AAAA', 'AKIAABCDEFGHIJKLMNOP', 'abcdefghijklmnopqrstuvwxyz.0123']) {
    assert.ok(!json.includes(secret), `json leaks ${secret}`);
    assert.ok(!text.includes(secret), `text leaks ${secret}`);
  }
  const s = result.callSites[0];
  assert.deepEqual(s.prompt.map((p) => (p.type === 'text' ? p.text : p.expression)), [
    'Use key [REDACTED] and [REDACTED] to call the backend.\u001b[31m red',
    'Authorization: Bearer [REDACTED]',
  ]);
  assert.deepEqual(s.tags.map((t) => `${t.key}=${t.value}`), ['key=[REDACTED]']);
});

test('terminal output strips control sequences from scanned text', () => {
  assert.equal(sanitizeTerminal('a\u001b[31mred\u001b[0m\u0007b\tc\nd'), 'aredb\tc\nd');
  assert.equal(redactSecrets('token gsk_abcdefghijklmnopqrstuvwx1234 end'), 'token [REDACTED] end');
});

test('node_modules present: nothing changes (SDK identity comes from module names, not installed types)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-nm-'));
  fs.cpSync(fixture('providers', 'openai'), dir, { recursive: true });
  const without = JSON.stringify(scan(dir));
  fs.mkdirSync(path.join(dir, 'node_modules', 'openai'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'node_modules', 'openai', 'package.json'), JSON.stringify({ name: 'openai', version: '5.0.0', types: 'index.d.ts' }));
  fs.writeFileSync(path.join(dir, 'node_modules', 'openai', 'index.d.ts'), 'export default class OpenAI { constructor(o?: unknown); }\n');
  fs.writeFileSync(path.join(dir, 'node_modules', 'openai', 'index.js'), 'module.exports = class OpenAI {};\n');
  assert.equal(JSON.stringify(scan(dir)), without);
});

test('bill: with no volume anywhere the total says "needs volume", never $0', () => {
  const estimated = estimateScan(scanFixture('secrets'), loadConfig(null), fixture('secrets'));
  const bill = renderBill(estimated);
  assert.ok(bill.includes('\nTOTAL needs volume: the call site has no volume yet (per-call costs above)\n'));
  assert.ok(!/TOTAL \$0/.test(bill));
  assert.match(renderMarkdown(estimated as never), /^<!-- tollgate -->\n## tollgate: needs volume\n/);
});
