import { exactString, prop, unknown, type Arg, type SdkValue, type Step, type Value, present } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue, countItems, promptFromMessages } from '../common';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';
import { num, systemPrompt } from '../agent-prompt';
import { UNKNOWN_PROVIDER } from '../vercel-ai/models';
import { readGenkitModel, type GenkitModel } from './models';

// Genkit (`genkit`, `genkit/beta`; the 0.x free functions of `@genkit-ai/ai`). `const ai =
// genkit({ plugins, model })` makes the instance whose generate/generateStream/embed/embedMany
// send requests, with `model` as the default for calls that name none. `ai.definePrompt(cfg)`
// returns a function: calling it (or its `.stream`) sends the prompt. `ai.chat(opts).send()` is a
// turn of a chat. Not call sites: defineFlow (the generate inside it is), defineTool,
// defineSchema, model refs such as googleAI.model('...').

const MODULES = ['genkit', '@genkit-ai/ai'];
const PACKAGES = new Set(MODULES);

type Style = 'generate' | 'embed' | 'prompt' | 'chat';

interface Request {
  api: string;
  style: Style;
  kind: CallKind;
  streaming: boolean;
  /** genkit({ ... }) of the instance, for its default model. */
  instance: Value | undefined;
  /** The request options as one object (generate's string form becomes { prompt }). */
  body: Value | undefined;
  /** definePrompt's config, for prompt calls; chat's options, for chat turns. */
  defined?: Value;
  /** A prompt loaded by name from a .prompt file (ai.prompt('name')). */
  dotprompt?: Value;
}

const INSTANCE_METHODS: Record<string, { style: Style; kind: CallKind; streaming: boolean }> = {
  generate: { style: 'generate', kind: 'chat', streaming: false },
  generateStream: { style: 'generate', kind: 'chat', streaming: true },
  embed: { style: 'embed', kind: 'embedding', streaming: false },
  embedMany: { style: 'embed', kind: 'embedding', streaming: false },
};

const callArgs = (s: Step | undefined): Arg[] | null => (s && s.t === 'call' ? s.args : null);

/** generate('text') and generate([{ text }]) are { prompt }. */
function asBody(v: Value | undefined): Value | undefined {
  if (!v) return v;
  if (v.k === 'obj' || v.k === 'oneOf' && v.options.every((o) => o.k === 'obj')) return v;
  return { k: 'obj', props: new Map([['prompt', v]]) };
}

function findRequest(ev: Evaluator, callee: SdkValue, ctx: MatchContext): Request | null {
  const s = callee.steps;
  const names = s.map((x) => (x.t === 'get' ? x.name : '()'));
  // @genkit-ai/ai 0.x: generate({ model, prompt }) as a free function.
  if (packageName(callee.module) === '@genkit-ai/ai' && s.length === 1 && INSTANCE_METHODS[names[0]]) {
    const m = INSTANCE_METHODS[names[0]];
    return { api: names[0], ...m, instance: undefined, body: asBody(ctx.arg(0)) };
  }
  if (names[0] !== 'genkit' || names[1] !== '()') return null;
  const instance = argValue(ev, callArgs(s[1])!, 0);
  const rest = names.slice(2);
  if (rest.length === 1 && INSTANCE_METHODS[rest[0]]) return { api: rest[0], ...INSTANCE_METHODS[rest[0]], instance, body: asBody(ctx.arg(0)) };
  // ai.definePrompt(cfg[, template])(input, opts) and .stream(input, opts)
  if ((rest[0] === 'definePrompt' || rest[0] === 'prompt') && rest[1] === '()' && (rest.length === 2 || (rest.length === 3 && rest[2] === 'stream'))) {
    const args = callArgs(s[3])!;
    const streaming = rest.length === 3;
    const body = ctx.arg(1);
    if (rest[0] === 'prompt') return { api: streaming ? 'prompt.stream' : 'prompt', style: 'prompt', kind: 'chat', streaming, instance, body, dotprompt: argValue(ev, args, 0) ?? unknown('a prompt name known only at run time') };
    const cfg = argValue(ev, args, 0);
    const template = argValue(ev, args, 1);
    const defined = present(template) && cfg?.k === 'obj' ? { k: 'obj' as const, props: new Map([...cfg.props, ['prompt', template]]) } : cfg;
    return { api: streaming ? 'definePrompt.stream' : 'definePrompt', style: 'prompt', kind: 'chat', streaming, instance, body, defined };
  }
  // ai.chat(opts).send(msg), ai.createSession().chat(opts).send(msg)
  const chatAt = rest.lastIndexOf('chat');
  const method = rest[rest.length - 1];
  if (chatAt >= 0 && rest[chatAt + 1] === '()' && chatAt + 3 === rest.length && (method === 'send' || method === 'sendStream')) {
    if (chatAt > 0 && !(rest[0] === 'createSession' || rest[0] === 'loadSession')) return null;
    const defined = argValue(ev, callArgs(s[2 + chatAt + 1])!, 0);
    return { api: `chat.${method}`, style: 'chat', kind: 'chat', streaming: method === 'sendStream', instance, body: asBody(ctx.arg(0)), defined: defined?.k === 'str' ? undefined : defined };
  }
  return null;
}

