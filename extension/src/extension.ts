import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { AnalysisClient } from './client';
import { FileIndex } from './files';
import { readSettings, sessionOptions, type GroupBy, type Settings } from './settings';
import { configDiagnostics, fileDiagnostics } from './diagnostics';
import { editorLines, UNMAPPED_LINES } from '../../shared/lines';
import { hoverMarkdown } from './hover';
import { CostHoverProvider, FixProvider, HintProvider, LensProvider, SELECT_PLACEHOLDER, SHOW_BREAKDOWN, type Folders, type Shared } from './providers';
import { CostTree, MarkdownPanel, REVEAL_SITE, StatusItem } from './panels';
import { diagnostic } from './convert';
import type { ConfigProblem, WorkspaceView } from './protocol';
import { writeInsideRoot, WriteRefusedError } from '../../shared/project/confined-write';

// Wiring: settings, the analysis worker, editor events and commands. The worker does the work; this
// file only routes events to it and its views to the features.

/** Languages of the files the scan reads; components' script blocks are code too (shared/project/frameworks.ts). */
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'vue', 'svelte', 'astro'];
const CONFIG_NAMES = ['tollgate.yml', 'tollgate.yaml', 'tollgate.json'];
const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs,vue,svelte,astro}';

/** What a folder needs from the workspace: where the rule docs are, and whom to tell that it changed. */
interface Host {
  readonly docs: vscode.Uri;
  changed(): void;
}

/** One workspace folder's analysis: its worker, its view, its diagnostics and its settings. */
class FolderController implements Shared, vscode.Disposable {
  index = new FileIndex(null);
  settings: Settings;
  client: AnalysisClient;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('tollgate');
  private readonly disposables: vscode.Disposable[] = [];
  /** Unsaved config texts' problems, by workspace-relative file (they replace the saved file's). */
  private liveConfig = new Map<string, ConfigProblem[]>();
  private configTimers = new Map<string, NodeJS.Timeout>();
  announcePricing = false;
  private started = false;

  constructor(
    readonly root: vscode.Uri,
    private readonly host: Host,
  ) {
    this.settings = this.readSettings();
    this.client = this.newClient();
    this.disposables.push(this.changed, this.diagnostics, ...this.events());
    this.start();
  }

  /** This folder's settings: folder-level values override the workspace's and the user's. */
  private readSettings(): Settings {
    return readSettings((n) => vscode.workspace.getConfiguration('tollgate', this.root).get(n));
  }

  private newClient(): AnalysisClient {
    return new AnalysisClient(path.join(__dirname, 'worker.js'), {
      view: (v) => this.onView(v),
      configProblems: (file, problems) => this.onConfigProblems(file, problems),
      error: (message) => this.onError(message),
    });
  }

  private fire(): void {
    this.changed.fire();
    this.host.changed();
  }

  rel(uri: vscode.Uri): string | null {
    if (uri.scheme !== 'file') return null;
    const rel = path.relative(this.root.fsPath, uri.fsPath);
    return !rel || rel.startsWith('..') || path.isAbsolute(rel) ? null : rel.split(path.sep).join('/');
  }

  private start(): void {
    if (!this.settings.enable) return this.host.changed();
    this.started = true;
    this.client.start(this.root.fsPath, sessionOptions(this.settings));
    // Unsaved editors already open: the worker should see what the user sees.
    for (const doc of vscode.workspace.textDocuments) if (doc.isDirty) this.onEdit(doc);
    this.host.changed();
  }

  /** Scans the folder again from the start (the command). */
  rescan(): void {
    if (!this.settings.enable) return;
    this.index = new FileIndex(null);
    this.client.start(this.root.fsPath, sessionOptions(this.settings));
  }

  reload(): void {
    this.client.reload(sessionOptions(this.settings));
  }

  private onView(view: WorkspaceView): void {
    const first = !this.index.view;
    this.index = new FileIndex(view);
    // The first view of a session draws every file; later ones the files the session says changed.
    if (first) this.diagnostics.clear();
    const files = new Set(first ? this.index.files() : view.snapshot.changedFiles);
    for (const f of this.configFiles(view)) files.add(f);
    for (const f of files) this.refreshDiagnostics(f);
    if (this.announcePricing) {
      this.announcePricing = false;
      const p = view.snapshot.result.pricing;
      void vscode.window.showInformationMessage(`tollgate: prices from the pricing table of ${p.version} (${p.models} models)${p.overrides ? ` with ${p.overrides} override${p.overrides === 1 ? '' : 's'} from tollgate.yml` : ''}, applied to ${view.snapshot.result.callSites.length} call sites.`);
    }
    const settingsErrors = view.snapshot.configErrors.filter((e) => e.file === 'settings');
    if (settingsErrors.length && first) void vscode.window.showWarningMessage(`tollgate: ${settingsErrors.map((e) => e.message).join('; ')}`);
    this.fire();
  }

