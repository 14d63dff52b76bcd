import OpenAI from 'openai';

const groq = new OpenAI({ baseURL: 'https://api.groq.com/openai/v1', apiKey: process.env.GROQ_API_KEY });
const MODEL = process.env.TRANSLATE_MODEL ?? 'llama-3.3-70b-versatile';

export async function translate(text: string, language: string) {
  const res = await groq.chat.completions.create({
    model: MODEL,
    messages: [
      { role: 'system', content: `Translate the user's message into ${language}. Keep formatting.` },
      { role: 'user', content: text },
    ],
    metadata: { team: 'localization', feature: 'translate' },
  });
  return res.choices[0]?.message.content ?? '';
}