function userParts(v: Value | undefined): PromptSource[] {
  if (!present(v)) return [];
  // [{ text }, { media }] parts, or a string.
  if (v.k === 'arr') return promptFromMessages({ k: 'obj', props: new Map<string, Value>([['role', { k: 'str', v: 'user' }], ['content', v]]) });
  return [{ role: 'user', value: v }];
}

function promptOf(req: Request): PromptSource[] {
  const { body, defined } = req;
  if (req.style === 'embed') {
    const content = prop(body, 'content');
    return present(content) ? [{ value: content }] : [];
  }
  if (req.dotprompt) return [{ value: unknown(`the template of the dotprompt \`${exactString(req.dotprompt) ?? 'chosen at run time'}\``, 'dotprompt', 'document') }, ...userParts(prop(body, 'prompt'))];
  const out: PromptSource[] = [];
  for (const src of [defined, body]) {
    out.push(...systemPrompt(prop(src, 'system'), 'system'));
    const messages = prop(src, 'messages');
    if (present(messages)) out.push(...promptFromMessages(messages.k === 'arr' ? messages : unknown('messages known only at run time', 'messages', 'history')));
    out.push(...userParts(prop(src, 'prompt')));
  }
  return out;
}

function modelOf(ev: Evaluator, req: Request): GenkitModel {
  const field = req.style === 'embed' ? 'embedder' : 'model';
  const fromCall = readGenkitModel(ev, prop(req.body, field));
  if (fromCall) return fromCall;
  const fromDefinition = readGenkitModel(ev, prop(req.defined, 'model'));
  if (fromDefinition) return fromDefinition;
  if (req.dotprompt) {
    const fallback = req.style !== 'embed' ? readGenkitModel(ev, prop(req.instance, 'model')) : null;
    const reason = 'the model set in the dotprompt file, or the default model of genkit()';
    return fallback ? { ...fallback, model: fallback.model, modelReason: reason } : { provider: UNKNOWN_PROVIDER, model: unknown(reason), modelReason: reason };
  }
  if (req.style !== 'embed') {
    const fromInstance = readGenkitModel(ev, prop(req.instance, 'model'));
    if (fromInstance) return fromInstance;
  }
  const reason = req.style === 'embed' ? 'no embedder named in the call' : 'no model named in the call or in genkit({ model })';
  return { provider: UNKNOWN_PROVIDER, model: null, modelReason: reason };
}

/** A later source's field wins: call options over a prompt's definition. */
function lastPresent(sources: Array<Value | undefined>, read: (v: Value | undefined) => Value | undefined): Value | undefined {
  let found: Value | undefined;
  for (const s of sources) {
    const v = read(s);
    if (present(v)) found = v;
  }
  return found;
}

export const genkitAdapter: ProviderAdapter = {
  id: 'genkit',
  modules: MODULES,
  callNames: [...Object.keys(INSTANCE_METHODS), 'stream', 'send', 'sendStream'],
  prefilterCalls: [...Object.keys(INSTANCE_METHODS), 'definePrompt', 'prompt', 'send', 'sendStream'],
  callableResults: ['definePrompt', 'prompt'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (!PACKAGES.has(packageName(callee.module))) return null;
    const req = findRequest(ctx.ev, callee, ctx);
    if (!req) return null;
    const info = modelOf(ctx.ev, req);
    const sources = [req.defined, req.body];
    const isText = req.style !== 'embed';
    const maxOut = isText ? lastPresent(sources, (v) => prop(prop(v, 'config'), 'maxOutputTokens')) : undefined;
    const tools = lastPresent(sources, (v) => prop(v, 'tools'));
    const turns = lastPresent(sources, (v) => prop(v, 'maxTurns'));
    const streams = req.streaming || present(lastPresent(sources, (v) => prop(v, 'onChunk') ?? prop(v, 'streamingCallback')));
    const toolCount = present(tools) ? countItems(tools) : 0;
    const d: Detection = {
      provider: info.provider,
      sdk: 'genkit',
      api: req.api,
      kind: req.kind,
      model: info.model,
      modelReason: info.model && info.model.k !== 'unknown' ? undefined : info.modelReason,
      gateway: null,
      baseURL: null,
      prompt: promptOf(req),
      maxOutput: { value: maxOut ?? null, option: isText ? 'config.maxOutputTokens' : '' },
      streaming: streams,
      tools: toolCount,
      tags: [],
    };
    // The tool loop runs only when tools are offered; maxTurns bounds it.
    if (toolCount !== 0) d.maxSteps = present(turns) ? turns : num(5, 'default of Genkit (maxTurns: 5)');
    return d;
  },
};
