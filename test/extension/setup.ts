import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../helpers';
import { Analysis } from '../../extension/src/analysis';
import type { WorkspaceView } from '../../extension/src/protocol';

// Inputs for the extension's mapping tests: the support-desk example analysed by the same code the
// worker runs (Analysis over the core's WorkspaceSession), and golden files for rendered output.

export const EXAMPLE = path.join(ROOT, 'examples', 'support-desk');
const SCHEMA = path.join(ROOT, 'schema', 'tollgate.schema.json');

/** Golden files: UPDATE_GOLDEN=1 rewrites them; review the diff before committing. */
export function golden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'golden', 'extension', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

export function newAnalysis(): Analysis {
  return new Analysis(SCHEMA);
}

/** Opens a workspace folder and returns the first view. */
export function openView(analysis: Analysis, root: string): WorkspaceView {
  const [reply] = analysis.handle([{ type: 'open', id: 1, root, options: {} }]);
  assert.equal(reply.type, 'view', JSON.stringify(reply));
  return (reply as { view: WorkspaceView }).view;
}

let example: WorkspaceView | null = null;
/** The example's view, analysed once per test file (the example is only read). */
export function exampleView(): WorkspaceView {
  example ??= openView(newAnalysis(), EXAMPLE);
  return structuredClone(example);
}

export function exampleText(rel: string): string {
  return fs.readFileSync(path.join(EXAMPLE, rel), 'utf8');
}

/** A throwaway workspace with the given files. */
export function tempWorkspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-ext-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** Applies plain edits (0-based ranges) to a text, last first, as VS Code applies a WorkspaceEdit. */
export function applyPlain(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const offset = (t: string, line: number, character: number) => {
    let o = 0;
    for (let l = 0; l < line; l++) o = t.indexOf('\n', o) + 1;
    return o + character;
  };
  const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(out, e.range.start.line, e.range.start.character)) + e.newText + out.slice(offset(out, e.range.end.line, e.range.end.character));
  return out;
}

export const lineLengthOf = (text: string) => {
  const lines = text.split('\n');
  return (line0: number) => (lines[line0] ?? '').length;
};
