import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigError, loadConfig } from '../shared/config/load';
import { scan, type ScanOptions } from '../shared/scan';
import type { CallSite, Resolved, ScanResult } from '../shared/types';

/** The repository root (tests run compiled from out/test/). */
export const ROOT = path.resolve(__dirname, '..', '..');

export function fixture(...parts: string[]): string {
  return path.join(ROOT, 'test', 'fixtures', ...parts);
}

const cache = new Map<string, ScanResult>();

/** Scans a fixture folder once per test process (fixtures are read-only). */
export function scanFixture(name: string, options: ScanOptions = {}): ScanResult {
  const key = name + JSON.stringify(options);
  let r = cache.get(key);
  if (!r) {
    r = scan(fixture(name), options);
    cache.set(key, r);
  }
  return r;
}

export function resolvedShort(r: Resolved | null): string | string[] | null {
  if (!r) return null;
  if (r.status === 'exact') return r.value;
  if (r.status === 'oneOf') return r.values;
  return '?' + r.reason;
}

export interface SiteSummary {
  at: string;
  provider: string;
  api: string;
  kind: string;
  model: string | string[] | null;
  tags?: string[];
}

export function tagShort(t: CallSite['tags'][number]): string {
  return `${t.key}=${t.dynamic ? '*' : t.value} (${t.mechanism}${t.reachesBill ? ', bill' : ''})`;
}

/** One line per call site with what the detection tests pin down exactly. */
export function summarize(result: ScanResult): SiteSummary[] {
  return result.callSites.map((s) => {
    const out: SiteSummary = { at: `${s.file}:${s.line}:${s.column}`, provider: s.provider, api: s.api, kind: s.kind, model: resolvedShort(s.model) };
    if (s.tags.length) out.tags = s.tags.map(tagShort);
    return out;
  });
}

export function site(result: ScanResult, at: string): CallSite {
  const found = result.callSites.find((s) => `${s.file}:${s.line}:${s.column}` === at || `${s.file}:${s.line}` === at);
  if (!found) throw new Error(`no call site at ${at}; have: ${result.callSites.map((s) => `${s.file}:${s.line}:${s.column}`).join(', ')}`);
  return found;
}

/** Writes a tollgate.yml into a fresh temporary folder and returns its path. */
export function writeConfig(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tollgate-config-')), 'tollgate.yml');
  fs.writeFileSync(file, text);
  return file;
}

/** The config error a tollgate.yml text gives (shown as `tollgate.yml`), or 'no error'. */
export function configError(text: string): string {
  try {
    loadConfig(writeConfig(text), 'tollgate.yml');
  } catch (err) {
    if (err instanceof ConfigError) return err.message;
    throw err;
  }
  return 'no error';
}

/** Writes files under dir (folders made as needed); null deletes the file. */
export function writeFiles(dir: string, files: Record<string, string | null>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (text === null) fs.rmSync(file);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
}

const tempDirs: string[] = [];

/** A new temporary folder (its real path), removed by removeTempDirs. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  tempDirs.push(dir);
  return dir;
}

/** Removes every folder tempDir made so far (call it from a test file's `after`). */
export function removeTempDirs(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
