import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const googleAdapter: ProviderAdapter = {
  id: 'google',
  modules: [],
  callNames: [],
  match: () => null,
};
