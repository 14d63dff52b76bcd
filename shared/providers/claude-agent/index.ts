import { exactString, options, prop, unknown, type SdkValue, type Value, present } from '../../resolve/values';
import { packageName } from '../../project/imports';
import { countItems, firstProp } from '../common';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';
import { inputPrompt, systemPrompt } from '../agent-prompt';

// The Claude Agent SDK (`@anthropic-ai/claude-agent-sdk`, formerly `@anthropic-ai/claude-code`):
// `query({ prompt, options })` starts Claude Code and yields its messages as an async iterator;
// every turn of its loop is a request to Anthropic. Without `options.model` Claude Code uses its
// own default, which the code does not name. Not call sites: tool(), createSdkMcpServer(), the
// session helpers (listSessions, getSessionInfo, forkSession...).

const MODULES = ['@anthropic-ai/claude-agent-sdk', '@anthropic-ai/claude-code'];
const PACKAGES = new Set(MODULES);
const DEFAULT_MODEL_REASON = 'Claude Code picks its default model (no `model` in the query options)';

/** systemPrompt: a string or list replaces Claude Code's prompt; the preset keeps it and appends. */
function systemOf(opts: Value | undefined): PromptSource[] {
  const out: PromptSource[] = [];
  const sp = prop(opts, 'systemPrompt') ?? prop(opts, 'customSystemPrompt');
  for (const o of present(sp) ? options(sp) : []) {
    if (o.k === 'obj') {
      const type = exactString(prop(o, 'type'));
      if (type === 'preset') {
        out.push({ role: 'system', value: unknown(`the Claude Code system prompt (preset \`${exactString(prop(o, 'preset')) ?? 'claude_code'}\`)`, 'claude_code', 'document') });
        out.push(...systemPrompt(prop(o, 'append'), 'appended system prompt'));
      } else out.push(...systemPrompt(prop(o, 'prompt') ?? o, 'systemPrompt'));
    } else out.push(...systemPrompt(o, 'systemPrompt'));
  }
  if (!present(sp)) out.push({ role: 'system', value: unknown('the Claude Code system prompt (the default when systemPrompt is not set)', 'claude_code', 'document') });
  // Older @anthropic-ai/claude-code option, still read by the SDK.
  out.push(...systemPrompt(prop(opts, 'appendSystemPrompt'), 'appended system prompt'));
  return out;
}

/** thinking: { type: 'enabled', budgetTokens }, the older maxThinkingTokens, or effort. */
function reasoningOf(opts: Value | undefined): Value | null {
  const thinking = prop(opts, 'thinking');
  const budget = prop(thinking, 'budgetTokens');
  if (present(budget)) return budget;
  if (present(thinking) && exactString(prop(thinking, 'type')) !== null) return prop(thinking, 'type')!;
  return firstProp(opts, ['maxThinkingTokens', 'effort'])?.value ?? null;
}

export const claudeAgentAdapter: ProviderAdapter = {
  id: 'claude-agent',
  modules: MODULES,
  callNames: ['query'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (!PACKAGES.has(packageName(callee.module))) return null;
    const first = callee.steps[0];
    if (callee.steps.length !== 1 || first.t !== 'get' || first.name !== 'query') return null;
    const params = ctx.arg(0);
    const opts = prop(params, 'options');
    const model = prop(opts, 'model');
    const known = present(model) && exactString(model) !== '';
    const allowed = prop(opts, 'allowedTools');
    const turns = prop(opts, 'maxTurns');
    return {
      provider: 'anthropic',
      sdk: 'claude-agent-sdk',
      api: 'query',
      kind: 'chat',
      model: known ? model : null,
      modelReason: known ? undefined : DEFAULT_MODEL_REASON,
      gateway: null,
      baseURL: null,
      prompt: [...systemOf(opts), ...inputPrompt(prop(params, 'prompt'))],
      // Claude Code sets each request's output limit itself.
      maxOutput: { value: null, option: '' },
      streaming: true,
      // Only an explicit allow-list says how many tools the model sees; otherwise Claude Code's own set.
      tools: present(allowed) ? countItems(allowed) : null,
      maxSteps: present(turns) ? turns : unknown('no maxTurns: Claude Code runs until the task is done'),
      reasoning: reasoningOf(opts),
      tags: [],
    };
  },
};
