import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { editorLines, lineStarts } from '../../shared/lines';
import { FileIndex } from '../../extension/src/files';
import { fileDiagnostics, findingFor } from '../../extension/src/diagnostics';
import { fixAction, suppressAction, volumeAction } from '../../extension/src/actions';
import { applyEdits } from '../../shared/rules/edits';
import { applyPlain, newAnalysis, openView, tempWorkspace } from './setup';

// VS Code breaks lines at LF, CR and CRLF only; TypeScript (and so the core) at U+2028 and U+2029 too.
// A file holding the two separators before a call: every position after them must be mapped.

const SOURCE = [
  "import OpenAI from 'openai';",
  'const openai = new OpenAI();',
  "export const note = 'a\u2028b\u2029c';",
  'export async function go(q: string) {',
  "  const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: q });",
  '  return res;',
  '}',
  "export const more = 'd\u2028e';",
  'export async function ask(q: string) {',
  "  const res = await openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: q }], metadata: { team: 't', feature: 'f' } });",
  '  return res;',
  '}',
  '',
].join('\n');

test('editor lines: TypeScript positions after U+2028/U+2029 map to LF-only lines and back', () => {
  const lines = editorLines(SOURCE);
  // TypeScript line 7 is the call's line; the editor counts it as its fifth (0-based 4).
  assert.equal(lineStarts(SOURCE).length, 16);
  assert.deepEqual(lines.toEditor(7, 15), { line: 4, character: 14 });
  assert.deepEqual(lines.fromEditor({ line: 4, character: 14 }), { line: 7, column: 15 });
  // Inside the separators' own editor line: 'b' is TypeScript's line 4, column 1.
  assert.deepEqual(lines.toEditor(4, 1), { line: 2, character: 23 });
  assert.deepEqual(lines.fromEditor({ line: 2, character: 23 }), { line: 4, column: 1 });
  assert.deepEqual(lines.lineEnd(4), { line: 2, character: 24 });
  assert.deepEqual(lines.lineEnd(7), { line: 4, character: 92 });
  // Without the separators the positions pass through.
  const plain = editorLines('a\r\nb\rc\n');
  assert.deepEqual(plain.toEditor(3, 2), { line: 2, character: 1 });
  assert.deepEqual(plain.fromEditor({ line: 2, character: 1 }), { line: 3, column: 2 });
  assert.deepEqual(plain.lineEnd(1), { line: 0, character: 1 });
  assert.deepEqual(plain.lineEnd(2), { line: 1, character: 1 });
});

test('editor lines: diagnostics, hover lookup and fixes on a file with U+2028/U+2029 before the call', () => {
  const root = tempWorkspace({ 'src/go.ts': SOURCE, 'package.json': '{"dependencies":{"openai":"4.0.0"}}' });
  try {
    const index = new FileIndex(openView(newAnalysis(), root));
    const text = fs.readFileSync(`${root}/src/go.ts`, 'utf8');
    const lines = editorLines(text);
    const [embed, chat] = index.sitesIn('src/go.ts');
    // The core's positions are TypeScript's: the embedding call on line 7, the chat call on line 13.
    assert.deepEqual([embed.line, embed.column, chat.line, chat.column], [7, 21, 13, 21]);
    const [attribution, unbounded] = fileDiagnostics('src/go.ts', index, ['error', 'warning', 'info'], lines);
    assert.deepEqual(attribution.range, { start: { line: 4, character: 20 }, end: { line: 4, character: 91 } });
    assert.deepEqual(unbounded.range, { start: { line: 9, character: 20 }, end: { line: 9, character: 157 } });
    // Back from the editor: the diagnostic's start finds its finding, a hover on the call finds its site.
    assert.equal(findingFor(index, 'src/go.ts', 'unbounded-output', unbounded.range.start, lines)?.line, 13);
    assert.equal(index.siteAt('src/go.ts', { line: 9, character: 40 }, lines)?.id, chat.id);
    assert.equal(index.siteAt('src/go.ts', { line: 4, character: 30 }, lines)?.id, embed.id);
    assert.equal(index.siteAt('src/go.ts', { line: 6, character: 30 }, lines), null);
    // The rule's fix, applied as VS Code applies it (LF-only lines), gives the core's own edit.
    const finding = index.findingsIn('src/go.ts')[1];
    assert.equal(finding.ruleId, 'unbounded-output');
    const fix = fixAction(finding.fix!, lines);
    assert.deepEqual(fix.edits.map((e) => e.range), [{ start: { line: 9, character: 52 }, end: { line: 9, character: 52 } }]);
    assert.equal(applyPlain(text, fix.edits), applyEdits(text, finding.fix!.edits));
    assert.ok(applyPlain(text, fix.edits).includes("create({ max_completion_tokens: 1024, model: 'gpt-4o-mini'"));
    // The comment fixes land above the call's line, with the placeholder selected on it.
    const suppress = suppressAction(finding, text)!;
    assert.deepEqual(suppress.edits[0].range, { start: { line: 9, character: 0 }, end: { line: 9, character: 0 } });
    assert.deepEqual(suppress.select!.range, { start: { line: 9, character: 38 }, end: { line: 9, character: 46 } });
    const suppressed = applyPlain(text, suppress.edits);
    assert.equal(suppressed.split('\n')[9], '  // tollgate-allow unbounded-output: <reason>');
    assert.equal(suppressed.split('\n')[9].slice(38, 46), '<reason>');
    const volume = volumeAction(embed, text)!;
    assert.deepEqual(volume.edits[0].range, { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
    assert.equal(applyPlain(text, volume.edits).split('\n')[4].slice(22, 28), '1k/day');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
