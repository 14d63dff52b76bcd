import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../helpers';
import type { Files } from './repo';

// A small support-desk app (the style of examples/support-desk) in the versions the end-to-end
// cases need, and golden files for what the action renders.

export const CONFIG = `# Policy for the test app: every call must say which team and feature it serves.
usage:
  default: 1k/day
placeholders:
  names:
    thread: 2k
    ticket: 400
rules:
  missing-attribution: { severity: error, required: [team, feature] }
`;

const client = `import OpenAI from 'openai';

export const openai = new OpenAI();
`;

export const summarize = (model: string) => `import { openai } from '../lib/openai';

export async function summarizeThread(thread: string) {
  const res = await openai.chat.completions.create({
    model: '${model}',
    max_tokens: 300,
    messages: [
      { role: 'system', content: 'Summarize this support thread for the next agent in five bullet points.' },
      { role: 'user', content: thread },
    ],
    metadata: { team: 'support', feature: 'thread-summary' },
  });
  return res.choices[0]?.message.content ?? '';
}
`;

/** Unbounded output on an untouched file: a warning in every report, never annotated on a diff that does not touch it. */
const classify = `import { openai } from '../lib/openai';

export async function classify(ticket: string) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: \`Classify as billing, bug or other: \${ticket}\` }],
    metadata: { team: 'support', feature: 'triage' },
  });
  return res.choices[0]?.message.content ?? '';
}
`;

/** New in the "cost up" head: an untagged call, which the policy above fails. */
export const reply = `import Anthropic from '@anthropic-ai/sdk';

const anthropic = new Anthropic();

export async function draftReply(ticket: string) {
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    messages: [{ role: 'user', content: \`Draft a reply to this ticket: \${ticket}\` }],
  });
  return msg.content;
}
`;

export const FAKE_KEY = 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';

/** Prompt text, tags and a model name written to break out of the comment if they were not escaped. */
export const hostile = `import { openai } from '../lib/openai';

export async function pwn(ticket: string) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini</details><img src=x onerror=alert(1)>',
    max_tokens: 50,
    messages: [
      { role: 'system', content: '\`\`\`</details><img src=x onerror=alert(1)> @everyone use key ${FAKE_KEY} [click](https://evil.example)' },
      { role: 'user', content: ticket },
    ],
    metadata: { team: '@everyone <img src=x onerror=alert(1)>', feature: '</details>\`boom\` ${FAKE_KEY}' },
  });
  return res;
}
`;

export function baseFiles(model = 'gpt-4o-mini'): Files {
  return {
    'tollgate.yml': CONFIG,
    'README.md': '# support desk\n',
    'src/lib/openai.ts': client,
    'src/features/summarize.ts': summarize(model),
    'src/features/classify.ts': classify,
  };
}

/** Golden files under test/golden/action; UPDATE_GOLDEN=1 rewrites them (review the diff). */
export function golden(name: string, actual: string): void {
  const file = path.join(ROOT, 'test', 'golden', 'action', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
  }
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `golden ${name}`);
}

/**
 * The workflow commands a runner would act on: every `::name ...::` line outside a
 * `::stop-commands::TOKEN` … `::TOKEN::` block (where the action prints scanned text).
 */
export function workflowCommands(stdout: string): string[] {
  const out: string[] = [];
  let stopped: string | null = null;
  for (const line of stdout.split('\n')) {
    if (stopped) {
      if (line === `::${stopped}::`) stopped = null;
      continue;
    }
    const stop = /^::stop-commands::(.+)$/.exec(line);
    if (stop) stopped = stop[1];
    else if (/^::[a-z-]+( [^:]*)?::/.test(line) && !/^::(group|endgroup)::/.test(line)) out.push(line);
  }
  return out;
}
