// Which files an analysis consulted, for the editor session: an edit re-analyses exactly the call
// sites whose analysis read the edited file (see WorkspaceSession). Results the evaluator keeps for
// reuse (a constant's value, a module's export, a function's callers, an object's property) carry the
// reads that made them, and a later use of a kept result counts those reads again. Outside a
// tracked run nothing is recorded, so a plain scan pays nothing.

const logs: Array<Set<string>> = [];

/** Whether a tracked run is under way. */
export function tracking(): boolean {
  return logs.length > 0;
}

/** Runs `fn` and returns the files it read; they also count as read by an enclosing tracked run. */
export function trackReads<T>(fn: () => T): { value: T; reads: Set<string> } {
  const reads = new Set<string>();
  logs.push(reads);
  try {
    return { value: fn(), reads };
  } finally {
    logs.pop();
    noteReads(reads);
  }
}

/**
 * Puts the stack of tracked runs back as it is now, for a caller whose computation may be stopped in
 * place (see time-budget.ts): a stopped `trackReads` never pops its log.
 */
export function readsRestorer(): () => void {
  const depth = logs.length;
  return () => {
    logs.length = depth;
  };
}

export function noteRead(file: string): void {
  if (logs.length) logs[logs.length - 1].add(file);
}

/** Counts the reads behind a kept result as read now. */
export function noteReads(files: Iterable<string> | undefined): void {
  if (!files || !logs.length) return;
  const top = logs[logs.length - 1];
  for (const f of files) top.add(f);
}

/** Runs `compute`, tracked only when a run is tracked: its reads, or null. */
export function tracked<T>(compute: () => T): { value: T; reads: Set<string> | null } {
  return logs.length ? trackReads(compute) : { value: compute(), reads: null };
}
