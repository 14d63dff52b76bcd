import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { scan } from '../../shared/scan';
import { estimateScan } from '../../shared/estimate';
import { loadConfig } from '../../shared/config/load';
import { checkEstimated } from '../../shared/check';
import { renderJson } from '../../shared/reporters/json';
import { renderText } from '../../shared/reporters/text';
import { renderBill } from '../../shared/reporters/bill';
import { renderFindings } from '../../shared/reporters/findings';
import { renderGithub } from '../../shared/reporters/github';
import { renderSarif } from '../../shared/reporters/sarif';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { mdText } from '../../shared/reporters/escape';
import { sanitizeTerminal } from '../../shared/redact';

// Issue 11: the pull-request comment and the terminal reports must not let scanned text run a
// `javascript:` link, reorder what a reviewer reads (bidi controls: "Trojan Source"), hide text
// (zero-width characters), or link a commit GitHub finds by a hex prefix.

const ZWSP = '\u200b';
const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u180e'];

test('markdown: javascript:, vbscript: and data: never start a link, in any case', () => {
  assert.equal(mdText('[x](javascript:alert(1))'), `\\[x\\]\\(javascript${ZWSP}\\:alert\\(1\\)\\)`);
  assert.equal(mdText('JavaScript:void(0)'), `JavaScript${ZWSP}\\:void\\(0\\)`);
  assert.equal(mdText('VBScript:msgbox'), `VBScript${ZWSP}\\:msgbox`);
  assert.equal(mdText('data:text/html,<script>'), `data${ZWSP}\\:text/html,&lt;script&gt;`);
  // Scanned zero-width characters inside the scheme do not survive to hide it.
  assert.equal(mdText('java\u200bscript:x'), `javascript${ZWSP}\\:x`);
});

test('markdown: bidi controls and zero-width characters from scanned text are removed; the ones mdText adds stay', () => {
  assert.equal(mdText(`x${BIDI.join('y')}z`), 'x' + 'y'.repeat(BIDI.length - 1) + 'z');
  assert.equal(mdText(`a${ZERO_WIDTH.join('')}b`), 'ab');
  // "Trojan Source": a prompt that reads differently than it is.
  assert.equal(mdText('access = "user\u202e \u2066// admin\u2069 \u2066"'), 'access \\= &quot;user // admin &quot;');
  // The autolink breakers mdText inserts itself: one zero-width space after `:`, a joiner after `@`.
  assert.equal(mdText('see ht\u200btps://x.io @te\u200bam'), `see https\\:${ZWSP}//x\\.io @\u200dteam`);
});

test('markdown: hex runs GitHub could link as commits are broken every 6 characters; shorter ones and words stay', () => {
  assert.equal(mdText('commit a5c3785ed8d6a35868bc169f07e40e889087fd2e'), `commit a5c378${ZWSP}5ed8d6${ZWSP}a35868${ZWSP}bc169f${ZWSP}07e40e${ZWSP}889087${ZWSP}fd2e`);
  assert.equal(mdText('deadbee'), `deadbe${ZWSP}e`);
  assert.equal(mdText('DEADBEEF12'), `DEADBE${ZWSP}EF12`);
  assert.equal(mdText('claude-3-5-sonnet-20241022'), `claude\\-3\\-5\\-sonnet\\-202410${ZWSP}22`);
  for (const kept of ['abc123', 'decade', 'facade', 'gpt\\-4o\\-2024\\-08\\-06']) assert.equal(mdText(kept.replace(/\\/g, '')), kept);
  // Inside a word a hex run is no commit reference: left whole.
  assert.equal(mdText('xdeadbeefcafe'), 'xdeadbeefcafe');
  // The CI's own commit hashes in a diff's range stay links.
  assert.equal(mdText('main (7502bb317be0)', undefined, { commits: true }), 'main \\(7502bb317be0\\)');
});

test('terminal text: bidi controls and zero-width characters removed, line separators are line breaks', () => {
  assert.equal(sanitizeTerminal(`a${BIDI.join('')}b${ZERO_WIDTH.join('')}c\u2028d\u2029e`), 'abc\nd\ne');
});

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-invisible-'));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const MODEL = 'gpt-4o\u202e-inim\u2066';
const PROMPT = 'Refund\u200b policy\u2067 \u200fsee ::a5c3785ed8d6a35868bc169f07e40e889087fd2e javascript:alert(1)';
fs.writeFileSync(
  path.join(root, 'app.ts'),
  `import OpenAI from 'openai';
const client = new OpenAI();
export const ask = () => client.chat.completions.create({ model: ${JSON.stringify(MODEL)}, messages: [{ role: 'user', content: ${JSON.stringify(PROMPT)} }], metadata: { team: 'a\\u202eb', feature: 'f' } });
`,
);
const scanned = scan(root);
const estimated = estimateScan(scanned, loadConfig(null), root);
const checked = checkEstimated(estimated, root, loadConfig(null), 'error');
// Markdown inserts its own U+200B and U+200D; any other invisible character in an output came from the code.
const invisible = new RegExp(`[${[...BIDI, ...ZERO_WIDTH.filter((c) => c !== '\u200b' && c !== '\u200d')].join('')}]`);

test('every format: the data keeps the exact text; no output shows a bidi control or a scanned zero-width character raw', () => {
  assert.deepEqual(scanned.callSites[0].model, { status: 'exact', value: MODEL });
  assert.equal(scanned.callSites[0].prompt[0].type === 'text' && scanned.callSites[0].prompt[0].text, PROMPT);
  const outputs: Record<string, string> = {
    'scan text': renderText(scanned),
    bill: renderBill(estimated),
    findings: renderFindings(checked),
    github: renderGithub(checked),
    json: renderJson(checked),
    sarif: renderSarif(checked),
    markdown: renderMarkdown(checked),
  };
  for (const [name, out] of Object.entries(outputs)) {
    assert.ok(!invisible.test(out), `${name} shows an invisible character`);
    // Terminal and JSON outputs carry no zero-width space at all; markdown only those it inserts.
    if (name !== 'markdown') assert.ok(!/[\u200b\u200d]/.test(out), `${name} shows a zero-width character`);
  }
  // JSON keeps the exact characters, escaped so that a terminal printing it does not reorder lines.
  assert.ok(outputs.json.includes('"value": "gpt-4o\\u202e-inim\\u2066"'));
  assert.deepEqual(JSON.parse(outputs.json).callSites[0].model.value, MODEL);
  assert.ok(outputs['scan text'].includes('gpt-4o-inim'));
  assert.ok(outputs.markdown.includes(`gpt\\-4o\\-inim`));
});
