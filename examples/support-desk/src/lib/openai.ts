import OpenAI from 'openai';

// One client for the whole app; requests go through Helicone so spend shows per team there.
export const openai = new OpenAI({
  baseURL: 'https://oai.helicone.ai/v1',
  defaultHeaders: {
    'Helicone-Auth': `Bearer ${process.env.HELICONE_API_KEY}`,
    'Helicone-Property-Team': 'support',
  },
});
