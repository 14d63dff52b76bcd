import { openai } from '../lib/openai';

// Embeds every help-center article: one request per article, as many as the caller passes.
export async function indexArticles(articles: string[]) {
  return Promise.all(articles.map((text) => openai.embeddings.create({ model: 'text-embedding-3-small', input: text })));
}

export async function embedQuery(query: string) {
  const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: query, user: 'search' });
  return res.data[0].embedding;
}
