import { exactString, options, path, type Arg, type SdkValue, type Value, present } from '../../resolve/values';
import { ctorName, splitAtNew } from '../common';
import { packageName } from '../../project/imports';
import type { MatchContext, TagDraft } from '../types';


/** One AWS SDK v3 client package: its command classes and the aggregated client's methods. */
export interface Surface<S> {
  module: string;
  clientClasses: Set<string>;
  commands: Record<string, S>;
  /** Aggregated-client method name to the command it sends. */
  methods: Record<string, string>;
}

/**
 * The operation and its input: from the command passed to `send`, or from an aggregated method.
 * A command only counts when it comes from the same package as the client: the service routes by client.
 */
export function findOperation<S>(callee: SdkValue, ctx: MatchContext, surface: Surface<S>): { spec: S; inputArg: Arg | undefined } | null {
  const chain = splitAtNew(callee);
  if (!chain || !surface.clientClasses.has(ctorName(chain)) || chain.members.length !== 1) return null;
  const member = chain.members[0];
  if (member !== 'send') {
    const cmd = surface.methods[member];
    return cmd ? { spec: surface.commands[cmd], inputArg: ctx.args[0] } : null;
  }
  const arg = ctx.arg(0);
  if (!arg) return null;
  for (const o of options(arg)) {
    if (o.k !== 'sdk' || packageName(o.module) !== surface.module) continue;
    const cmdChain = splitAtNew(o);
    if (!cmdChain || cmdChain.after.length) continue;
    const spec = surface.commands[ctorName(cmdChain)];
    if (spec) return { spec, inputArg: cmdChain.ctorArgs[0] };
  }
  return null;
}

export function firstPath(obj: Value | null | undefined, paths: string[]): { name: string; value: Value } | null {
  for (const p of paths) {
    const v = obj ? path(obj, p) : undefined;
    if (present(v)) return { name: p, value: v };
  }
  return null;
}

export const REASONING = ['thinking.budget_tokens', 'reasoning_config.budget_tokens', 'reasoningConfig.maxReasoningEffort', 'reasoning_effort', 'thinking.type'];

const APP_PROFILE_ARN = /^arn:aws[\w-]*:bedrock:[\w-]+:\d+:application-inference-profile\/[\w-]+$/;

/** An application inference profile carries AWS cost allocation tags onto the bill. */
export function profileTags(model: Value | null): TagDraft[] {
  if (!model) return [];
  return options(model)
    .filter((o) => APP_PROFILE_ARN.test(exactString(o) ?? ''))
    .map((o) => ({ key: 'inference-profile', value: o, mechanism: 'bedrock.application-inference-profile', reachesBill: true }));
}
