import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const langchainAdapter: ProviderAdapter = {
  id: 'langchain',
  modules: [],
  callNames: [],
  match: () => null,
};
