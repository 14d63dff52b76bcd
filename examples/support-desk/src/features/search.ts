import { openai } from '../lib/openai';

// Embeds every help-center article: one request per article, as many as the caller passes.
export async function indexArticles(articles: string[]) {
  // tollgate: volume 1/week fanout 2k tokens text=600
  return Promise.all(articles.map((text) => openai.embeddings.create({ model: 'text-embedding-3-small', input: text })));
}

export async function embedQuery(query: string) {
  // tollgate: volume 5k/day tokens query=20
  const res = await openai.embeddings.create({ model: 'text-embedding-3-small', input: query, user: 'search' });
  return res.data[0].embedding;
}
