import type { ScanResult } from '../types';
import type { EstimatedResult } from '../estimate';
import { inertJson } from './workflow-commands';

/**
 * The public JSON contract: stable key order comes from how the core builds its objects. Strings keep
 * their exact values; what a runner or a terminal would act on is written as \uXXXX (see inertJson).
 */
export function renderJson(result: ScanResult | EstimatedResult): string {
  return inertJson(JSON.stringify(result, null, 2)) + '\n';
}
