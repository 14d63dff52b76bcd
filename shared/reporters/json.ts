import type { ScanResult } from '../types';
import type { EstimatedResult } from '../estimate';

/** The public JSON contract: stable key order comes from how the core builds its objects. */
export function renderJson(result: ScanResult | EstimatedResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
