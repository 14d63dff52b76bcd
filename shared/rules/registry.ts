import { frontierDefault } from './frontier-default';
import { missingAttribution } from './missing-attribution';
import { unboundedOutput } from './unbounded-output';
import { unknownModel } from './unknown-model';
import { unresolvedModel } from './unresolved-model';
import { allowedModels } from './allowed-models';
import { deniedModels } from './denied-models';
import { perCallCeiling } from './per-call-ceiling';
import { unboundedFanOut } from './unbounded-fan-out';
import { budget } from './budget';
import { costPerOutcome } from './cost-per-outcome';
import { costIncrease } from './cost-increase';
import { contextOverflow } from './context-overflow';
import { retiredModel } from './retired-model';
import type { Rule } from './types';

// Adding a rule: a file under shared/rules/, its docs page docs/rules/<id>.md, its tests, one line here.
export const RULES: Rule<never>[] = [missingAttribution, frontierDefault, unboundedOutput, unknownModel, unresolvedModel, allowedModels, deniedModels, perCallCeiling, unboundedFanOut, budget, costPerOutcome, costIncrease, contextOverflow, retiredModel] as Rule<never>[];

export function ruleById(id: string): Rule<never> | undefined {
  return RULES.find((r) => r.meta.id === id);
}
