// The run's summary: figures per family and per oracle, then every failure with its reproducer.
import { FAMILIES, ORACLES, type Family, type Oracle } from './types';
import type { FuzzRun } from './runner';

export interface Figures {
  cases: number;
  commands: number;
  failed: number;
  setupErrors: number;
  /** Cases with at least one failure of the oracle. */
  byOracle: Record<Oracle, number>;
}

export function figures(run: FuzzRun): Record<Family | 'total', Figures> {
  const empty = (): Figures => ({ cases: 0, commands: 0, failed: 0, setupErrors: 0, byOracle: Object.fromEntries(ORACLES.map((o) => [o, 0])) as Record<Oracle, number> });
  const out = { mutation: empty(), shape: empty(), attack: empty(), total: empty() };
  for (const o of run.outcomes) {
    for (const f of [out[o.family], out.total]) {
      f.cases++;
      f.commands += o.commands;
      if (o.failures.length) f.failed++;
      if (o.setupError) f.setupErrors++;
      for (const oracle of new Set(o.failures.map((x) => x.oracle))) f.byOracle[oracle]++;
    }
  }
  return out;
}

const HEADERS = ['family', 'cases', 'commands', 'failed', ...ORACLES];

export function renderSummary(run: FuzzRun, corpusFiles: number): string {
  const o = run.options;
  const fig = figures(run);
  const rows = [...FAMILIES, 'total' as const].map((fam) => {
    const f = fig[fam];
    return [fam, f.cases, f.commands, f.failed, ...ORACLES.map((x) => f.byOracle[x])].map(String);
  });
  const widths = HEADERS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const out = [
    `tollgate fuzz: seed ${run.seed}, ${fig.total.cases} cases, ${fig.total.commands} commands in ${(run.ms / 1000).toFixed(0)} s ` +
      `(time budget ${o.timeBudgetS} s${run.budgetReached ? ', reached' : ''}; case timeout ${o.caseTimeoutS} s; corpus ${corpusFiles} files from ${o.corpus.join(', ')})`,
    '',
    line(HEADERS),
    ...rows.map(line),
  ];
  const setupErrors = run.outcomes.filter((x) => x.setupError);
  if (setupErrors.length) out.push('', 'Cases the harness could not build (not counted as failures):', ...setupErrors.map((x) => `  ${x.id}: ${x.setupError}`));
  const failed = run.outcomes.filter((x) => x.failures.length);
  if (failed.length) {
    out.push('', 'Failures:');
    for (const c of failed) {
      out.push(`  ${c.id}  (${c.title})`);
      // The same finding from several commands (one per format, say) is one line naming them all.
      const grouped = new Map<string, string[]>();
      for (const f of c.failures) {
        const key = `${f.oracle}: ${f.detail}`;
        grouped.set(key, [...(grouped.get(key) ?? []), f.command]);
      }
      for (const [key, commands] of grouped) out.push(`    ${key}`, ...[...new Set(commands)].map((cmd) => `      in: ${cmd}`));
      if (c.reproducer) out.push(`    reproducer: ${c.reproducer}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Exit code of `npm run fuzz`: 1 when any case failed. */
export function exitCode(run: FuzzRun): number {
  return run.outcomes.some((o) => o.failures.length) ? 1 : 0;
}
