import * as path from 'path';
import { ts } from 'ts-morph';
import { tsf } from '../tsf';
import { budgetMsFromEnv, formatSeconds, TimeBudgetExceeded, withinTimeBudget } from '../time-budget';
import { errorText, isStackOverflow } from '../failures';
import { MAX_NESTING } from './walk';

/** The environment variable that sets the time budget of one file's parse, in seconds. */
export const PARSE_BUDGET_ENV = 'TOLLGATE_PARSE_BUDGET';
/** Seconds: a 2 MB file (the size limit for sources) parses in half a second in a fresh process. */
export const DEFAULT_PARSE_BUDGET_S = 10;
const MAX_PARSE_BUDGET_S = 3600;

/** The per-file parse budget in milliseconds from the environment, or an Error saying what is wrong with it. */
export function parseBudgetMs(env: NodeJS.ProcessEnv = process.env): number {
  return budgetMsFromEnv(PARSE_BUDGET_ENV, DEFAULT_PARSE_BUDGET_S, MAX_PARSE_BUDGET_S, env);
}

/**
 * The warning for a file nested deeper than MAX_NESTING, whether the parser ran out of stack on it or
 * the tree was measured: the same words either way, so that where it happened does not show.
 */
export const NESTED_TOO_DEEPLY = `skipped: nested more than ${MAX_NESTING} levels deep`;

export type ParseOutcome = { sf: ts.SourceFile } | { skipped: string; line?: number; timedOut?: true };

function scriptKind(file: string): ts.ScriptKind {
  switch (path.extname(file)) {
    case '.tsx':
      return tsf.ScriptKind.TSX;
    case '.jsx':
      return tsf.ScriptKind.JSX;
    case '.js':
    case '.mjs':
    case '.cjs':
      return tsf.ScriptKind.JS;
    default:
      return tsf.ScriptKind.TS;
  }
}

/**
 * A file's syntax tree (parent pointers not set), or why the file is skipped: it does not parse, its
 * parse ran out of the time budget, or it is nested deeper than the parser's recursion can go.
 */
export function parseSource(abs: string, text: string, budgetMs: number, kind: ts.ScriptKind = scriptKind(abs)): ParseOutcome {
  let sf: ts.SourceFile;
  try {
    // JSDoc is not read by the analysis; skipping it makes parsing about a quarter faster.
    sf = withinTimeBudget(budgetMs, () =>
      tsf.createSourceFile(abs, text, { languageVersion: tsf.ScriptTarget.Latest, jsDocParsingMode: tsf.JSDocParsingMode.ParseNone }, false, kind),
    );
  } catch (err) {
    resetParser();
    if (err instanceof TimeBudgetExceeded) return { skipped: `skipped: parsing took longer than the ${formatSeconds(err.budgetMs)} s time budget (${PARSE_BUDGET_ENV})`, timedOut: true };
    if (isStackOverflow(err)) return { skipped: NESTED_TOO_DEEPLY };
    return { skipped: `skipped: the parser failed: ${errorText(err)}` };
  }
  const diags = (sf as unknown as { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  if (diags.length) {
    const d = diags[0];
    const { line } = sf.getLineAndCharacterOfPosition(d.start ?? 0);
    return { skipped: `skipped: does not parse: ${tsf.flattenDiagnosticMessageText(d.messageText, ' ')}`, line: line + 1 };
  }
  return { sf };
}

/**
 * TypeScript's parser keeps state between parses in its module (the positions known not to start an
 * arrow function, comment directives) and clears it at the end of a parse; a parse that was stopped
 * or overflowed never got there, and the next file would be parsed with the stale state. Parsing an
 * empty file runs that clean-up. (Also after an analysis that was stopped: it may have been parsing.)
 */
export function resetParser(): void {
  tsf.createSourceFile('reset.ts', '', tsf.ScriptTarget.Latest, false, tsf.ScriptKind.TS);
}
