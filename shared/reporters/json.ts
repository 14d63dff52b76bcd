import type { ScanResult } from '../types';

/** The public JSON contract: stable key order comes from how the core builds its objects. */
export function renderJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
