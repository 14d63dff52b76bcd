// Hostile source shapes, generated at test time: deep nesting of every kind the parser recurses on,
// chains it reads in a loop, and the bad merge that makes its error recovery exponential. One level
// per line: a long single line would be skipped as minified before it reached the parser.

const rep = (s: string, n: number) => s.repeat(n);

/** A statement nested `n` levels deep, by kind. */
export const NESTING: Record<string, (n: number) => string> = {
  parens: (n) => `const v = ${rep('(\n', n)}1${rep(')', n)};`,
  arrays: (n) => `const v = ${rep('[\n', n)}1${rep(']', n)};`,
  calls: (n) => `const v = ${rep('g(\n', n)}1${rep(')', n)};`,
  objects: (n) => `const v = ${rep('{ a:\n', n)}1${rep(' }', n)};`,
  ternaries: (n) => `const v = ${rep('a ? b :\n', n)}c;`,
  templates: (n) => `const v = ${rep('`${\n', n)}1${rep('}`', n)};`,
  jsx: (n) => `const v = ${rep('<a>\n', n)}x${rep('</a>', n)};`,
  arrows: (n) => `const v = ${rep('() =>\n', n)}1;`,
  classes: (n) => `${rep('class A { m() {\n', n)}${rep('} }', n)}`,
  blocks: (n) => `${rep('{\n', n)}${rep('}', n)}`,
  elseIfs: (n) => `if (a) {}${rep(' else if (a) {}\n', n)}`,
  unary: (n) => `const v = ${rep('!\n', n)}a;`,
  assignments: (n) => `${rep('a =\n', n)}1;`,
  types: (n) => `type T = ${rep('A<\n', n)}1${rep('>', n)};`,
  awaits: (n) => `async function h() { ${rep('await\n', n)}1; }`,
};

/** Chains as long as `n`: the parser reads them in a loop, and so must every walk of ours. */
export const CHAINS: Record<string, (n: number) => string> = {
  concatenation: (n) => `const v = 'a'${rep(" +\n'a'", n)};`,
  members: (n) => `const v = a${rep('\n.b', n)};`,
  calls: (n) => `const v = a${rep('\n.b()', n)};`,
};

/**
 * A bad merge: a method header whose parameter list never closes, repeated. Outside a class body
 * `async name(` makes TypeScript's parser look ahead over the rest of the file for an async arrow
 * function, and each unclosed copy doubles that: 14 copies take 0.4 s, 18 copies 5 s.
 */
export function badMerge(copies: number): string {
  return rep('  async ask(question: string,\n', copies);
}

/**
 * Valid code on which the parser is exponential too: calls of a function named `async`, nested. At
 * each `async(` the parser looks ahead for an async arrow function over everything that follows,
 * then parses it again as a call: 14 levels take 30 ms, 18 levels 0.5 s. No syntax error, balanced
 * brackets: no cheap pre-check of the text can tell this file from a slow one.
 */
export function nestedAsyncCalls(levels: number): string {
  return `export const x = ${rep('async(\n', levels)}1${rep(')', levels)};\n`;
}

export const CALL = `import OpenAI from 'openai';\nconst c = new OpenAI();\nexport const f = () => c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n`;
