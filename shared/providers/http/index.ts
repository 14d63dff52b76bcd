import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const httpAdapter: ProviderAdapter = {
  id: 'http',
  modules: [],
  callNames: [],
  match: () => null,
};
