import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const groqAdapter: ProviderAdapter = {
  id: 'groq',
  modules: [],
  callNames: [],
  match: () => null,
};
