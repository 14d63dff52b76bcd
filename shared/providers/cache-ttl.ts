import { exactString, prop, type Value } from '../resolve/values';
import { someProperty } from './common';

// Anthropic prompt-cache breakpoints live 5 minutes unless one asks for an hour
// (`cache_control: { type: 'ephemeral', ttl: '1h' }`, the AI SDK's
// `providerOptions.anthropic.cacheControl: { type: 'ephemeral', ttl: '1h' }`). A 1-hour write is
// priced apart (`cacheWrite1h`: 2x the input price against 1.25x for 5 minutes), so the scan says
// which one the code asks for.

const CACHE_KEYS = new Set(['cache_control', 'cacheControl']);
/** Whether any cache breakpoint in the value asks for the 1-hour TTL. */
export function asksOneHourCache(v: Value | undefined): boolean {
  return someProperty(v, (key, inner) => CACHE_KEYS.has(key) && inner.k === 'obj' && exactString(inner.props.get('ttl')) === '1h');
}

/** A Messages API body: the top-level automatic breakpoint or one on a system, message or tool block. */
export function bodyAsksOneHourCache(body: Value): boolean {
  if (exactString(prop(prop(body, 'cache_control'), 'ttl')) === '1h') return true;
  return ['system', 'messages', 'tools'].some((k) => asksOneHourCache(prop(body, k)));
}
