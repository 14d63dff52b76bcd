import type { EstimatedCallSite } from '../../shared/estimate';
import type { Finding, Fix } from '../../shared/rules/types';
import { suppressionFix, volumeAnnotationFix, type CommentFix } from '../../shared/rules/edits';
import { editorLines, type EditorLines } from '../../shared/lines';
import type { PlainRange } from './positions';
import { toRange } from './positions';

// Quick fixes as plain edits. The rules' own fixes are mapped one to one (the core computed them
// from the same text the editor shows), and so are the core's two comment fixes: a suppression with
// a reason to fill in, and a volume annotation.

export interface PlainEdit {
  /** Workspace-relative file. */
  file: string;
  range: PlainRange;
  newText: string;
}

export interface PlainAction {
  title: string;
  edits: PlainEdit[];
  /** After the edit: the text to select, so the user types over the placeholder. */
  select?: { file: string; range: PlainRange };
  preferred: boolean;
}

/**
 * A rule's fix: its edits' positions mapped to the editor's, nothing else changed. `lines` of the
 * finding's file: a rule's fix edits the file the finding is in.
 */
export function fixAction(fix: Fix, lines: EditorLines): PlainAction {
  return {
    title: fix.description,
    edits: fix.edits.map((e) => ({ file: e.file, range: toRange(lines, e.line, e.column, e.endLine, e.endColumn), newText: e.newText })),
    preferred: true,
  };
}

/** A comment the core proposes (a suppression, a volume annotation), with its placeholder selected after the edit. */
function commentAction(fix: CommentFix, lines: EditorLines): PlainAction {
  const { edit, select } = fix;
  return {
    title: fix.description,
    edits: [{ file: edit.file, range: toRange(lines, edit.line, edit.column, edit.endLine, edit.endColumn), newText: edit.newText }],
    select: { file: select.file, range: toRange(lines, select.line, select.column, select.endLine, select.endColumn) },
    preferred: false,
  };
}

export function suppressAction(finding: Finding, text: string): PlainAction | null {
  const fix = suppressionFix(finding, text);
  return fix && commentAction(fix, editorLines(text));
}

export function volumeAction(site: EstimatedCallSite, text: string): PlainAction | null {
  const fix = volumeAnnotationFix(site, text);
  return fix && commentAction(fix, editorLines(text));
}
