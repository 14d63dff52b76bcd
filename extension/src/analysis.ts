import * as fs from 'fs';
import { WorkspaceSession, type SessionSnapshot } from '../../shared/session';
import { rowKeys } from '../../shared/estimate/totals';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { ConfigError, parseConfig } from '../../shared/config/load';
import { starterConfigFor } from '../../shared/config/init';
import type { Schema } from '../../shared/schema-check';
import { promptBreakdown } from '../../shared/estimate/breakdown';
import type { ConfigProblem, GroupKeys, HostMessage, WorkerMessage, WorkspaceView } from './protocol';

// The worker's side of the protocol, without the thread: a queue of host messages in, replies out.
// Queued edits of the same file collapse into the newest, and one view answers a whole batch.

export class Analysis {
  private session: WorkspaceSession | null = null;
  private root = '';

  constructor(private readonly schemaFile: string | null) {}

  /** Handles a batch of messages in order; stale edits (an older text of a file edited again later in the batch) are skipped. */
  handle(batch: HostMessage[]): WorkerMessage[] {
    const out: WorkerMessage[] = [];
    const lastEdit = new Map<string, number>();
    batch.forEach((m, i) => m.type === 'update' && lastEdit.set(m.file, i));
    let snapshot: SessionSnapshot | null = null;
    let changed = new Set<string>();
    let viewId = -1;
    const flush = () => {
      if (!snapshot) return;
      out.push({ type: 'view', id: viewId, view: this.view({ ...snapshot, changedFiles: [...changed].sort() }) });
      snapshot = null;
      changed = new Set();
    };
    const took = (s: SessionSnapshot, id: number) => {
      snapshot = s;
      viewId = id;
      for (const f of s.changedFiles) changed.add(f);
    };
    batch.forEach((m, i) => {
      try {
        if (m.type === 'open') {
          this.root = m.root;
          this.session = new WorkspaceSession(m.root, m.options);
          took(this.session.open(), m.id);
        } else if (m.type === 'update') {
          if (lastEdit.get(m.file) !== i || !this.session) return;
          took(this.session.update(m.file, m.text), m.id);
        } else if (m.type === 'reload') {
          if (this.session) took(this.session.reloadConfig(m.options), m.id);
        } else if (m.type === 'validateConfig') {
          // tollgate.yml as it is typed: its problems always; its settings as soon as it is valid.
          const problems = validateConfigText(m.file, m.text);
          if (!problems.length && this.session) took(this.session.reloadConfig({ configText: m.text }), m.id);
          flush();
          out.push({ type: 'configProblems', id: m.id, file: m.file, problems });
        } else {
          // Questions are answered from the newest state: send it first.
          flush();
          out.push(this.answer(m));
        }
      } catch (err) {
        out.push({ type: 'error', id: m.id, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      }
    });
    flush();
    return out;
  }

  private answer(m: Exclude<HostMessage, { type: 'open' | 'update' | 'reload' | 'validateConfig' }>): WorkerMessage {
    const snap = this.session?.snapshot();
    if (m.type === 'breakdown') {
      const site = snap?.result.callSites.find((s) => s.id === m.siteId);
      return { type: 'breakdown', id: m.id, breakdown: site && snap ? promptBreakdown(site, snap.config.estimate) : null };
    }
    if (m.type === 'report') {
      // No size limit here: the PR comment's limit is GitHub's, not the editor's.
      return { type: 'report', id: m.id, markdown: snap ? renderMarkdown(snap.result, { rules: snap.config.rules, limit: Number.MAX_SAFE_INTEGER }) : '' };
    }
    return { type: 'starter', id: m.id, text: starterConfigFor(this.root || '.', this.schema()) };
  }

  private schema(): Schema | null {
    try {
      return this.schemaFile ? (JSON.parse(fs.readFileSync(this.schemaFile, 'utf8')) as Schema) : null;
    } catch {
      return null;
    }
  }

  private view(snapshot: SessionSnapshot): WorkspaceView {
    const groups: Record<string, GroupKeys> = {};
    // The same keys as the core's totals rows, so group nodes find their totals.
    for (const s of snapshot.result.callSites) {
      groups[s.id] = rowKeys(s);
    }
    return { root: this.root, snapshot, groups };
  }
}

/** The config loader's verdict on an unsaved tollgate.yml; errors name the workspace file. */
export function validateConfigText(file: string, text: string): ConfigProblem[] {
  try {
    parseConfig(text, file);
    return [];
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return [{ file, line: err.line, column: err.column, message: err.message.slice(`${err.file}:${err.line}:${err.column}: `.length) }];
  }
}
