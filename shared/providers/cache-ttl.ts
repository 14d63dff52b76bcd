import { exactString, prop, type Value } from '../resolve/values';

// Anthropic prompt-cache breakpoints live 5 minutes unless one asks for an hour
// (`cache_control: { type: 'ephemeral', ttl: '1h' }`, the AI SDK's
// `providerOptions.anthropic.cacheControl: { type: 'ephemeral', ttl: '1h' }`). A 1-hour write is
// priced apart (`cacheWrite1h`: 2x the input price against 1.25x for 5 minutes), so the scan says
// which one the code asks for.

const CACHE_KEYS = new Set(['cache_control', 'cacheControl']);
const MAX_WALK = 6;

/** Whether any cache breakpoint in the value asks for the 1-hour TTL. */
export function asksOneHourCache(v: Value | undefined, depth = 0): boolean {
  if (!v || depth > MAX_WALK) return false;
  switch (v.k) {
    case 'obj':
      for (const [key, inner] of v.props) {
        if (CACHE_KEYS.has(key) && inner.k === 'obj' && exactString(inner.props.get('ttl')) === '1h') return true;
        if (asksOneHourCache(inner, depth + 1)) return true;
      }
      return false;
    case 'arr':
      return v.items.some((i) => asksOneHourCache(i, depth + 1));
    case 'oneOf':
      return v.options.some((o) => asksOneHourCache(o, depth + 1));
    default:
      return false;
  }
}

/** A Messages API body: the top-level automatic breakpoint or one on a system, message or tool block. */
export function bodyAsksOneHourCache(body: Value): boolean {
  if (exactString(prop(prop(body, 'cache_control'), 'ttl')) === '1h') return true;
  return ['system', 'messages', 'tools'].some((k) => asksOneHourCache(prop(body, k)));
}
