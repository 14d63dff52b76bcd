// Real files to mutate: every source file of the corpus folders, each with the siblings it is scanned beside.
import * as fs from 'fs';
import * as path from 'path';

const SOURCE = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'build', 'out', '.next', 'coverage']);
const MAX_FILE = 512 * 1024;
const MAX_SIBLINGS = 24;
const LLM_IMPORT = /(?:from\s*|require\(\s*|import\(\s*)['"](?:openai|@anthropic-ai\/|@langchain\/|langchain|ai|@ai-sdk\/|@google\/|@google-cloud\/vertexai|groq-sdk|cohere-ai|@mistralai\/|@aws-sdk\/client-bedrock|ollama|replicate|together-ai)[^'"]*['"]/;

export interface CorpusFile {
  /** Absolute path. */
  file: string;
  /** Imports an LLM SDK: tollgate analyses it in depth (most files of an app it only skims). */
  callsLlm: boolean;
  /** Shown in case titles: relative to the corpus folder it came from. */
  label: string;
  corpusRoot: string;
}

/** Regular files only, links never followed (the corpus may itself be hostile), in a stable order. */
export function listCorpus(dirs: string[]): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const root of dirs.map((d) => path.resolve(d))) {
    const walk = (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const full = path.join(dir, e.name);
        if (e.isDirectory() && !SKIP_DIRS.has(e.name)) walk(full);
        else if (e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && fs.statSync(full).size <= MAX_FILE) out.push({ file: full, label: path.join(path.basename(root), path.relative(root, full)), corpusRoot: root, callsLlm: LLM_IMPORT.test(fs.readFileSync(full, 'latin1')) });
      }
    };
    walk(root);
  }
  return out;
}

/** The file's folder (regular files only) and the nearest package.json/tsconfig.json, as a case's files. */
export function treeAround(f: CorpusFile): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  const dir = path.dirname(f.file);
  const relDir = path.relative(f.corpusRoot, dir);
  // The file itself, then up to MAX_SIBLINGS others in name order.
  const others = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && e.name !== path.basename(f.file)).map((e) => e.name).sort();
  const siblings = [path.basename(f.file), ...others.slice(0, MAX_SIBLINGS)];
  for (const name of siblings) {
    const full = path.join(dir, name);
    if (fs.statSync(full).size <= MAX_FILE) files[path.posix.join(relDir.split(path.sep).join('/'), name)] = fs.readFileSync(full);
  }
  for (let d = dir; d.startsWith(f.corpusRoot); d = path.dirname(d)) {
    for (const meta of ['package.json', 'tsconfig.json']) {
      const full = path.join(d, meta);
      const rel = path.relative(f.corpusRoot, full).split(path.sep).join('/');
      if (!(rel in files) && fs.existsSync(full) && fs.lstatSync(full).isFile()) files[rel] = fs.readFileSync(full);
    }
    if (d === f.corpusRoot) break;
  }
  return files;
}
