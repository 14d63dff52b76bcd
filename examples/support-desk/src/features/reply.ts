import Anthropic from '@anthropic-ai/sdk';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const anthropic = new Anthropic();
const SYSTEM = readFileSync(join(__dirname, '..', 'prompts', 'reply-system.md'), 'utf8');

export type Message = { role: 'user' | 'assistant'; content: string };

// Untagged on purpose: tollgate's policy checks will ask who owns this call.
export async function draftReply(history: Message[], customerName: string) {
  // tollgate: volume 800/day tokens history=2k customerName=5
  const msg = await anthropic.messages.create({
    model: 'claude-sonnet-4-5',
    max_tokens: 1024,
    system: SYSTEM,
    messages: [...history, { role: 'user', content: `Draft the next reply to ${customerName}.` }],
  });
  return msg.content;
}
