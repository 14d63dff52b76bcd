import { Marked, type Tokens } from 'marked';

// Markdown from the core (the PR comment, a call's breakdown) as a webview page. The text comes from
// scanned code, so the page allows no script at all (CSP), raw HTML is escaped except the few tags the
// reporters write themselves, and links render as their text (nothing to click out to).

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The reporters' own tags; everything else in an HTML token is shown as text. */
const ALLOWED_TAGS = /&lt;(\/?)(details|summary|sub)&gt;/g;

function safeHtml(raw: string): string {
  // The PR comment's marker is a comment for GitHub: nothing to show here.
  const text = raw.replace(/<!-- tollgate -->\n?/g, '');
  return escapeHtml(text).replace(ALLOWED_TAGS, '<$1$2>');
}

const marked = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return safeHtml(token.text);
    },
    link(token: Tokens.Link) {
      return this.parser.parseInline(token.tokens);
    },
    image(token: Tokens.Image) {
      return escapeHtml(token.text);
    },
  },
});

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false }) as string;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 16px 24px; line-height: 1.5; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid var(--vscode-panel-border, #8884); padding: 2px 8px; }
td[align=right], th[align=right] { text-align: right; }
code { font-family: var(--vscode-editor-font-family); background: var(--vscode-textCodeBlock-background); padding: 0 3px; border-radius: 3px; }
summary { cursor: pointer; font-weight: 600; margin: 8px 0; }
`;

/** A complete webview document; `nonce` admits the one style element and nothing else. */
export function reportPage(title: string, markdown: string, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    markdownToHtml(markdown),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
