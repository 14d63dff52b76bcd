// The contract between the core and its glue (CLI, action, extension). Plain JSON only.

export type Resolved =
  | { status: 'exact'; value: string; notes?: string[] }
  | { status: 'oneOf'; values: string[]; notes?: string[] }
  | { status: 'unknown'; reason: string; notes?: string[] };

export type CallKind = 'chat' | 'embedding' | 'image' | 'audio' | 'moderation' | 'batch' | 'other';

export interface Tag {
  key: string;
  /** The tag's value as written; null when it is computed at run time (see `dynamic`). */
  value: string | null;
  dynamic: boolean;
  /** Where the tag is attached, e.g. "openai.metadata", "helicone.header", "client.project". */
  mechanism: string;
  /** True when the mechanism shows up on the model provider's own bill, not only in logs or a gateway. */
  reachesBill: boolean;
  /** Where in the code the tag is set, when it is not on the call itself. */
  source?: { file: string; line: number };
}

/** A piece of the prompt: static text, or a placeholder whose size is not in the code. */
export type PromptPart =
  | { type: 'text'; role?: string; text: string; source?: { file: string; line: number } }
  | { type: 'placeholder'; role?: string; name: string; expression: string; hint?: 'history' | 'document' | 'value' };

export interface Caller {
  file: string;
  line: number;
  column: number;
  function: string | null;
  /** The call site's values as this caller makes them (model, maxOutputTokens). */
  values: { model: Resolved; [field: string]: Resolved };
  /** What each parameter of the wrapper receives at this caller, resolved. */
  arguments: Record<string, Resolved>;
  /** The tags the call site sends when this caller makes it; absent when it sends none. */
  tags?: Tag[];
  /** Through wrappers of wrappers: the outermost call this caller's values come from; absent when it is this call. */
  origin?: { file: string; line: number; column: number; function: string | null };
  /** A `// tollgate: volume N/period` above the caller (its origin, through wrappers): invocations per month of this caller's share. */
  volume?: { file: string; line: number; perMonth: number; text: string };
}

export interface CallOptions {
  maxOutputTokens: Resolved | null;
  /** The option name the provider uses for the output bound (max_tokens, maxOutputTokens, ...). */
  maxOutputOption: string;
  streaming: boolean;
  /** Number of tool definitions passed when statically countable. */
  tools: number | null;
  /** Agent step bound (maxSteps, stopWhen: stepCountIs(n), recursionLimit ...). */
  maxSteps: Resolved | null;
  reasoning: Resolved | null;
  cacheControl: boolean;
  batch: boolean;
  serviceTier: Resolved | null;
  /** Set only when a cache breakpoint asks for the 1-hour TTL (`ttl: '1h'`). */
  cacheTtl?: '1h';
  /** Set only when the call asks for several completions (OpenAI `n`, Gemini `candidateCount`). */
  candidates?: Resolved;
  /** What an image call asks for; set on image calls only. */
  image?: ImageRequest;
  /** How many documents a rerank call ranks (a count), when the call passes documents. */
  documents?: Resolved | null;
  /** Search tools the provider runs and bills per use (web search, grounding); set when the call enables one. */
  search?: HostedSearch[];
}

/** The options an image call sets; null: not set (the API's default applies). */
export interface ImageRequest {
  /** `1024x1024`, `1536x1024`, `auto`, or Gemini's `1K` / `2K` / `4K`. */
  size: Resolved | null;
  /** `low` / `medium` / `high` / `auto` (GPT Image), `standard` / `hd` (DALL·E 3). */
  quality: Resolved | null;
  /** Images per call: `n`, `numberOfImages`. */
  count: Resolved | null;
  /** `16:9` and the like: a shape, not a price, for every model in the table. */
  aspectRatio: Resolved | null;
}

/** A provider-run search tool the call enables, billed per search or per grounded prompt. */
export interface HostedSearch {
  /** The tool as the provider names it: web_search, web_search_preview, web_search_20250305, google_search, google_search_retrieval, web_search_options. */
  tool: string;
  /** The most searches one call may make (Anthropic `max_uses`). */
  maxUses: Resolved | null;
  /** OpenAI's and Perplexity's `search_context_size`. */
  contextSize: Resolved | null;
}

export interface CallSite {
  id: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  function: string | null;
  provider: string;
  /** The SDK or framework that sends the request, when it differs from the provider (a gateway or host). */
  sdk: string;
  gateway: string | null;
  baseURL: Resolved | null;
  api: string;
  kind: CallKind;
  model: Resolved;
  prompt: PromptPart[];
  options: CallOptions;
  tags: Tag[];
  callers: Caller[];
  /** The call runs inside a loop, `.map(...)` or `Promise.all(...)` of its own function: calls per invocation multiply. */
  fanOut: null | { kind: 'loop' | 'map' | 'promise-all'; line: number };
  /** A `// tollgate: ...` annotation above the call or its statement. */
  annotation: null | { line: number; volumePerMonth: number | null; volume: string | null; tokens: Record<string, number>; fanout: number | null };
  /** high: model and client resolved statically; medium: some part comes from callers or defaults; low: guessed shape. */
  confidence: 'high' | 'medium' | 'low';
}

export interface ScanWarning {
  file: string;
  line?: number;
  message: string;
}

export interface ScanStats {
  filesSeen: number;
  filesCandidate: number;
  filesParsed: number;
  callSites: number;
  /** Files that may hold calls the estimate lacks: they import an AI package tollgate does not read, or call an SDK member it does not recognise, and yield no call site. */
  unreadFiles: number;
}

/** An inference-looking call of an SDK an adapter reads that no adapter recognised, in a file without call sites. */
export interface UnreadCall {
  file: string;
  line: number;
  /** The package the called value comes from. */
  sdk: string;
  /** The call as written: the member chain from its receiver (`client.beta.realtime.sessions.create`). */
  call: string;
}

/** What the scan saw but could not read (see shared/coverage.ts); each entry also has its warning. */
export interface Coverage {
  /** Unread AI packages imported by files without call sites, by package; `files` sorted relative paths. */
  unreadPackages: Array<{ package: string; files: string[] }>;
  unreadCalls: UnreadCall[];
}

export interface ScanResult {
  tool: { name: 'tollgate'; version: string };
  callSites: CallSite[];
  warnings: ScanWarning[];
  stats: ScanStats;
  coverage: Coverage;
}
