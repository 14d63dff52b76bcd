import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdownToHtml, reportPage } from '../../extension/src/report';
import { renderMarkdown } from '../../shared/reporters/markdown';
import { exampleView, golden } from './setup';

test('report page: the PR comment of the example as a locked-down webview document', () => {
  const view = exampleView();
  const md = renderMarkdown(view.snapshot.result, { rules: view.snapshot.config.rules, limit: Number.MAX_SAFE_INTEGER });
  golden('report.html', reportPage('tollgate: report', md, 'TESTNONCE'));
});

test('report page: HTML from scanned code never becomes markup, links never become links', () => {
  const html = markdownToHtml(
    ['<script>alert(1)</script>', '', '<img src=x onerror=alert(1)>', '', '[docs](javascript:alert(1)) ![x](http://evil/x.png) <a href="http://evil">a</a>', '', '<details><summary>ok</summary>', '', 'inside', '', '</details>', '<!-- tollgate -->'].join('\n'),
  );
  assert.ok(!/<script|<img|<a[\s>]|href="/i.test(html), html);
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(html.includes('<details><summary>ok</summary>'));
  assert.ok(!html.includes('tollgate -->'));
  const page = reportPage('<t>', 'x', 'N');
  assert.match(page, /content="default-src 'none'; style-src 'nonce-N'; img-src 'none'; script-src 'none';/);
  assert.ok(page.includes('<title>&lt;t&gt;</title>'));
});
