import type { PolicyResult } from '../check';
import { outcomeText, writtenUsd } from '../rules/cost-per-outcome';
import { plainLine } from '../redact';

const clean = plainLine;

/** "Cost per outcome:" lines for the text report, one per feature with `outcomes:`; none when no feature declares one. */
export function outcomeLines(result: PolicyResult): string[] {
  if (!result.outcomes?.length) return [];
  const lines = result.outcomes.map((c) => `  ${clean(c.feature)}: ${clean(outcomeText(c))}${c.maxUsd !== null ? ` (ceiling ${writtenUsd(c.maxUsd)})` : ''}`);
  return ['Cost per outcome:', ...lines, ''];
}
