import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const vercelAiAdapter: ProviderAdapter = {
  id: 'vercel-ai',
  modules: [],
  callNames: [],
  match: () => null,
};
