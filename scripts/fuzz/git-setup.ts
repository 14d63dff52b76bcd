// Git history for attack cases, made by the suite itself (trusted): no user or system config applies.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const GIT_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'fuzz',
  GIT_AUTHOR_EMAIL: 'fuzz@example.invalid',
  GIT_COMMITTER_NAME: 'fuzz',
  GIT_COMMITTER_EMAIL: 'fuzz@example.invalid',
  GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z',
  GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z',
};

export function git(dir: string, args: string[]): string {
  return execFileSync('git', ['-c', 'core.fsmonitor=false', '-c', 'init.defaultBranch=main', ...args], { cwd: dir, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A repository at dir with everything in it committed as one commit. */
export function commitAll(dir: string, message: string): void {
  if (!fs.existsSync(path.join(dir, '.git'))) git(dir, ['init', '-q']);
  git(dir, ['add', '-A', '.']);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message]);
}

/**
 * What a pull request can commit: a folder laid out as a git repository (HEAD, config, objects/,
 * refs/ with a real commit in it) whose config runs `commands` through git's fsmonitor hook, a
 * clean/smudge filter and a diff textconv, each creating its own marker in `markerDir`.
 */
export function plantRepositoryFolder(folder: string, markerDir: string, scratch: string): void {
  const inner = path.join(scratch, 'inner');
  fs.mkdirSync(inner, { recursive: true });
  fs.writeFileSync(path.join(inner, 'a.ts'), "import OpenAI from 'openai';\nexport const f = () => new OpenAI().chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
  commitAll(inner, 'inner');
  fs.mkdirSync(folder, { recursive: true });
  for (const part of ['HEAD', 'objects', 'refs']) fs.cpSync(path.join(inner, '.git', part), path.join(folder, part), { recursive: true });
  fs.rmSync(scratch, { recursive: true, force: true });
  const touch = (what: string) => `touch '${path.join(markerDir, 'fuzz-marker-' + what)}'`;
  fs.writeFileSync(
    path.join(folder, 'config'),
    [
      '[core]',
      '\trepositoryformatversion = 0',
      '\tbare = false',
      '\tworktree = .',
      `\tfsmonitor = "${touch('fsmonitor')}; echo"`,
      `\thooksPath = hooks`,
      '[filter "fz"]',
      `\tclean = "${touch('clean-filter')}; cat"`,
      `\tsmudge = "${touch('smudge-filter')}; cat"`,
      '[diff "fz"]',
      `\ttextconv = "${touch('textconv')}; cat"`,
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(folder, '.gitattributes'), '* filter=fz diff=fz\n');
  fs.mkdirSync(path.join(folder, 'hooks'), { recursive: true });
  for (const hook of ['post-checkout', 'pre-commit', 'post-index-change', 'reference-transaction']) {
    fs.writeFileSync(path.join(folder, 'hooks', hook), `#!/bin/sh\n${touch('hook-' + hook)}\n`, { mode: 0o755 });
  }
  fs.writeFileSync(path.join(folder, 'a.ts'), "import OpenAI from 'openai';\nexport const f = () => new OpenAI().chat.completions.create({ model: 'gpt-4o-mini', messages: [] });\n");
}