  /** Files that carry config diagnostics: the config file and any file the config errors name. */
  private configFiles(view: WorkspaceView): string[] {
    const named = view.snapshot.configErrors.map((e) => e.file).filter((f) => f !== 'settings');
    const config = view.snapshot.config.file ? [view.snapshot.config.file] : [];
    return [...new Set([...named, ...config, ...this.liveConfig.keys()])];
  }

  private refreshDiagnostics(rel: string): void {
    const uri = vscode.Uri.joinPath(this.root, rel);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    // Closed files: VS Code clamps a range to its line when the file opens, and opening maps them again.
    const lineLength = (line0: number) => (doc && line0 < doc.lineCount ? doc.lineAt(line0).text.length : 10_000);
    const lines = doc ? editorLines(doc.getText()) : UNMAPPED_LINES;
    const view = this.index.view;
    const configErrors = this.liveConfig.get(rel) ?? view?.snapshot.configErrors ?? [];
    const plain = [...configDiagnostics(rel, configErrors, lineLength), ...fileDiagnostics(rel, this.index, this.settings.severities, lines)];
    this.diagnostics.set(uri, plain.map((d) => diagnostic(d, this.host.docs)));
  }

  private onConfigProblems(file: string, problems: ConfigProblem[]): void {
    this.liveConfig.set(file, problems);
    this.refreshDiagnostics(file);
  }

  private onError(message: string): void {
    const first = message.split('\n')[0];
    void vscode.window.showErrorMessage(first.startsWith('tollgate') ? first : `tollgate: ${first}`);
  }

  private isConfig(doc: vscode.TextDocument): boolean {
    const rel = this.rel(doc.uri);
    if (!rel) return false;
    return this.settings.configPath ? path.normalize(rel) === path.normalize(this.settings.configPath) : CONFIG_NAMES.includes(rel);
  }

  private onEdit(doc: vscode.TextDocument): void {
    if (!this.started || !this.rel(doc.uri)) return;
    if (this.isConfig(doc)) {
      const rel = this.rel(doc.uri)!;
      clearTimeout(this.configTimers.get(rel));
      this.configTimers.set(rel, setTimeout(() => this.client.validateConfig(rel, doc.getText()), 250));
    } else if (LANGUAGES.includes(doc.languageId)) this.client.edit(doc.uri.fsPath, doc.getText());
  }

