import { frontierDefault } from './frontier-default';
import { missingAttribution } from './missing-attribution';
import { unboundedOutput } from './unbounded-output';
import { unknownModel } from './unknown-model';
import { unresolvedModel } from './unresolved-model';
import type { Rule } from './types';

// Adding a rule: a file under shared/rules/, its docs page docs/rules/<id>.md, its tests, one line here.
export const RULES: Rule<never>[] = [missingAttribution, frontierDefault, unboundedOutput, unknownModel, unresolvedModel] as Rule<never>[];

export function ruleById(id: string): Rule<never> | undefined {
  return RULES.find((r) => r.meta.id === id);
}
