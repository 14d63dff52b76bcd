import express from 'express';
import { complete } from '../lib/llm';
import { triage } from '../features/triage';
import { draftReply } from '../features/reply';
import { summarizeThread } from '../features/summarize';
import { embedQuery } from '../features/search';
import { translate } from '../features/translate';

export const router = express.Router();

router.post('/tickets/:id/triage', async (req, res) => res.json({ category: await triage(req.body) }));
router.post('/tickets/:id/reply', async (req, res) => res.json({ draft: await draftReply(req.body.history, req.body.name) }));
router.post('/tickets/:id/summary', async (req, res) => res.json({ summary: await summarizeThread(req.body.thread) }));
router.get('/search', async (req, res) => res.json(await embedQuery(String(req.query.q))));
router.post('/translate', async (req, res) => res.json({ text: await translate(req.body.text, req.body.language) }));

// Sentiment uses the larger model for escalations.
router.post('/tickets/:id/sentiment', async (req, res) =>
  res.json({ mood: await complete('Rate the customer mood from 1 to 5. Answer with the digit.', req.body.text, { model: 'gpt-4.1', maxTokens: 1, feature: 'sentiment' }) }),
);
