import type { CallKind } from '../types';

// Hosts of many models (Replicate, fal) bill whatever the model makes: the kind of call is only in
// the model's name. A name that says nothing stays `other`, never a guess at chat.

const RULES: Array<[RegExp, CallKind]> = [
  [/(^|[/_-])(video|kling|veo|luma|ray-\d|hunyuan-video|wan-?\d|ltx|seedance|pika|minimax\/video|hailuo|animate)/, 'other'],
  [/(whisper|wizper|speech|tts|audio|music|xtts|kokoro|bark|f5-|elevenlabs|voice|chatterbox)/, 'audio'],
  [/(flux|sdxl|stable-diffusion|sd-?3|image|imagen|ideogram|recraft|kolors|playground|seedream|hidream|aura-?flow|lora|kandinsky|photon|nano-banana|pixart|realvis|juggernaut|dreamshaper|upscal|rembg|esrgan|inpaint)/, 'image'],
  [/(llama|mistral|mixtral|gemma|qwen|deepseek|granite|phi-?\d|claude|gpt|instruct|chat|-llm|any-llm|openrouter)/, 'chat'],
];

/** The kind of call a model makes, from its id (`black-forest-labs/flux-schnell`, `fal-ai/flux/dev`). */
export function kindOfModel(id: string): CallKind {
  const name = id.toLowerCase();
  for (const [re, kind] of RULES) if (re.test(name)) return kind;
  return 'other';
}
