import * as vscode from 'vscode';
import type { Severity } from '../../shared/rules/types';
import type { PlainDiagnostic } from './diagnostics';
import type { PlainAction } from './actions';
import type { PlainRange } from './positions';

// Plain objects from the pure modules → VS Code's classes. Nothing is decided here.

export function range(r: PlainRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** `docs`: the folder of rule docs shipped in the extension (docs/rules/<id>.md). */
export function diagnostic(d: PlainDiagnostic, docs: vscode.Uri): vscode.Diagnostic {
  const out = new vscode.Diagnostic(range(d.range), d.message, SEVERITY[d.severity]);
  out.source = 'tollgate';
  if (d.code) out.code = { value: d.code, target: vscode.Uri.joinPath(docs, `${d.code}.md`) };
  return out;
}

export function workspaceEdit(action: PlainAction, root: vscode.Uri): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of action.edits) edit.replace(vscode.Uri.joinPath(root, e.file), range(e.range), e.newText);
  return edit;
}
