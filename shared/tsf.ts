import { ts } from 'ts-morph';

/**
 * TypeScript's API as plain properties. ts-morph and TypeScript's own bundle expose every export
 * through a getter, so `ts.isIdentifier(n)` in a hot loop costs two extra calls; the evaluator makes
 * millions of them on a large scan. Types still come from `ts` (import { ts } from 'ts-morph').
 */
export const tsf: typeof ts = Object.assign(Object.create(null), ts);
