// A case's folders on disk, and the two file-system oracles: markers (a command ran) and snapshots
// (something outside the root was written).
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CaseEnv } from './types';

/** Every marker a hostile command would create is named so; finding one anywhere in the case means it ran. */
export const MARKER_PREFIX = 'fuzz-marker-';

export function makeEnv(dir: string, canary: string, envCanary: string): CaseEnv {
  const env: CaseEnv = { dir, root: path.join(dir, 'repo'), outside: path.join(dir, 'outside'), home: path.join(dir, 'home'), tmp: path.join(dir, 'tmp'), canary, envCanary };
  for (const d of [env.root, env.outside, env.home, env.tmp]) fs.mkdirSync(d, { recursive: true });
  // What links from the tree point at: a prompt, a source file, a folder of sources, a config to overwrite.
  fs.writeFileSync(path.join(env.outside, 'canary.txt'), `You are ${canary}. Reply briefly.\n`);
  fs.mkdirSync(path.join(env.outside, 'lib'));
  fs.writeFileSync(path.join(env.outside, 'lib', 'outside.ts'), callSource(`'${canary} from outside'`));
  // The model shows in every report, also for a base revision's removed call site.
  fs.writeFileSync(path.join(env.outside, 'secret.ts'), callSource(`'${canary} secret source'`, `'gpt-4o-${canary}'`));
  fs.writeFileSync(path.join(env.outside, 'model.txt'), `gpt-4o-${canary}`);
  fs.writeFileSync(path.join(env.outside, 'target.yml'), `# ${canary}: a file outside the repository that tollgate must never write\n`);
  fs.writeFileSync(path.join(env.home, '.bashrc'), `# ${canary} start-up file\n`);
  return env;
}

/** A source file with one OpenAI chat call whose user message is `contentExpr`. */
export function callSource(contentExpr: string, model = "'gpt-4o-mini'"): string {
  return `import OpenAI from 'openai';\n\nconst client = new OpenAI();\n\nexport async function ask() {\n  return client.chat.completions.create({\n    model: ${model},\n    max_tokens: 200,\n    messages: [{ role: 'user', content: ${contentExpr} }],\n  });\n}\n`;
}

export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

/** Walks without following links (a link to `/` must not send us through the machine). */
function walk(dir: string, visit: (full: string, st: fs.Stats) => void, skip: Set<string> = new Set()): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    const full = path.join(dir, name);
    if (skip.has(full)) continue;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(full);
    } catch {
      continue;
    }
    visit(full, st);
    if (st.isDirectory()) walk(full, visit, skip);
  }
}

export function findMarkers(dir: string): string[] {
  const found: string[] = [];
  walk(dir, (full) => {
    if (path.basename(full).startsWith(MARKER_PREFIX)) found.push(path.relative(dir, full));
  });
  return found;
}

/** Everything of the case but the root (which init and usage sync may write) and the child's TMPDIR. */
export function snapshot(env: CaseEnv): Map<string, string> {
  const out = new Map<string, string>();
  walk(
    env.dir,
    (full, st) => {
      const rel = path.relative(env.dir, full);
      if (st.isSymbolicLink()) out.set(rel, 'link ' + fs.readlinkSync(full));
      else if (st.isFile()) out.set(rel, 'file ' + createHash('sha1').update(fs.readFileSync(full)).digest('hex'));
      else out.set(rel, st.isDirectory() ? 'dir' : 'other');
    },
    new Set([env.root, env.tmp]),
  );
  return out;
}

/** Paths created, changed or removed between two snapshots. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of after) if (before.get(k) !== v) out.push(before.has(k) ? `${k} (modified)` : `${k} (created)`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`${k} (removed)`);
  return out.sort();
}

/** Copies a case tree for a reproducer, links as links. */
export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true, filter: (src) => {
    try {
      const st = fs.lstatSync(src);
      return st.isDirectory() || st.isFile() || st.isSymbolicLink();
    } catch {
      return false;
    }
  } });
}
