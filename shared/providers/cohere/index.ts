import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const cohereAdapter: ProviderAdapter = {
  id: 'cohere',
  modules: [],
  callNames: [],
  match: () => null,
};
