import * as crypto from 'crypto';
import * as vscode from 'vscode';
import type { Shared } from './providers';
import { groupSites, type GroupNode, type SiteNode } from './tree';
import { statusContent } from './status';
import { reportPage } from './report';

// The workspace-wide surfaces: the "LLM costs" tree, the status bar item and the webview panels.

type Node = GroupNode | SiteNode;

export const REVEAL_SITE = 'tollgate.revealSite';

export class CostTree implements vscode.TreeDataProvider<Node> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly shared: Shared) {
    this.onDidChangeTreeData = shared.onDidChange;
  }

  getChildren(node?: Node): Node[] {
    const s = this.shared;
    const view = s.index.view;
    if (!view || !s.settings.enable) return [];
    if (!node) return groupSites(view, s.settings.groupBy, s.settings.currencyDisplay);
    return node.kind === 'group' ? node.children : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.shared.settings.groupBy}:${node.key}`;
      item.description = node.description;
      item.contextValue = 'tollgateGroup';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `site:${node.id}`;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.contextValue = 'tollgateSite';
    item.command = { title: 'Reveal the call', command: REVEAL_SITE, arguments: [node.file, node.line, node.column] };
    return item;
  }
}

export class StatusItem {
  private readonly item = vscode.window.createStatusBarItem('tollgate.status', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly shared: Shared) {
    this.item.name = 'tollgate';
    this.item.command = 'tollgate.showReport';
    this.item.text = '$(sync~spin) tollgate';
    this.item.tooltip = 'tollgate: scanning the workspace';
  }

  update(): void {
    const s = this.shared;
    const view = s.index.view;
    if (!s.settings.enable || !s.root) return this.item.hide();
    if (view) {
      const c = statusContent(view, s.settings.currencyDisplay);
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
