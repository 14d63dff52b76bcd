import { exactString, prop, type Arg, type SdkValue, type Step, type Value } from '../../resolve/values';
import { argValue, countItems, firstProp, isTrue, promptFromMessages, tagsFromHeaders } from '../common';
import { clientProvider } from '../openai';
import type { CallKind } from '../../types';
import type { Detection, MatchContext, PromptSource, ProviderAdapter } from '../types';

// `@azure-rest/ai-inference`: a REST-level client made by a factory, not a class
// (`ModelClient(endpoint, credential)`, though apps also write `new ModelClient(...)`), whose
// requests name their route: `client.path("/chat/completions").post({ body: { messages, model } })`.
// The endpoint says who serves the model: Azure OpenAI / AI Foundry resources, serverless
// deployments (`*.models.ai.azure.com`), GitHub Models. Not call sites: `path("/info").get()`,
// `isUnexpected(response)`, `.asNodeStream()` on the request already counted.

const MODULE = '@azure-rest/ai-inference';

interface Route {
  api: string;
  kind: CallKind;
  content: 'messages' | 'input';
}

const ROUTES: Record<string, Route> = {
  'chat/completions': { api: 'chat/completions', kind: 'chat', content: 'messages' },
  embeddings: { api: 'embeddings', kind: 'embedding', content: 'input' },
  'images/embeddings': { api: 'images/embeddings', kind: 'embedding', content: 'input' },
};

/** Without a `model`, a serverless or managed endpoint serves the one model deployed behind it. */
const ENDPOINT_MODEL = 'the model deployed behind the endpoint (the request names none)';

interface RestCall {
  /** The factory's arguments: (endpoint, credential, options). */
  clientArgs: Arg[];
  route: Route;
}

/** `<factory>(endpoint, cred).path(route).post` as steps: gets, one call or new, `path`, its call, `post`. */
function restCall(v: SdkValue, ctx: MatchContext): RestCall | null {
  const s = v.steps;
  const n = s.length;
  if (n < 4) return null;
  const post = s[n - 1];
  const pathCall = s[n - 2];
  const pathGet = s[n - 3];
  const make = s[n - 4];
  if (post.t !== 'get' || post.name !== 'post' || pathCall.t !== 'call' || pathGet.t !== 'get' || pathGet.name !== 'path') return null;
  if ((make.t !== 'call' && make.t !== 'new') || s.slice(0, n - 4).some((x: Step) => x.t !== 'get')) return null;
  const route = exactString(argValue(ctx.ev, pathCall.args, 0));
  if (route === null) return null;
  const known = ROUTES[route.replace(/^\/+/, '').replace(/\/+$/, '')];
  return known ? { clientArgs: make.args, route: known } : null;
}

/** Who serves the endpoint; an endpoint known only at run time is some Azure AI model deployment. */
function endpointProvider(endpoint: Value | null): { provider: string; gateway: string | null; inferred: boolean } {
  const info = endpoint ? clientProvider('OpenAI', endpoint, 'openai') : null;
  if (!info || info.provider === 'openai-compatible') return { provider: 'azure-ai-inference', gateway: null, inferred: true };
  return { ...info, inferred: false };
}

function promptOf(route: Route, body: Value | undefined): PromptSource[] {
  if (route.content === 'messages') return promptFromMessages(prop(body, 'messages'));
  const input = prop(body, 'input');
  return input && input.k !== 'nullish' ? [{ value: input }] : [];
}

export const azureInferenceAdapter: ProviderAdapter = {
  id: 'azure-inference',
  modules: [MODULE],
  callNames: ['post'],
  // `.path("/chat/completions").post(`: only in files that import the package, so `post` is precise enough.
  prefilterCalls: ['post'],
  match(callee: SdkValue, ctx: MatchContext): Detection | null {
    if (callee.module !== MODULE) return null;
    const rest = restCall(callee, ctx);
    if (!rest) return null;
    const request = ctx.arg(0);
    const body = prop(request, 'body');
    const endpoint = argValue(ctx.ev, rest.clientArgs, 0) ?? null;
    const { provider, gateway, inferred } = endpointProvider(endpoint);
    let model: Value | null = prop(body, 'model') ?? null;
    if (model && (model.k === 'nullish' || exactString(model) === '')) model = null;
    const maxNames = rest.route.kind === 'chat' ? ['max_completion_tokens', 'max_tokens'] : [];
    const maxOut = firstProp(body, maxNames);
    const tools = prop(body, 'tools');
    return {
      provider,
      sdk: 'azure-ai-inference',
      api: rest.route.api,
      kind: rest.route.kind,
      model,
      modelReason: model ? undefined : ENDPOINT_MODEL,
      gateway,
      baseURL: endpoint,
      providerInferred: inferred,
      prompt: promptOf(rest.route, body),
      maxOutput: { value: maxOut?.value ?? null, option: maxOut?.name ?? maxNames[0] ?? '' },
      streaming: isTrue(prop(body, 'stream')),
      tools: rest.route.kind !== 'chat' ? 0 : tools && tools.k !== 'nullish' ? countItems(tools) : 0,
      tags: tagsFromHeaders(prop(request, 'headers'), ''),
    };
  },
};
