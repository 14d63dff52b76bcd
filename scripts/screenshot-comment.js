'use strict';
// Renders a golden pull-request comment (default: test/golden/action/cost-up.comment.md) to HTML
// with `marked`, styled like a GitHub comment, and screenshots it in headless Chromium for the
// README: docs/images/pr-comment.png. Not part of `npm test`; needs /usr/bin/chromium
// (`apt-get install -y chromium`). Usage: node scripts/screenshot-comment.js [golden.md] [out.png]
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const source = path.resolve(process.argv[2] || path.join(root, 'test', 'golden', 'action', 'cost-up.comment.md'));
const target = path.resolve(process.argv[3] || path.join(root, 'docs', 'images', 'pr-comment.png'));
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Close to github.com's light theme for comments (markdown-body), without fetching anything.
const CSS = `
  * { box-sizing: border-box; }
  body { margin: 0; padding: 24px; background: #ffffff; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
  .timeline { display: flex; gap: 16px; padding: 8px; width: 1040px; }
  .avatar { width: 40px; height: 40px; border-radius: 50%; background: #2da44e; color: #fff; font-weight: 600; display: flex; align-items: center; justify-content: center; font-size: 13px; flex: none; }
  .comment { border: 1px solid #d1d9e0; border-radius: 6px; flex: 1; overflow: hidden; }
  .header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; font-size: 14px; color: #59636e; }
  .header b { color: #1f2328; }
  .badge { border: 1px solid #d1d9e0; border-radius: 2em; padding: 0 7px; font-size: 12px; margin-left: 4px; }
  .markdown-body { padding: 16px; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
  .markdown-body > :first-child { margin-top: 0 !important; }
  .markdown-body h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 24px 0 16px; }
  .markdown-body h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
  .markdown-body h4 { font-size: 1em; font-weight: 600; margin: 24px 0 16px; }
  .markdown-body p, .markdown-body ul, .markdown-body table, .markdown-body details { margin: 0 0 16px; }
  .markdown-body ul { padding-left: 2em; }
  .markdown-body code { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace; font-size: 85%; padding: .2em .4em; background: #818b981f; border-radius: 6px; }
  .markdown-body table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
  .markdown-body th { font-weight: 600; }
  .markdown-body th, .markdown-body td { padding: 6px 13px; border: 1px solid #d1d9e0; }
  .markdown-body tr:nth-child(2n) { background: #f6f8fa; }
  .markdown-body summary { cursor: pointer; }
  .markdown-body sub { color: #59636e; }
`;

async function main() {
  const { marked } = await import('marked');
  const { chromium } = require('playwright-core');
  const markdown = fs.readFileSync(source, 'utf8');
  const html = `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style></head><body>
    <div class="timeline"><div class="avatar">bot</div><div class="comment" id="comment">
      <div class="header"><b>github-actions</b> <span class="badge">bot</span> commented</div>
      <div class="markdown-body">${marked.parse(markdown, { gfm: true })}</div>
    </div></div></body></html>`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 800 }, deviceScaleFactor: 1.5 });
    // Nothing is loaded from the network: the page is this string and its inline style.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await page.locator('.timeline').screenshot({ path: target });
  } finally {
    await browser.close();
  }
  process.stdout.write(`${path.relative(root, target)} from ${path.relative(root, source)}\n`);
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack ? err.stack : err) + '\n');
  process.exit(1);
});
