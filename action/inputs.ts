// The action's inputs, read from the INPUT_* variables the runner sets (name upper-cased, spaces to
// underscores, dashes kept). Read when the action runs, never at import time, so tests and the
// bundle's worker threads see no side effects.

export const COMMENT_MODES = ['update', 'new', 'hide-and-new', 'delete-and-new', 'off'] as const;
export const COMMENT_ON = ['always', 'change', 'failure'] as const;
export const FAIL_ON = ['error', 'warning', 'never'] as const;

export type CommentMode = (typeof COMMENT_MODES)[number];
export type CommentOn = (typeof COMMENT_ON)[number];

export interface Inputs {
  /** Directories to scan, relative to workingDirectory; one report with a section each. */
  paths: string[];
  /** Settings file (relative to workingDirectory); null: each directory's own tollgate.yml. */
  config: string | null;
  /** Another pricing table (relative to workingDirectory, inside the workspace); null: the config's or the built-in one. */
  pricing: string | null;
  token: string;
  comment: CommentMode;
  commentOn: CommentOn;
  /** comment-on: change posts when the monthly change reaches either threshold (null: not set). */
  thresholdUsd: number | null;
  thresholdPercent: number | null;
  /** The hidden first line that finds this job's comment again. */
  marker: string;
  failOn: (typeof FAIL_ON)[number];
  /** Findings the base already has fail the check too (strict mode); default: only new ones do. */
  failOnExisting: boolean;
  baseRef: string | null;
  workingDirectory: string;
}

/** A bad input value; the message names the input and what it accepts. */
export class InputError extends Error {}

function raw(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], fallback: T): T {
  const v = raw(env, name) || fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new InputError(`input ${name}: "${v}" is not one of ${allowed.join(', ')}`);
  return v as T;
}

const MAX_THRESHOLD = 1e12;
const MAX_THRESHOLD_TEXT = '1000000000000';

function amount(env: NodeJS.ProcessEnv, name: string): number | null {
  const v = raw(env, name).replace(/^\$|%$/g, '');
  if (!v) return null;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new InputError(`input ${name}: "${raw(env, name)}" is not a number of 0 or more`);
  // 400 digits parse as Infinity: a threshold no change could reach, so the comment would never post.
  if (!(Number(v) <= MAX_THRESHOLD)) throw new InputError(`input ${name}: "${raw(env, name)}" is more than ${MAX_THRESHOLD_TEXT}`);
  return Number(v);
}

function marker(env: NodeJS.ProcessEnv): string {
  const id = raw(env, 'comment-marker') || 'tollgate';
  // The id sits inside an HTML comment: nothing that could close it or start markup.
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,99}$/.test(id) || id.includes('--')) {
    throw new InputError(`input comment-marker: "${id}" must be letters, digits, and _ . : / - (no "--"), up to 100 characters`);
  }
  return `<!-- ${id} -->`;
}

export function readInputs(env: NodeJS.ProcessEnv): Inputs {
  const paths = raw(env, 'path')
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const thresholdUsd = amount(env, 'comment-threshold-usd');
  const thresholdPercent = amount(env, 'comment-threshold-percent');
  const commentOn = oneOf(env, 'comment-on', COMMENT_ON, 'always');
  if ((thresholdUsd !== null || thresholdPercent !== null) && commentOn !== 'change') {
    throw new InputError(`inputs comment-threshold-usd and comment-threshold-percent apply to comment-on: change, not "${commentOn}"`);
  }
  return {
    paths: paths.length ? [...new Set(paths)] : ['.'],
    config: raw(env, 'config') || null,
    pricing: raw(env, 'pricing') || null,
    token: raw(env, 'github-token'),
    comment: oneOf(env, 'comment', COMMENT_MODES, 'update'),
    commentOn,
    thresholdUsd,
    thresholdPercent,
    marker: marker(env),
    failOn: oneOf(env, 'fail-on', FAIL_ON, 'error'),
    failOnExisting: oneOf(env, 'fail-on-existing', ['true', 'false'] as const, 'false') === 'true',
    baseRef: raw(env, 'base-ref') || null,
    workingDirectory: raw(env, 'working-directory') || '.',
  };
}
