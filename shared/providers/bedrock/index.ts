import type { ProviderAdapter } from '../types';

// In progress: filled in by this provider's own change.
export const bedrockAdapter: ProviderAdapter = {
  id: 'bedrock',
  modules: [],
  callNames: [],
  match: () => null,
};
