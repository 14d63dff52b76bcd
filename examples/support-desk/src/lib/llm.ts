import { openai } from './openai';

export interface CompleteOptions {
  model?: string;
  maxTokens?: number;
  feature: string;
}

/** The app's own helper around chat completions: every feature goes through it. */
export async function complete(system: string, user: string, { model = 'gpt-4o-mini', maxTokens = 300, feature }: CompleteOptions) {
  const res = await openai.chat.completions.create({
    model,
    max_tokens: maxTokens,
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
    metadata: { feature },
  });
  return res.choices[0]?.message.content ?? '';
}
