import { exactString, options, type Value } from '../../resolve/values';
import type { Evaluator } from '../../resolve/evaluate';
import { packageName } from '../../project/imports';
import { argValue, firstProp, type ClientChain } from '../common';
import { providerFromModelName, providerFromModelPrefix, providerFromURL } from '../hosts';
import type { TagDraft } from '../types';

// Anthropic's own SDK and the packages that point the same client at a cloud: each package's
// client class decides who bills the call, unless a baseURL sends it through a gateway.

export interface ClientSpec {
  provider: string;
  sdk: string;
  /** The cloud clients speak to their cloud's endpoint: a baseURL there is no gateway. */
  cloud: boolean;
}

const DIRECT: ClientSpec = { provider: 'anthropic', sdk: 'anthropic', cloud: false };
const BEDROCK: ClientSpec = { provider: 'bedrock', sdk: 'anthropic-bedrock', cloud: true };
// Claude on Vertex AI is billed by Google Cloud; 'google-vertex' keeps it apart from Gemini's 'google'.
const VERTEX: ClientSpec = { provider: 'google-vertex', sdk: 'anthropic-vertex', cloud: true };
const FOUNDRY: ClientSpec = { provider: 'azure-foundry', sdk: 'anthropic-foundry', cloud: true };
// Claude Platform on AWS / Google Cloud: Anthropic's API, bought through the cloud's marketplace.
const AWS: ClientSpec = { provider: 'anthropic-aws', sdk: 'anthropic-aws', cloud: true };
const GOOGLE_CLOUD: ClientSpec = { provider: 'anthropic-google-cloud', sdk: 'anthropic-google-cloud', cloud: true };

/** Client classes by package; `default` is the class the package exports as default. */
const CLIENTS: Record<string, Record<string, ClientSpec>> = {
  '@anthropic-ai/sdk': { default: DIRECT, Anthropic: DIRECT },
  '@anthropic-ai/bedrock-sdk': { default: BEDROCK, AnthropicBedrock: BEDROCK, AnthropicBedrockMantle: BEDROCK },
  '@anthropic-ai/vertex-sdk': { default: VERTEX, AnthropicVertex: VERTEX },
  '@anthropic-ai/foundry-sdk': { default: FOUNDRY, AnthropicFoundry: FOUNDRY },
  '@anthropic-ai/aws-sdk': { default: AWS, AnthropicAws: AWS },
  '@anthropic-ai/google-cloud-sdk': { default: GOOGLE_CLOUD, AnthropicGoogleCloud: GOOGLE_CLOUD },
};

export const CLIENT_MODULES = Object.keys(CLIENTS);

export function clientSpec(module: string, cls: string): ClientSpec | null {
  return CLIENTS[packageName(module)]?.[cls] ?? null;
}

/**
 * The client's options, merged with those of `client.withOptions({...})` derivations (later wins),
 * and the member path with those derivations removed: `withOptions.().messages.create` → `messages.create`.
 */
export function effectiveClient(ev: Evaluator, chain: ClientChain): { opts: Value[]; members: string[] } | null {
  const opts: Value[] = [];
  const base = argValue(ev, chain.ctorArgs, 0);
  if (base) opts.push(base);
  const members: string[] = [];
  for (let i = 0; i < chain.after.length; i++) {
    const step = chain.after[i];
    const next = chain.after[i + 1];
    if (step.t === 'get' && step.name === 'withOptions' && next?.t === 'call') {
      const o = argValue(ev, next.args, 0);
      if (o) opts.push(o);
      i++;
      continue;
    }
    if (step.t !== 'get') return null;
    members.push(step.name);
  }
  return { opts, members };
}

/** The last client option set under one of `names` across the base client and its derivations. */
export function clientOption(opts: Value[], names: string[]): Value | null {
  for (let i = opts.length - 1; i >= 0; i--) {
    const found = firstProp(opts[i], names);
    if (found) return found.value;
  }
  return null;
}

/** Who bills the call and through which gateway, from the client class, its baseURL and the model. */
export function routeOf(spec: ClientSpec, baseURL: Value | null, model: Value | null): { provider: string; gateway: string | null } {
  if (!baseURL) return { provider: spec.provider, gateway: null };
  const infos = options(baseURL).map((o) => {
    const s = exactString(o);
    return s === null ? null : providerFromURL(s);
  });
  const known = infos.filter((i): i is NonNullable<typeof i> => !!i);
  // A cloud client bills through its cloud whatever the endpoint; only a gateway in between is news.
  if (spec.cloud) return { provider: spec.provider, gateway: known.find((k) => k.gateway)?.gateway ?? null };
  const fromModel = modelVendor(model);
  if (!known.length || known.length !== infos.length) return { provider: fromModel ?? 'anthropic-compatible', gateway: null };
  const gateways = new Set(known.map((k) => k.gateway));
  const providers = new Set(known.map((k) => k.provider));
  if (gateways.size !== 1 || providers.size !== 1) return { provider: fromModel ?? 'anthropic-compatible', gateway: null };
  const { provider, gateway } = known[0];
  // A gateway forwards to whoever the model names; hosts.ts assumes OpenAI for generic gateways.
  return { provider: gateway ? fromModel ?? provider : provider, gateway };
}

function modelVendor(model: Value | null): string | null {
  if (!model) return null;
  const vendors = options(model).map((o) => {
    const s = exactString(o);
    return s ? providerFromModelPrefix(s) ?? providerFromModelName(s) : null;
  });
  return vendors.length && vendors.every((v) => v && v === vendors[0]) ? vendors[0] : null;
}

/** Attribution a cloud client carries: the Google Cloud project Vertex bills. */
export function cloudTags(spec: ClientSpec, opts: Value[]): TagDraft[] {
  if (spec !== VERTEX) return [];
  const project = clientOption(opts, ['projectId']);
  return project ? [{ key: 'project', value: project, mechanism: 'vertex.projectId', reachesBill: true }] : [];
}
