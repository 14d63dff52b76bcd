import * as crypto from 'crypto';
import * as vscode from 'vscode';
import * as path from 'path';
import type { Folders, Shared } from './providers';
import { groupSites, type GroupNode, type SiteNode } from './tree';
import { costLabel, statusContentAll } from './status';
import { reportPage } from './report';

// The workspace-wide surfaces: the "LLM costs" tree, the status bar item and the webview panels.

type Node = GroupNode | SiteNode;

export const REVEAL_SITE = 'tollgate.revealSite';

/** A tree item: a folder (several folders open), or a group or call site of one folder. */
type Item = { kind: 'folder'; folder: Shared } | { kind: 'in'; folder: Shared; node: Node };

export class CostTree implements vscode.TreeDataProvider<Item> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly folders: Folders) {
    this.onDidChangeTreeData = folders.onDidChange;
  }

  private shown(): Shared[] {
    return this.folders.list().filter((f) => f.settings.enable && f.index.view);
  }

  private groups(folder: Shared): Item[] {
    return groupSites(folder.index.view!, folder.settings.groupBy, folder.settings.currencyDisplay).map((node) => ({ kind: 'in', folder, node }));
  }

  getChildren(item?: Item): Item[] {
    if (!item) {
      const folders = this.shown();
      return folders.length === 1 ? this.groups(folders[0]) : folders.map((folder) => ({ kind: 'folder', folder }));
    }
    if (item.kind === 'folder') return this.groups(item.folder);
    return item.node.kind === 'group' ? item.node.children.map((node) => ({ kind: 'in', folder: item.folder, node })) : [];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    // With several folders open, ids carry the folder: the same file may exist in two of them.
    const scope = this.shown().length > 1 ? `${item.folder.root?.toString()}|` : '';
    if (item.kind === 'folder') {
      const view = item.folder.index.view!;
      const tree = new vscode.TreeItem(item.folder.root ? path.basename(item.folder.root.fsPath) : 'workspace', vscode.TreeItemCollapsibleState.Expanded);
      tree.id = `folder:${item.folder.root?.toString()}`;
      tree.description = costLabel(view, item.folder.settings.currencyDisplay);
      tree.contextValue = 'tollgateFolder';
      return tree;
    }
    const node = item.node;
    if (node.kind === 'group') {
      const tree = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      tree.id = `${scope}group:${item.folder.settings.groupBy}:${node.key}`;
      tree.description = node.description;
      tree.contextValue = 'tollgateGroup';
      return tree;
    }
    const tree = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    tree.id = `${scope}site:${node.id}`;
    tree.description = node.description;
    tree.tooltip = node.tooltip;
    tree.contextValue = 'tollgateSite';
    tree.command = { title: 'Reveal the call', command: REVEAL_SITE, arguments: [item.folder.root?.toString(), node.file, node.line, node.column] };
    return tree;
  }
}

export class StatusItem {
  private readonly item = vscode.window.createStatusBarItem('tollgate.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly folders: Folders) {
    this.item.name = 'tollgate';
    this.item.command = 'tollgate.showReport';
    this.item.text = '$(sync~spin) tollgate';
    this.item.tooltip = 'tollgate: scanning the workspace';
  }

  update(): void {
    const enabled = this.folders.list().filter((f) => f.settings.enable && f.root);
    if (!enabled.length) return this.item.hide();
    const views = enabled.filter((f) => f.index.view).map((f) => ({ name: path.basename(f.root!.fsPath), view: f.index.view! }));
    // Until every folder has its first view, the item keeps saying it is scanning.
    if (views.length === enabled.length) {
      const c = statusContentAll(views, enabled[0].settings.currencyDisplay);
      this.item.text = c.text;
      this.item.tooltip = c.tooltip;
      this.item.backgroundColor = c.failing ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

/** A webview showing markdown from the core; one panel per kind, reused. */
export class MarkdownPanel {
  private panel: vscode.WebviewPanel | null = null;

  constructor(
    private readonly viewType: string,
    private readonly title: string,
  ) {}

  show(markdown: string, title = this.title): void {
    if (!this.panel) {
      // No scripts: enableScripts stays false, and the page's CSP forbids them as well.
      this.panel = vscode.window.createWebviewPanel(this.viewType, title, vscode.ViewColumn.Beside, { enableScripts: false, enableCommandUris: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => (this.panel = null));
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel.title = title;
    this.panel.webview.html = reportPage(title, markdown, crypto.randomBytes(16).toString('base64'));
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
