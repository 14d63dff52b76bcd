import type { ProviderAdapter } from '../types';
import { matchGenai } from './genai';
import { LEGACY, matchModelSdk, VERTEX } from './model-sdks';

// Google's Gemini SDKs: @google/genai (current, Gemini API and Vertex AI), @google/generative-ai
// (legacy Gemini API) and @google-cloud/vertexai (legacy Vertex AI). All bill to Google; `sdk`
// tells them apart: google-genai, google-genai-vertex, google-generative-ai, google-vertex.

const GENAI = '@google/genai';

export const googleAdapter: ProviderAdapter = {
  id: 'google',
  modules: [GENAI, LEGACY, VERTEX],
  callNames: [
    'generateContent',
    'generateContentStream',
    'embedContent',
    'batchEmbedContents',
    'generateImages',
    'editImage',
    'upscaleImage',
    'recontextImage',
    'segmentImage',
    'generateVideos',
    'sendMessage',
    'sendMessageStream',
    'connect',
    'create',
    'createEmbeddings',
  ],
  match(callee, ctx) {
    const module = [GENAI, LEGACY, VERTEX].find((m) => callee.module === m || callee.module.startsWith(m + '/'));
    if (module === GENAI) return matchGenai(callee, ctx);
    if (module === LEGACY || module === VERTEX) return matchModelSdk(callee, ctx);
    return null;
  },
};
