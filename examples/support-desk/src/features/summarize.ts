import { generateText } from 'ai';
import { openai } from '@ai-sdk/openai';

export async function summarizeThread(thread: string) {
  const { text } = await generateText({
    model: openai('gpt-4.1-mini'),
    system: 'Summarize this support thread for the next agent in five bullet points.',
    prompt: thread,
    maxOutputTokens: 400,
    experimental_telemetry: { isEnabled: true, metadata: { team: 'support', feature: 'thread-summary' } },
  });
  return text;
}
