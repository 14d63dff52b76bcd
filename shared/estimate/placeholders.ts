import type { PromptPart } from '../types';
import type { EstimateConfig, Range } from './types';

/** Sizes of the things a prompt interpolates when nothing says better (tokens). */
export const PLACEHOLDER_DEFAULTS: Record<'value' | 'history' | 'document', Range> = {
  // A name, a question, a ticket subject: short.
  value: { low: 10, expected: 100, high: 1000 },
  // A conversation so far: the biggest unknown of a chat app; grows with every turn.
  history: { low: 0, expected: 1500, high: 8000 },
  // Retrieved context, a file, a page: what RAG and summarising stuff into the prompt.
  document: { low: 500, expected: 3000, high: 16000 },
};

/** One image as OpenAI counts it: 85 tokens at low detail, 765 for a 1024×1024 image at high detail, 1,105 for 2048×768. */
const MEDIA_DEFAULT: Range = { low: 85, expected: 765, high: 1105 };

/** Image, audio and file parts of a message, by the part type the adapters report (`image_url`, `input_image` ...). */
const MEDIA_TYPES = /^(image|image_url|input_image|input_audio|input_file|file|document|audio|inline_data|inlineData|fileData|media)$/;
export function isMediaPart(expression: string): boolean {
  return MEDIA_TYPES.test(expression);
}

export interface PlaceholderSize {
  tokens: Range;
  /** Where the size comes from, for the assumptions list. */
  source: 'annotation' | 'config' | 'default';
}

const point = (n: number): Range => ({ low: n, expected: n, high: n });

/** How many tokens a placeholder stands for: annotation, then config (feature, name, default), then a default per kind. */
export function sizePlaceholder(part: Extract<PromptPart, { type: 'placeholder' }>, annotationTokens: Record<string, number>, feature: string | null, config: EstimateConfig): PlaceholderSize {
  const name = part.name;
  if (annotationTokens[name] !== undefined) return { tokens: point(annotationTokens[name]), source: 'annotation' };
  const byFeature = feature ? config.placeholders.features[feature]?.[name] : undefined;
  if (byFeature !== undefined) return { tokens: point(byFeature), source: 'config' };
  const byName = config.placeholders.names[name];
  if (byName !== undefined) return { tokens: point(byName), source: 'config' };
  if (part.hint === 'document' && isMediaPart(part.expression)) return { tokens: MEDIA_DEFAULT, source: 'default' };
  const hint = part.hint ?? 'value';
  if (hint === 'value' && config.placeholders.default !== null) return { tokens: point(config.placeholders.default), source: 'config' };
  return { tokens: PLACEHOLDER_DEFAULTS[hint], source: 'default' };
}
