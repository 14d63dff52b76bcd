import * as vscode from 'vscode';
import type { AnalysisClient } from './client';
import type { FileIndex } from './files';
import type { Settings } from './settings';
import { lensText, lensTooltip, unitLensText } from './lens';
import { hoverMarkdown } from './hover';
import { findingFor } from './diagnostics';
import { fixAction, suppressAction, volumeAction, type PlainAction } from './actions';
import { range, workspaceEdit } from './convert';
import { toRange } from './positions';
import { editorLines } from '../../shared/lines';

// The editor features: CodeLens or inlay hints, hovers and quick fixes. Each asks the document's
// workspace folder for the current view of its file and hands plain results from the pure modules to VS Code.

export interface Shared {
  readonly root: vscode.Uri | null;
  readonly index: FileIndex;
  readonly settings: Settings;
  readonly client: AnalysisClient;
  /** Fires when a new view arrived or the settings changed. */
  readonly onDidChange: vscode.Event<void>;
  /** The document's path relative to the workspace folder, or null outside it. */
  rel(uri: vscode.Uri): string | null;
}

/** Every workspace folder's state: the providers are registered once and ask for the folder of a document. */
export interface Folders {
  /** The folder a document belongs to, or null outside every analysed folder. */
  folderOf(uri: vscode.Uri): Shared | null;
  /** The analysed folders, in the workspace's order. */
  list(): Shared[];
  /** Fires when any folder has a new view or new settings. */
  readonly onDidChange: vscode.Event<void>;
}

export const SHOW_BREAKDOWN = 'tollgate.showBreakdown';
export const SELECT_PLACEHOLDER = 'tollgate.selectPlaceholder';

export class LensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly folders: Folders) {
    this.onDidChangeCodeLenses = folders.onDidChange;
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const s = this.folders.folderOf(doc.uri);
    const rel = s?.rel(doc.uri);
    if (!s || !rel || !s.settings.enable || s.settings.inlineStyle !== 'codeLens') return [];
    const lines = editorLines(doc.getText());
    const own = s.index.sitesIn(rel).map((site) => {
      const line0 = lines.toEditor(site.line, site.column).line;
      const at = new vscode.Range(line0, 0, line0, 0);
      return new vscode.CodeLens(at, { title: lensText(site, s.settings.currencyDisplay), tooltip: lensTooltip(site), command: SHOW_BREAKDOWN, arguments: [s.root?.toString(), site.id] });
    });
    // A wrapper's caller: its own share of the call site (an attribution unit), where it has one.
    const callers = s.index.unitsIn(rel).map(({ site, unit }) => {
      const line0 = lines.toEditor(unit.caller.line, unit.caller.column).line;
      const at = new vscode.Range(line0, 0, line0, 0);
      return new vscode.CodeLens(at, { title: unitLensText(site, unit, s.settings.currencyDisplay), tooltip: lensTooltip(site), command: SHOW_BREAKDOWN, arguments: [s.root?.toString(), site.id] });
    });
    return [...own, ...callers];
  }
}

export class HintProvider implements vscode.InlayHintsProvider {
  readonly onDidChangeInlayHints: vscode.Event<void>;

  constructor(private readonly folders: Folders) {
    this.onDidChangeInlayHints = folders.onDidChange;
  }

