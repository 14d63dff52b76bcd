// What went wrong when an analysis step threw, in the words of a warning.

/** V8's "Maximum call stack size exceeded": input nested deeper than a recursive step can follow. */
export function isStackOverflow(err: unknown): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
