import * as fs from 'fs';
import * as path from 'path';
import { scan } from '../shared/scan';
import { checkPolicy, checkRevisions, type PolicyResult } from '../shared/check';
import { DiffError } from '../shared/diff';
import type { GitRepository } from '../shared/diff/git';
import { findConfig, loadConfig, scanSettings, withPricingTable, type TollgateConfig } from '../shared/config/load';
import type { PricingTableFile } from '../shared/pricing/table-file';

// One directory through the core, as `tollgate check [--base]` does it. The head is the working
// tree (the checkout) or, for pull_request_target, a commit read through git: never run.

export interface Revisions {
  /** Full sha of the base; null: no comparison (push without base-ref). */
  base: string | null;
  /** Full sha of the head read through git; null: the working tree. */
  head: string | null;
  /** How the comment names each side (branch and short sha). */
  baseLabel: string;
  headLabel: string;
}

export interface DirectoryReport {
  /** The directory as the workflow gave it (relative to working-directory). */
  path: string;
  /** The directory relative to the repository root, posix separators ('' at the root): findings' files are relative to it. */
  prefix: string;
  result: PolicyResult;
  config: TollgateConfig;
}

export interface AnalyseOptions {
  /** Absolute directory to scan, inside the repository's work tree. */
  dir: string;
  display: string;
  repo: GitRepository;
  revisions: Revisions;
  /** Settings file (absolute) for every directory; null: each directory's own. */
  configFile: string | null;
  failOn: PolicyResult['policy']['failOn'];
  /** The `pricing` input's table, for every directory and both sides of a diff; null: each config's own. */
  pricingTable?: PricingTableFile | null;
  /** Findings already on the base fail the check too (input fail-on-existing). */
  failOnExisting: boolean;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

export function analyseDirectory(o: AnalyseOptions): DirectoryReport {
  if (!fs.existsSync(o.dir) || !fs.statSync(o.dir).isDirectory()) throw new DiffError(`input path: ${o.display} is not a directory`);
  const prefix = toPosix(path.relative(o.repo.top, fs.realpathSync(o.dir)));
  if (prefix.startsWith('..')) throw new DiffError(`input path: ${o.display} is outside the repository ${o.repo.top}`);
  const { base, head } = o.revisions;
  if (!base) {
    const config = withPricingTable(loadConfig(o.configFile ?? findConfig(o.dir), undefined, o.repo.top), o.pricingTable ?? null);
    const result = checkPolicy(scan(o.dir, scanSettings(config)), o.dir, config, o.failOn);
    return { path: o.display, prefix, result, config };
  }
  // Suppression comments are read from each side's own files (for pull_request_target the head's, not the checkout's).
  const { result, config } = checkRevisions({ dir: o.dir, base, head, configFile: o.configFile, failOn: o.failOn, failOnExisting: o.failOnExisting, pricingTable: o.pricingTable ?? null, labels: { base: o.revisions.baseLabel, head: o.revisions.headLabel } });
  return { path: o.display, prefix, result, config };
}
