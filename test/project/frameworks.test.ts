import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ts } from 'ts-morph';
import { scriptView } from '../../shared/project/frameworks';
import { scanFixture, site, summarize } from '../helpers';

const result = scanFixture('frameworks');

/** The code view with blanks shown as `.` (line breaks kept as they are). */
const shown = (file: string, text: string) => scriptView(file, text).code.replace(/ /g, '.');

test('frameworks: script blocks of .vue, .svelte and .astro files are scanned where they are written', () => {
  assert.deepEqual(summarize(result), [
    {at: "src/components/Chat.vue:19:26", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o-mini"},
    {at: "src/components/Legacy.vue:8:14", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4.1-nano"},
    {at: "src/components/Legacy.vue:17:14", provider: "openai", api: "embeddings.create", kind: "embedding", model: "text-embedding-3-small"},
    {at: "src/components/Summary.svelte:7:12", provider: "anthropic", api: "messages.create", kind: "chat", model: ["claude-3-5-haiku-latest", "claude-sonnet-4-5"]},
    {at: "src/pages/index.astro:6:26", provider: "openai", api: "chat.completions.create", kind: "chat", model: "gpt-4o"},
    {at: "src/pages/index.astro:20:65", provider: "anthropic", api: "messages.create", kind: "chat", model: "claude-3-5-haiku-latest"},
    {at: "src/routes/+page.svelte:3:32", provider: "openai", api: "moderations.create", kind: "moderation", model: "omni-moderation-latest"},
  ]);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(result.stats, { filesSeen: 8, filesCandidate: 5, filesParsed: 7, callSites: 7, unreadFiles: 0 });
});

test('frameworks: end positions, prompts and imports of a component module map to the file', () => {
  const chat = site(result, 'src/components/Chat.vue:19:26');
  assert.deepEqual([chat.endLine, chat.endColumn, chat.function], [19, 136, 'send']);
  assert.deepEqual(chat.prompt, [{ type: 'placeholder', name: 'input', expression: 'input', role: 'user' }]);
  const frontmatter = site(result, 'src/pages/index.astro:6:26');
  assert.deepEqual([frontmatter.endLine, frontmatter.endColumn], [9, 3]);
  assert.deepEqual(frontmatter.prompt, [{ type: 'text', text: 'Write a tagline for a bakery', role: 'user', source: { file: 'src/pages/index.astro', line: 8 } }]);
  // A wrapper exported by a Svelte module script, called from the component and from a .ts file.
  const svelte = site(result, 'src/components/Summary.svelte:7:12');
  assert.deepEqual(
    svelte.callers.map((c) => `${c.file}:${c.line}:${c.column} ${c.function}`),
    ['src/components/Summary.svelte:13:17 null', 'src/routes/digest.ts:3:41 digest'],
  );
});

test('frameworks: markup, comments, JSON scripts and styles are not code', () => {
  const vue = '<template>\n  <p>x.chat.completions.create()</p>\n</template>\n<script setup lang="ts">\nconst\ta=1\n</script>\n<style>p{}</style>\n';
  assert.equal(shown('A.vue', vue), '..........\n....................................\n...........\n........................\nconst\ta=1\n;........\n..................\n');
  assert.equal(scriptView('A.vue', vue).code.length, vue.length);
  const json = '<script type="application/ld+json">{"a":1}</script><!-- <script>x()</script> --><script>y()</script>';
  assert.equal(shown('B.svelte', json).replace(/\.+/g, ' '), ' y(); ');
  // A quoted `>` does not end the tag; a self-closing script has no body; an unclosed one runs to the end.
  assert.equal(shown('C.vue', '<script setup lang="ts" generic="T extends A<B>">t()</script>').replace(/\.+/g, ' '), ' t(); ');
  assert.equal(shown('D.astro', '<script src="/x.js" />\n<SCRIPT>\nz()').replace(/\.+/g, ' '), ' \n \nz()');
});

test('frameworks: Astro frontmatter is the first fence only; line breaks and parse kinds are kept', () => {
  const astro = '---\nconst\ta=1\n---\n<p>---</p>\n---\n';
  assert.equal(shown('E.astro', astro), '...\nconst\ta=1\n;..\n..........\n...\n');
  assert.equal(shown('F.astro', '<p>x</p>\n---\nno()\n---\n'), '........\n...\n....\n...\n');
  assert.equal(shown('G.vue', '<script>\r\na()\r\n</script>\r\n'), '........\r\na()\r\n;........\r\n');
  const kind = (file: string, text: string) => scriptView(file, text).kind;
  assert.equal(kind('a.vue', '<script>x</script>'), ts.ScriptKind.JS);
  assert.equal(kind('a.vue', '<script>x</script><script setup lang="ts">y</script>'), ts.ScriptKind.TS);
  assert.equal(kind('a.vue', '<script lang="tsx">x</script>'), ts.ScriptKind.TSX);
  assert.equal(kind('a.svelte', '<script lang="jsx">x</script>'), ts.ScriptKind.JSX);
  assert.equal(kind('a.astro', '<p></p>'), ts.ScriptKind.TS);
});
