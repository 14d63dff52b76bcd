// Another pricing table than the shipped one (`--pricing FILE`, the Action's `pricing` input, `pricing.table`
// in tollgate.yml): read as a regular file, checked against pricing/schema.json, refused with the file and the
// key that is wrong. A table named by the scanned repository (its tollgate.yml) is read only inside the root:
// the repository is untrusted, and a path out of it could make a report quote another file's content.

import * as path from 'path';
import schema from '../../pricing/schema.json';
import { ConfinedRoot, readRegularFile, refusalText } from '../project/confined-fs';
import { validateSchema, type Schema } from '../schema-check';
import type { PricingData } from './table';

/** The shipped table is about 0.3 MB; a table is data a person curates, never tens of megabytes. */
export const MAX_PRICING_BYTES = 16 * 1024 * 1024;

/** A table that prices a run instead of the shipped one; `file` is how reports name it. */
export interface PricingTableFile {
  file: string;
  data: PricingData;
}

export class PricingFileError extends Error {
  constructor(
    readonly file: string,
    /** the JSON path of the wrong key (`models[3].prices.input`), or null when the file itself is the problem */
    readonly key: string | null,
    readonly detail: string,
  ) {
    super(`pricing table ${file}: ${key ? `${key}: ` : ''}${detail}`);
  }
}

/**
 * Reads and checks a pricing table. `confineTo`: the folder the file must stay inside (the scanned root, or
 * the Action's workspace); without it, a file the user named on the command line is read wherever it is.
 */
export function readPricingFile(file: string, shown: string = file, confineTo?: string): PricingTableFile {
  const abs = path.resolve(file);
  let read;
  if (confineTo) {
    const root = new ConfinedRoot(confineTo);
    if (!root.contains(abs)) throw new PricingFileError(shown, null, `not read: the path leaves ${path.basename(root.root) || 'the root'} (a pricing table is read only inside it)`);
    read = root.read(abs, MAX_PRICING_BYTES);
  } else read = readRegularFile(abs, MAX_PRICING_BYTES);
  if (!read.ok) throw new PricingFileError(shown, null, refusalText(read.refusal, MAX_PRICING_BYTES));
  return { file: shown, data: parsePricingText(read.bytes.toString('utf8'), shown) };
}

/** The table in a file's text, checked against pricing/schema.json and the invariants the schema cannot say. */
export function parsePricingText(text: string, shown: string): PricingData {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new PricingFileError(shown, null, `not valid JSON: ${(err as Error).message}`);
  }
  const errors = validateSchema(json, schema as Schema);
  if (errors.length) {
    const first = errors[0];
    const m = first.match(/^\$\.?([^:]*): (.*)$/);
    throw new PricingFileError(shown, m ? withModelName(m[1], json) || '(top level)' : null, (m ? m[2] : first) + (errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''));
  }
  const data = json as PricingData;
  const seen = new Map<string, number>();
  data.models.forEach((m, i) => {
    const k = `${m.provider}/${m.id}`;
    if (seen.has(k)) throw new PricingFileError(shown, `models[${i}]`, `${k} is listed twice (first at models[${seen.get(k)}])`);
    seen.set(k, i);
  });
  return data;
}

/** `models[3].prices.input` → `models[3] (openai/gpt-4o).prices.input`: a person finds the entry by its name, not its index. */
function withModelName(key: string, json: unknown): string {
  const m = key.match(/^models\[(\d+)\]/);
  const models = (json as { models?: unknown }).models;
  const entry = m && Array.isArray(models) ? (models[Number(m[1])] as { id?: unknown; provider?: unknown } | undefined) : undefined;
  if (!m || typeof entry?.id !== 'string' || typeof entry.provider !== 'string') return key;
  return `${m[0]} (${entry.provider}/${entry.id})${key.slice(m[0].length)}`;
}
