import type { PromptBreakdown, PromptRow } from '../../shared/estimate/breakdown';
import type { SessionOptions, SessionSnapshot } from '../../shared/session';

// The messages between the extension host and the analysis worker. Everything here is plain JSON:
// the worker owns the core's workspace session (and ts-morph), the host only ever sees results.

export type { SessionOptions, SessionSnapshot };

/** How a call site is grouped in the "LLM costs" view: the same keys as the core's totals rows. */
export interface GroupKeys {
  /** Several when the call site is split by caller (its units' teams or features, see shared/estimate/caller-units.ts). */
  team: string[];
  feature: string[];
  model: string;
}

/** A snapshot as the host receives it: the session's, plus the grouping keys the view needs. */
export interface WorkspaceView {
  root: string;
  snapshot: SessionSnapshot;
  groups: Record<string, GroupKeys>;
}

/** One line of a call's prompt in the hover: what it is and how many tokens it stands for. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** The prompt part by part, as the core breaks it down. */
export type Breakdown = PromptBreakdown;
export type { PromptRow };

export type HostMessage =
  | { type: 'open'; id: number; root: string; options: SessionOptions }
  | { type: 'update'; id: number; file: string; text: string | null }
  | { type: 'reload'; id: number; options: SessionOptions }
  | { type: 'breakdown'; id: number; siteId: string }
  | { type: 'report'; id: number }
  /** An unsaved tollgate.yml: its errors, without applying it (it applies when saved). */
  | { type: 'validateConfig'; id: number; file: string; text: string }
  /** The text of a starter tollgate.yml, as `tollgate init` writes it. */
  | { type: 'starter'; id: number };

export type WorkerMessage =
  | { type: 'view'; id: number; view: WorkspaceView }
  | { type: 'breakdown'; id: number; breakdown: Breakdown | null }
  | { type: 'report'; id: number; markdown: string }
  | { type: 'configProblems'; id: number; file: string; problems: ConfigProblem[] }
  | { type: 'starter'; id: number; text: string }
  | { type: 'error'; id: number; message: string };
