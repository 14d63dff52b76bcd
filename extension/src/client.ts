import { Worker } from 'worker_threads';
import type { Breakdown, ConfigProblem, HostMessage, SessionOptions, WorkerMessage, WorkspaceView } from './protocol';

// The extension host's side of the analysis worker: edits are debounced per file, a newer edit
// supersedes an older one still waiting, and questions (hover breakdown, report) are answered by
// promise. No vscode here, so node tests drive it with the real worker.

export interface ClientEvents {
  view(view: WorkspaceView): void;
  configProblems(file: string, problems: ConfigProblem[]): void;
  error(message: string): void;
}

type Pending = { resolve(value: unknown): void };
type Question = { type: 'breakdown'; siteId: string } | { type: 'report' } | { type: 'starter' };

const MAX_RESTARTS = 3;

export class AnalysisClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private timers = new Map<string, NodeJS.Timeout>();
  /** Per file, the id of the newest edit sent and not yet reflected in a view. */
  private inFlight = new Map<string, number>();
  private questions = new Map<number, Pending>();
  private open: { root: string; options: SessionOptions } | null = null;
  private restarts = 0;
  private disposed = false;

  constructor(
    private readonly workerFile: string,
    private readonly events: ClientEvents,
    private readonly debounceMs = 250,
  ) {}

  /** Starts (or restarts) the analysis of a workspace folder: a full scan in the worker. */
  start(root: string, options: SessionOptions): void {
    this.open = { root, options };
    this.ensureWorker();
    this.send({ type: 'open', id: this.nextId++, root, options });
  }

  /** An editor's unsaved text (debounced), or null: read the file from disk (at once). */
  edit(absFile: string, text: string | null): void {
    clearTimeout(this.timers.get(absFile));
    this.timers.delete(absFile);
    const sendNow = () => {
      this.timers.delete(absFile);
      const id = this.nextId++;
      this.inFlight.set(absFile, id);
      this.send({ type: 'update', id, file: absFile, text });
    };
    if (text === null || this.debounceMs <= 0) sendNow();
    else this.timers.set(absFile, setTimeout(sendNow, this.debounceMs));
  }

  reload(options: SessionOptions): void {
    if (this.open) this.open.options = options;
    this.send({ type: 'reload', id: this.nextId++, options });
  }

  /** Whether the newest text of a file is still waiting or being analysed (its results would be stale). */
  busy(absFile: string): boolean {
    return this.timers.has(absFile) || this.inFlight.has(absFile);
  }

  validateConfig(file: string, text: string): void {
    this.send({ type: 'validateConfig', id: this.nextId++, file, text });
  }

  breakdown(siteId: string): Promise<Breakdown | null> {
    return this.ask({ type: 'breakdown', siteId }) as Promise<Breakdown | null>;
  }

  report(): Promise<string | null> {
    return this.ask({ type: 'report' }) as Promise<string | null>;
  }

  starter(): Promise<string | null> {
    return this.ask({ type: 'starter' }) as Promise<string | null>;
  }

  dispose(): Promise<void> {
    this.disposed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.settleQuestions();
    const w = this.worker;
    this.worker = null;
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  }

  private ask(q: Question): Promise<unknown> {
    if (this.disposed) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.questions.set(id, { resolve });
      this.send({ ...q, id } as HostMessage);
    });
  }

  private send(m: HostMessage): void {
    if (this.disposed) return;
    this.ensureWorker().postMessage(m);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile);
    w.on('message', (m: WorkerMessage) => this.receive(m));
    w.on('error', (err) => this.events.error(`tollgate analysis failed: ${err.stack ?? err.message}`));
    w.on('exit', (code) => this.exited(w, code));
    this.worker = w;
    return w;
  }

  private exited(w: Worker, code: number): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.inFlight.clear();
    this.settleQuestions();
    if (this.disposed) return;
    if (this.restarts >= MAX_RESTARTS) {
      this.events.error(`tollgate analysis stopped (exit code ${code}) and was restarted ${MAX_RESTARTS} times; run "tollgate: Scan workspace" to try again`);
      return;
    }
    this.restarts++;
    this.events.error(`tollgate analysis stopped (exit code ${code}); restarting it`);
    if (this.open) this.start(this.open.root, this.open.options);
  }

  private settleQuestions(): void {
    for (const q of this.questions.values()) q.resolve(null);
    this.questions.clear();
  }

  private receive(m: WorkerMessage): void {
    if (m.type === 'view' || m.type === 'error') {
      for (const [file, id] of this.inFlight) if (id <= m.id) this.inFlight.delete(file);
    }
    if (m.type === 'view') {
      this.restarts = 0;
      this.events.view(m.view);
    } else if (m.type === 'error') {
      this.questions.get(m.id)?.resolve(null);
      this.questions.delete(m.id);
      this.events.error(m.message);
    } else if (m.type === 'configProblems') {
      this.events.configProblems(m.file, m.problems);
    } else {
      const q = this.questions.get(m.id);
      this.questions.delete(m.id);
      q?.resolve(m.type === 'breakdown' ? m.breakdown : m.type === 'report' ? m.markdown : m.text);
    }
  }
}