  provideInlayHints(doc: vscode.TextDocument, visible: vscode.Range): vscode.InlayHint[] {
    const s = this.folders.folderOf(doc.uri);
    const rel = s?.rel(doc.uri);
    if (!s || !rel || !s.settings.enable || s.settings.inlineStyle !== 'inlayHints') return [];
    const hints: vscode.InlayHint[] = [];
    const lines = editorLines(doc.getText());
    for (const site of s.index.sitesIn(rel)) {
      const line0 = lines.toEditor(site.line, site.column).line;
      if (line0 < visible.start.line || line0 > visible.end.line || line0 >= doc.lineCount) continue;
      // Beside the call: at the end of its first line, where it shifts no code.
      const end = doc.lineAt(line0).range.end;
      const part = new vscode.InlayHintLabelPart(lensText(site, s.settings.currencyDisplay));
      part.tooltip = lensTooltip(site);
      part.command = { title: 'Show the breakdown', command: SHOW_BREAKDOWN, arguments: [s.root?.toString(), site.id] };
      const hint = new vscode.InlayHint(end, [part]);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    for (const { site, unit } of s.index.unitsIn(rel)) {
      const line0 = lines.toEditor(unit.caller.line, unit.caller.column).line;
      if (line0 < visible.start.line || line0 > visible.end.line || line0 >= doc.lineCount) continue;
      const part = new vscode.InlayHintLabelPart(unitLensText(site, unit, s.settings.currencyDisplay));
      part.tooltip = lensTooltip(site);
      part.command = { title: 'Show the breakdown', command: SHOW_BREAKDOWN, arguments: [s.root?.toString(), site.id] };
      const hint = new vscode.InlayHint(doc.lineAt(line0).range.end, [part]);
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }
}

export class CostHoverProvider implements vscode.HoverProvider {
  constructor(private readonly folders: Folders) {}

  async provideHover(doc: vscode.TextDocument, pos: vscode.Position): Promise<vscode.Hover | null> {
    const s = this.folders.folderOf(doc.uri);
    const rel = s?.rel(doc.uri);
    if (!s || !rel || !s.settings.enable) return null;
    const lines = editorLines(doc.getText());
    const site = s.index.siteAt(rel, pos, lines);
    if (!site) return null;
    const breakdown = await s.client.breakdown(site.id);
    // The view may have changed while the worker answered: take the newest site.
    const now = s.index.site(site.id) ?? site;
    const md = new vscode.MarkdownString(hoverMarkdown(now, breakdown, s.index.findingsIn(rel), s.settings.currencyDisplay));
    md.isTrusted = false;
    md.supportHtml = false;
    return new vscode.Hover(md, range(toRange(lines, site.line, site.column, site.endLine, site.endColumn)));
  }
}

export class FixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly folders: Folders) {}

  provideCodeActions(doc: vscode.TextDocument, selection: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const s = this.folders.folderOf(doc.uri);
    const rel = s?.rel(doc.uri);
    const root = s?.root;
    if (!s || !rel || !root || !s.settings.enable) return [];
    // Fixes were computed from the text the worker last saw: none while a newer text is on its way.
    if (s.client.busy(doc.uri.fsPath)) return [];
    const text = doc.getText();
    const lines = editorLines(text);
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of context.diagnostics) {
      if (d.source !== 'tollgate' || typeof d.code !== 'object' || d.code === null) continue;
      const finding = findingFor(s.index, rel, String(d.code.value), d.range.start, lines);
      if (!finding) continue;
      const key = `${finding.ruleId}:${finding.line}:${finding.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (finding.fix) actions.push(this.action(fixAction(finding.fix, lines), [d], root));
      const suppress = suppressAction(finding, text);
      if (suppress) actions.push(this.action(suppress, [d], root));
    }
    const site = s.index.siteAt(rel, selection.start, lines);
    const volume = site && volumeAction(site, text);
    if (volume) actions.push(this.action(volume, [], root));
    return actions;
  }

  private action(plain: PlainAction, diagnostics: vscode.Diagnostic[], root: vscode.Uri): vscode.CodeAction {
    const a = new vscode.CodeAction(plain.title, vscode.CodeActionKind.QuickFix);
    a.edit = workspaceEdit(plain, root);
    a.diagnostics = diagnostics;
    a.isPreferred = plain.preferred;
    if (plain.select) a.command = { title: 'Select the placeholder', command: SELECT_PLACEHOLDER, arguments: [vscode.Uri.joinPath(root, plain.select.file), range(plain.select.range)] };
    return a;
  }
}
