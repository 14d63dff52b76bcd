// Random JavaScript of the shapes that make a static evaluator explode: nested, aliased and
// self-referential values (spreads of `this`, recursive and mutually recursive functions across
// files, getters reading each other, classes extending each other, methods calling themselves
// through callbacks, huge lookup maps and switches, long `+` chains), each ending in model calls.
// Seeded, so a failing case can be written out again and read.

/** A small deterministic generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Shape = (r: Gen, id: string) => { code: string; value: string };

class Gen {
  constructor(private readonly next: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)];
  }
}

const doublers = [
  (n: string, p: string) => `const ${n} = ${p} + ${p};`,
  (n: string, p: string) => `const ${n} = \`\${${p}}-\${${p}}\`;`,
  (n: string, p: string) => `const ${n} = [...${p}, ...${p}];`,
  (n: string, p: string) => `const ${n} = ${p}.concat(${p});`,
  (n: string, p: string) => `const ${n} = { ...${p}, l: ${p}, r: ${p} };`,
  (n: string, p: string) => `const ${n} = ${p}.replace(/a/g, ${p});`,
  (n: string, p: string) => `const ${n} = [${p}, ${p}].join(${p});`,
  (n: string, p: string) => `const ${n} = JSON.stringify({ a: ${p}, b: ${p} });`,
];

const SHAPES: Shape[] = [
  // Doubling constants, one operation per line.
  (r, id) => {
    const op = r.pick(doublers);
    const depth = r.int(8, 40);
    let code = `const ${id}0 = ${r.pick(["'ab'", "['a']", "{ m: 'gpt-4o' }"])};\n`;
    for (let i = 1; i <= depth; i++) code += op(`${id}${i}`, `${id}${i - 1}`) + '\n';
    return { code, value: `${id}${depth}` };
  },
  // A class whose members spread themselves and each other.
  (r, id) => {
    const names = ['config', 'opts', 'meta'].slice(0, r.int(1, 3));
    const lines: string[] = [];
    for (let i = r.int(2, 6); i > 0; i--) {
      const a = r.pick(names);
      const b = r.pick(names);
      lines.push(r.pick([`this.${a} = { ...this.${a}, ${b}: { ...this.${b}, ...fields.${b} } };`, `this.${a} = { ...this.${b}, list: [...this.${a}.list, this.${b}] };`, `this.${a} = this.${b} ?? this.${a};`]));
    }
    const code = `class C${id} {\n  constructor(fields: any) {\n    ${lines.join('\n    ')}\n  }\n  get g() { return this.h + this.${names[0]}.model; }\n  get h() { return this.g; }\n  invoke(x: string) { return this.${names[0]}.model ?? this.g; }\n}\nconst ${id}i = new C${id}({ config: { model: 'gpt-4o' } });\n`;
    return { code, value: `${id}i.invoke('q')` };
  },
  // Recursion, direct and through a callback.
  (r, id) => {
    const code = `function ${id}f(x: string, n: number): string { return n ? ${id}f(x + x, n - 1) + ${id}f(x, n - 1) : x; }\nconst ${id}cb = (k: (s: string) => string): string => k(${id}cb((s) => k(s + s)));\nconst ${id}o = { run(cb: any): any { return this.run((x: any) => cb(this.run(cb))); } };\n`;
    return { code, value: r.pick([`${id}f('ab', 40)`, `${id}cb((s) => s)`, `${id}o.run((x: any) => x)`]) };
  },
  // Classes extending each other: a long chain, or a cycle.
  (r, id) => {
    const n = r.int(2, 60);
    let code = '';
    for (let i = 0; i < n; i++) code += `class ${id}K${i} extends ${id}K${r.pick([i + 1, (i + 1) % n, 0])} { m${i} = this.m${i + 1} ?? 'gpt-4o'; }\n`;
    code += `class ${id}K${n} { model = this.m0; }\n`;
    return { code, value: `new ${id}K0().m0` };
  },
  // A huge lookup map and switch.
  (r, id) => {
    const n = r.int(500, 3000);
    const keys = Array.from({ length: n }, (_, i) => `k${i}: 'model-${i % r.int(1, 1500)}'`).join(', ');
    const cases = Array.from({ length: Math.min(n, 800) }, (_, i) => `case ${i}: return 'm${i}';`).join(' ');
    const code = `const ${id}map = { ${keys} };\nfunction ${id}sw(x: number) { switch (x) { ${cases} } return ${id}map[String(x)]; }\n`;
    return { code, value: r.pick([`${id}map[process.argv[2]]`, `${id}sw(Number(process.argv[2]))`]) };
  },
  // A long `+` chain of constants and parameters (deeper ones are the parser's nesting limit, not the evaluator's).
  (r, id) => {
    const n = r.int(100, 600);
    const terms = Array.from({ length: n }, (_, i) => (i % 7 ? `'p${i}'` : `${id}x`)).join(' + ');
    return { code: `const ${id}x = 'z';\nconst ${id}long = ${terms};\n`, value: `${id}long` };
  },
];

/** Files of one random tree: a few modules of hostile values, imported by modules that call models. */
export function randomTree(seed: number): Record<string, string> {
  const r = new Gen(rng(seed));
  const files: Record<string, string> = {};
  const exported: Array<{ file: string; name: string }> = [];
  const modules = r.int(1, 3);
  for (let m = 0; m < modules; m++) {
    let code = m > 0 ? `import { v${m - 1}_0 } from './lib${m - 1}';\n` : '';
    const count = r.int(1, 3);
    for (let i = 0; i < count; i++) {
      const id = `s${m}_${i}_`;
      const shape = r.pick(SHAPES)(r, id);
      // Mutual recursion across files: this module's values may read the previous one's.
      const value = m > 0 && r.int(0, 2) === 0 ? `${shape.value} + v${m - 1}_0` : shape.value;
      code += shape.code + `export const v${m}_${i} = ${value};\n`;
      exported.push({ file: `lib${m}`, name: `v${m}_${i}` });
    }
    files[`lib${m}.ts`] = code;
  }
  const uses = r.int(1, 3);
  for (let u = 0; u < uses; u++) {
    const picks = [r.pick(exported), r.pick(exported)];
    const imports = [...new Set(picks.map((p) => `import { ${p.name} } from './${p.file}';`))].join('\n');
    const call = r.pick([
      `client.chat.completions.create({ model: ${picks[0].name} as any, messages: [{ role: 'user', content: ${picks[1].name} as any }] })`,
      `new ChatOpenAI({ model: ${picks[0].name} as any }).invoke(${picks[1].name} as any)`,
    ]);
    files[`use${u}.ts`] = `${imports}\nimport OpenAI from 'openai';\nimport { ChatOpenAI } from '@langchain/openai';\nconst client = new OpenAI();\nexport async function ask${u}(extra: string) {\n  return ${call};\n}\nexport const viaWrapper${u} = ask${u}('x');\n`;
  }
  return files;
}
