import type { ts } from 'ts-morph';
import type { Evaluator } from '../resolve/evaluate';
import type { Arg, Env, SdkValue, Value } from '../resolve/values';
import type { CallKind } from '../types';

/** A tag as an adapter finds it; the scan turns the value into text or "dynamic". */
export interface TagDraft {
  key: string;
  value: Value;
  mechanism: string;
  reachesBill: boolean;
}

/** One part of what is sent as the prompt: a message, a system prompt, an input. */
export interface PromptSource {
  role?: string;
  value: Value;
}

export interface Detection {
  /** Who bills the call (openai, groq, anthropic, bedrock...). */
  provider: string;
  /** Which adapter/SDK sends it. */
  sdk: string;
  api: string;
  kind: CallKind;
  model: Value | null;
  /** Why the model is unknown when the adapter knows better than the evaluator (an assistant's model). */
  modelReason?: string;
  gateway?: string | null;
  baseURL?: Value | null;
  /** The provider is inferred (from a variable's name or the model), not read from a host: medium confidence at best. */
  providerInferred?: boolean;
  prompt: PromptSource[];
  maxOutput: { value: Value | null; option: string };
  streaming: boolean;
  tools?: number | null;
  maxSteps?: Value | null;
  reasoning?: Value | null;
  cacheControl?: boolean;
  /** A cache breakpoint asks for the 1-hour TTL (priced at cacheWrite1h). */
  cacheTtl1h?: boolean;
  /** Completions per request: OpenAI `n`, Gemini `candidateCount`. */
  candidates?: Value | null;
  batch?: boolean;
  serviceTier?: Value | null;
  /** Image calls: size, quality, count and aspect ratio as written (see billed-options.ts). */
  image?: ImageDraft;
  /** Rerank calls: how many documents are ranked (a number, or unknown). */
  documents?: Value | null;
  /** Search tools the provider bills per use, when the call enables one. */
  search?: SearchDraft[];
  tags: TagDraft[];
}

export interface ImageDraft {
  size: Value | null;
  quality: Value | null;
  count: Value | null;
  aspectRatio: Value | null;
}

export interface SearchDraft {
  tool: string;
  maxUses: Value | null;
  contextSize: Value | null;
}

export interface MatchContext {
  ev: Evaluator;
  call: ts.CallExpression;
  env: Env;
  args: Arg[];
  /** The value of the call's i-th argument (undefined when absent). */
  arg(i: number): Value | undefined;
}

/**
 * One SDK or call style. `modules` and `callNames` are the cheap checks (text prefilter, then
 * the name of the called member); `match` runs only on calls whose callee evaluates to a value
 * from one of `modules`.
 */
export interface ProviderAdapter {
  id: string;
  /** npm package names whose values this adapter reads (matched on the package part of the specifier). */
  modules: string[];
  /** Extra text that makes a file a candidate (hosts, for raw HTTP). */
  needles?: string[];
  /**
   * A type-only import of these modules makes no file a candidate: their types (ServerResponse,
   * AxiosResponse) describe results, not clients a typed parameter would call.
   */
  typeImportsInert?: boolean;
  /** Names of the functions or methods that can send a request. */
  callNames: string[];
  /**
   * How those calls read in source, for the text prefilter, where a bare method name is too common
   * (`create`, `parse`, `stream` are called on Prisma, zod and JSON all over an app): a name, or a
   * member chain's last two names (`completions.create`). Default: callNames.
   */
  prefilterCalls?: string[];
  /**
   * Call shapes (as prefilterCalls) that make a file a candidate whatever module it imports: for an
   * adapter that also reads modules no adapter lists (see registry.ts adaptersFor). They only ever
   * make 'call' files: an import alone of an unknown package makes no file worth parsing.
   */
  anyPackageCalls?: string[];
  /**
   * Methods whose result is itself a function that sends a request (Genkit's `definePrompt`): in a
   * file that sets a variable to such a call, calls of that variable are read too, whatever its name.
   */
  callableResults?: string[];
  /** `callee` is the evaluated function or method being called (its steps end with the method's name, not the call). */
  match(callee: SdkValue, ctx: MatchContext): Detection | null;
}