  private events(): vscode.Disposable[] {
    const sources = vscode.workspace.createFileSystemWatcher(SOURCE_GLOB);
    const fromDisk = (uri: vscode.Uri) => {
      if (!this.started || !this.rel(uri)) return;
      // An open editor's text comes through its change events; the disk copy is older or the same.
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (!open || open.isClosed) this.client.edit(uri.fsPath, null);
    };
    const settingsFiles = vscode.workspace.createFileSystemWatcher('**/{tollgate.yml,tollgate.yaml,tollgate.json,CODEOWNERS}');
    const reread = (uri: vscode.Uri) => {
      if (!this.started || !this.rel(uri)) return;
      this.liveConfig.delete(this.rel(uri)!);
      // CODEOWNERS and the config file change every estimate: read the settings again.
      this.client.reload(sessionOptions(this.settings));
    };
    return [
      sources,
      settingsFiles,
      sources.onDidCreate(fromDisk),
      sources.onDidChange(fromDisk),
      sources.onDidDelete((uri) => this.started && this.rel(uri) && this.client.edit(uri.fsPath, null)),
      settingsFiles.onDidCreate(reread),
      settingsFiles.onDidChange(reread),
      settingsFiles.onDidDelete(reread),
      // Diagnostics of a file no editor held were not mapped to its lines (U+2028/U+2029): map them now.
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const rel = this.rel(doc.uri);
        if (rel && this.index.files().includes(rel)) this.refreshDiagnostics(rel);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.onEdit(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // A closed editor that was not saved: the disk text is the truth again.
        if (this.started && LANGUAGES.includes(doc.languageId) && this.rel(doc.uri) && !this.isConfig(doc)) this.client.edit(doc.uri.fsPath, null);
        if (this.isConfig(doc)) {
          this.liveConfig.delete(this.rel(doc.uri)!);
          this.refreshDiagnostics(this.rel(doc.uri)!);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('tollgate') && this.onSettings()),
    ];
  }

  private onSettings(): void {
    const before = this.settings;
    this.settings = this.readSettings();
    if (!this.settings.enable) {
      this.started = false;
      this.diagnostics.clear();
      void this.client.dispose().then(() => undefined);
      this.fire();
      return;
    }
    if (!before.enable || !this.started) {
      // Switched on again: the old worker was stopped, start a new one.
      this.client = this.newClient();
      this.index = new FileIndex(null);
      this.start();
      return;
    }
    if (JSON.stringify(sessionOptions(before)) !== JSON.stringify(sessionOptions(this.settings))) this.client.reload(sessionOptions(this.settings));
    for (const f of this.index.files()) this.refreshDiagnostics(f);
    this.fire();
  }

  /** Opens the workspace's config file, or writes the starter one `tollgate init` writes and opens it. */
  async openConfig(): Promise<void> {
    const names = this.settings.configPath ? [this.settings.configPath] : CONFIG_NAMES;
    const existing = names.map((n) => path.join(this.root.fsPath, n)).find((f) => fs.existsSync(f));
    let file = existing;
    if (!file) {
      const text = await this.client.starter();
      if (text === null) return void vscode.window.showErrorMessage('tollgate: could not prepare a starter tollgate.yml.');
      file = path.join(this.root.fsPath, this.settings.configPath || 'tollgate.yml');
      try {
        // The workspace is not trusted to be benign: no write through a link, none outside it, no overwrite.
        writeInsideRoot(this.root.fsPath, file, text, 'create', this.settings.configPath || 'tollgate.yml', 'the workspace folder');
      } catch (err) {
        return void vscode.window.showErrorMessage(`tollgate: could not write ${err instanceof WriteRefusedError ? err.message : `${file}: ${(err as Error).message}`}`);
      }
      this.client.reload(sessionOptions(this.settings));
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
  }

  /** The breakdown of a call site of this folder, as the hover shows it. */
  async breakdownOf(siteId: string): Promise<{ markdown: string; title: string } | null> {
    const site = this.index.site(siteId);
    if (!site) return null;
    const breakdown = await this.client.breakdown(siteId);
    const now = this.index.site(siteId) ?? site;
    return { markdown: hoverMarkdown(now, breakdown, this.index.findingsIn(now.file), this.settings.currencyDisplay), title: `tollgate: ${now.file}:${now.line}` };
  }

  dispose(): void {
    for (const t of this.configTimers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    this.diagnostics.dispose();
    void this.client.dispose();
  }
}

/**
 * The workspace: a controller per folder, and the features registered once (lenses, hints, hovers,
 * fixes, the tree, the status bar, the panels, the commands), each asking the folder of its document.
 */
class Workspace implements Folders, Host, vscode.Disposable {
  private folders: FolderController[] = [];
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  readonly docs: vscode.Uri;
  private readonly status: StatusItem;
  private readonly report = new MarkdownPanel('tollgate.report', 'tollgate: report');
  private readonly breakdown = new MarkdownPanel('tollgate.breakdown', 'tollgate: breakdown');
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.docs = vscode.Uri.joinPath(context.extensionUri, 'dist', 'docs', 'rules');
    this.status = new StatusItem(this);
    const selector = LANGUAGES.map((language) => ({ language, scheme: 'file' }));
    this.disposables.push(
      this.emitter,
      this.status,
      this.report,
      this.breakdown,
      vscode.languages.registerCodeLensProvider(selector, new LensProvider(this)),
      vscode.languages.registerInlayHintsProvider(selector, new HintProvider(this)),
      vscode.languages.registerHoverProvider(selector, new CostHoverProvider(this)),
      vscode.languages.registerCodeActionsProvider(selector, new FixProvider(this), { providedCodeActionKinds: FixProvider.kinds }),
      vscode.window.registerTreeDataProvider('tollgate.costs', new CostTree(this)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.syncFolders()),
      ...this.commands(),
    );
    this.syncFolders();
  }

  changed(): void {
    this.status.update();
    this.emitter.fire();
  }

  list(): FolderController[] {
    return this.folders;
  }

  folderOf(uri: vscode.Uri): FolderController | null {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.folders.find((f) => f.root.toString() === folder.uri.toString())) ?? null;
  }

  private byRoot(root: string | undefined): FolderController | null {
    return this.folders.find((f) => f.root.toString() === root) ?? null;
  }

  /** One controller per workspace folder, kept in the workspace's order as folders come and go. */
  private syncFolders(): void {
    const wanted = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    const kept: FolderController[] = [];
    for (const uri of wanted) kept.push(this.byRoot(uri.toString()) ?? new FolderController(uri, this));
    for (const f of this.folders) if (!kept.includes(f)) f.dispose();
    this.folders = kept;
    this.changed();
  }

  /** The folder a command is about: the active editor's, the only one, or the user's pick. */
  private async target(): Promise<FolderController | null> {
    const active = vscode.window.activeTextEditor && this.folderOf(vscode.window.activeTextEditor.document.uri);
    if (active) return active;
    if (this.folders.length <= 1) return this.folders[0] ?? null;
    const pick = await vscode.window.showQuickPick(
      this.folders.map((f) => ({ label: path.basename(f.root.fsPath), description: f.root.fsPath, folder: f })),
      { placeHolder: 'Which folder?' },
    );
    return pick?.folder ?? null;
  }

  private commands(): vscode.Disposable[] {
    const reg = vscode.commands.registerCommand;
    return [
      reg('tollgate.scanWorkspace', () => {
        if (!this.folders.length) return vscode.window.showWarningMessage('tollgate: open a folder to scan it.');
        const enabled = this.folders.filter((f) => f.settings.enable);
        if (!enabled.length) return vscode.window.showWarningMessage('tollgate is disabled (setting tollgate.enable).');
        for (const f of enabled) f.rescan();
      }),
      reg('tollgate.showReport', async () => {
        const folder = await this.target();
        if (!folder) return;
        const md = await folder.client.report();
        if (md === null || !folder.index.view) return vscode.window.showWarningMessage('tollgate: no report yet; the workspace is still being scanned.');
        this.report.show(md, this.folders.length > 1 ? `tollgate: report (${path.basename(folder.root.fsPath)})` : undefined);
      }),
      reg('tollgate.openConfig', async () => {
        const folder = await this.target();
        if (!folder) return void vscode.window.showWarningMessage('tollgate: open a folder first.');
        await folder.openConfig();
      }),
      reg('tollgate.refreshPrices', () => {
        for (const f of this.folders) {
          f.announcePricing = true;
          f.reload();
        }
      }),
      reg('tollgate.toggleInlineHints', async () => {
        const config = vscode.workspace.getConfiguration('tollgate');
        const current = readSettings((n) => config.get(n)).inlineStyle;
        const previous = this.context.globalState.get<string>('tollgate.inlineStyleBeforeOff') ?? 'codeLens';
        if (current !== 'off') await this.context.globalState.update('tollgate.inlineStyleBeforeOff', current);
        const next = current === 'off' ? previous : 'off';
        const inspected = config.inspect('inlineStyle');
        await config.update('inlineStyle', next, inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
      }),
      reg('tollgate.groupBy', async () => {
        const pick = await vscode.window.showQuickPick(['team', 'feature', 'model'], { placeHolder: 'Group the LLM costs view by' });
        if (pick) await vscode.workspace.getConfiguration('tollgate').update('groupBy', pick as GroupBy, vscode.ConfigurationTarget.Global);
      }),
      reg(SHOW_BREAKDOWN, async (root: string | undefined, siteId: string) => {
        const shown = await this.byRoot(root)?.breakdownOf(siteId);
        if (shown) this.breakdown.show(shown.markdown, shown.title);
      }),
      reg(REVEAL_SITE, async (root: string | undefined, file: string, line: number, column: number) => {
        const folder = this.byRoot(root);
        if (!folder) return;
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.root, file));
        const to = editorLines(doc.getText()).toEditor(line, column);
        const at = new vscode.Position(to.line, to.character);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at) });
      }),
      reg(SELECT_PLACEHOLDER, (uri: vscode.Uri, range: vscode.Range) => {
        const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
        if (!editor) return;
        editor.selection = new vscode.Selection(range.start, range.end);
        editor.revealRange(range);
      }),
    ];
  }

  dispose(): void {
    for (const f of this.folders) f.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(new Workspace(context));
}

export function deactivate(): void {}
