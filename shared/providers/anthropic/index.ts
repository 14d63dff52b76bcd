import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const anthropicAdapter: ProviderAdapter = {
  id: 'anthropic',
  modules: [],
  callNames: [],
  match: () => null,
};
