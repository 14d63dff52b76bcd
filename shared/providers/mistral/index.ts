import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const mistralAdapter: ProviderAdapter = {
  id: 'mistral',
  modules: [],
  callNames: [],
  match: () => null,
};
