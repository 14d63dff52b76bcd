import { exactString, prop, type Value, present } from '../../resolve/values';
import type { PromptSource } from '../types';

/** Content blocks of Converse (`[{ text }, { image }, { cachePoint }]`) and native message parts. */
export function contentParts(role: string | undefined, content: Value | undefined, out: PromptSource[]): void {
  if (!present(content)) return;
  if (content.k !== 'arr') {
    out.push({ role, value: content });
    return;
  }
  for (const part of content.items) {
    if (part.k !== 'obj') {
      out.push({ role, value: part.k === 'unknown' ? { ...part, hint: part.hint ?? 'history' } : part });
      continue;
    }
    const text = prop(part, 'text');
    if (present(text)) {
      out.push({ role, value: text });
      continue;
    }
    const type = exactString(prop(part, 'type'));
    const media = ['image', 'document', 'video', 'audio'].find((k) => present(prop(part, k))) ?? (type && /image|document|file|audio|video/.test(type) ? type : null);
    if (media) out.push({ role, value: { k: 'unknown', reason: `${media} content`, expr: media, hint: 'document' } });
  }
}

export function messagesPrompt(messages: Value | undefined, out: PromptSource[]): void {
  if (!present(messages)) return;
  for (const m of messages.k === 'arr' ? messages.items : [messages]) {
    if (m.k === 'obj') contentParts(exactString(prop(m, 'role')) ?? undefined, prop(m, 'content') ?? prop(m, 'message'), out);
    else out.push({ value: m.k === 'unknown' ? { ...m, hint: m.hint ?? 'history' } : m });
  }
}
