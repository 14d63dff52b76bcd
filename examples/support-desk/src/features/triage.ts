import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { complete } from '@/lib/llm';

const TRIAGE_PROMPT = readFileSync(join(__dirname, '..', 'prompts', 'triage.md'), 'utf8');

export async function triage(ticket: { subject: string; body: string }) {
  return complete(TRIAGE_PROMPT, `Subject: ${ticket.subject}\n\n${ticket.body}`, { feature: 'triage', maxTokens: 5 });
}
