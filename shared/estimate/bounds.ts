// Upper bounds on the figures a repository states about itself (tollgate.yml, `// tollgate:` annotations).
// Both come from the pull request under review: a figure beyond these is a typo or an attack, never a
// plan, and taken as written it prints as a monthly cost of 9e28 dollars or NaN. Each bound is far
// above any real deployment, so no honest setting meets it. Documented in README "Annotations" and
// in schema/tollgate.schema.json (the `maximum`s there are these numbers).

/** Calls per month: a trillion, about 380,000 calls every second of the month. */
export const MAX_CALLS_PER_MONTH = 1e12;

/** Tokens in one prompt part or one response: 10M, the largest context window offered today. */
export const MAX_TOKENS = 10_000_000;

/** Calls per invocation (fan-out): a million parallel calls for one request. */
export const MAX_FANOUT = 1_000_000;

/** USD amounts per month or per outcome (budgets, ceilings, thresholds): a trillion dollars. */
export const MAX_USD = 1e12;

/** A price in USD per 1M tokens; today's dearest model costs a few hundred. */
export const MAX_PRICE_PER_MTOK = 1_000_000;

/** A percentage of a budget (levels, failAt): 10,000% is a hundred times the budget. */
export const MAX_BUDGET_PERCENT = 10_000;

/** Self-hosted deployments: USD per GPU per hour, GPUs, tokens per second. */
export const MAX_GPU_HOURLY_USD = 1_000_000;
export const MAX_GPUS = 1_000_000;
export const MAX_TOKENS_PER_SECOND = 1e9;

/** A figure as a message shows it: JavaScript writes integers below 1e21 in full (1000000000000). */
export const figureText = (n: number): string => (Number.isNaN(n) ? '.nan' : n === Infinity ? '.inf' : n === -Infinity ? '-.inf' : String(n));
