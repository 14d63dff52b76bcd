// A validator for the subset of JSON Schema (draft 2020-12) that tollgate's own schemas use
// (schema/tollgate.schema.json, pricing/schema.json), so both are tested offline without a schema
// library. Unsupported keywords are reported, not ignored: a schema cannot outgrow its validator.

export type Schema = { [key: string]: unknown };

const SUPPORTED = new Set([
  '$schema', '$id', 'title', 'description', 'default', 'examples', '$defs', '$ref', 'type', 'properties',
  'required', 'additionalProperties', 'items', 'enum', 'const', 'minimum', 'maximum', 'exclusiveMinimum',
  'minLength', 'minItems', 'uniqueItems', 'pattern', 'format', 'anyOf',
]);

export function validateSchema(value: unknown, schema: Schema): string[] {
  const errors: string[] = [];
  check(value, schema, schema, '$', errors);
  return errors;
}

function check(value: unknown, schema: Schema, root: Schema, at: string, errors: string[]): void {
  for (const key of Object.keys(schema)) if (!SUPPORTED.has(key)) errors.push(`${at}: schema keyword "${key}" is not supported by the validator`);
  // In 2020-12 $ref applies beside its siblings (a description next to a $ref is common here).
  if (typeof schema.$ref === 'string') check(value, resolveRef(schema.$ref, root), root, at, errors);
  if (schema.type !== undefined && !typeMatches(value, schema.type as string | string[])) {
    errors.push(`${at}: expected ${JSON.stringify(schema.type)}, got ${describe(value)}`);
    return;
  }
  if ('const' in schema && !sameJSON(value, schema.const)) errors.push(`${at}: expected ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => sameJSON(e, value))) errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(schema.anyOf)) {
    const tries = schema.anyOf.map((s) => validateAt(value, s as Schema, root, at));
    if (!tries.some((t) => t.length === 0)) errors.push(`${at}: matches none of anyOf (${tries.map((t) => t[0]).join('; ')})`);
  }
  if (typeof value === 'number') checkNumber(value, schema, at, errors);
  if (typeof value === 'string') checkString(value, schema, at, errors);
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${at}: items are not unique`);
    if (isObject(schema.items)) value.forEach((v, i) => check(v, schema.items as Schema, root, `${at}[${i}]`, errors));
  } else if (isObject(value)) checkObject(value, schema, root, at, errors);
}

function validateAt(value: unknown, schema: Schema, root: Schema, at: string): string[] {
  const errors: string[] = [];
  check(value, schema, root, at, errors);
  return errors;
}

function checkNumber(value: number, schema: Schema, at: string, errors: string[]): void {
  if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${at}: ${value} < minimum ${schema.minimum}`);
  if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${at}: ${value} > maximum ${schema.maximum}`);
  if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum) errors.push(`${at}: ${value} is not above ${schema.exclusiveMinimum}`);
}

function checkString(value: string, schema: Schema, at: string, errors: string[]): void {
  if (typeof schema.minLength === 'number' && value.length < schema.minLength) errors.push(`${at}: shorter than ${schema.minLength}`);
  if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
  if (schema.format === 'date' && !isValidDate(value)) errors.push(`${at}: "${value}" is not a valid date`);
  if (schema.format === 'uri' && !isURI(value)) errors.push(`${at}: "${value}" is not a URI`);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export function isValidDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isURI(s: string): boolean {
  try {
    new URL(s);
    return true;
  } catch {
    return false;
  }
}

function checkObject(value: Record<string, unknown>, schema: Schema, root: Schema, at: string, errors: string[]): void {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of (schema.required ?? []) as string[]) if (!(key in value)) errors.push(`${at}: missing "${key}"`);
  for (const [key, v] of Object.entries(value)) {
    if (props[key]) check(v, props[key], root, `${at}.${key}`, errors);
    else if (schema.additionalProperties === false) errors.push(`${at}: unexpected property "${key}"`);
    else if (isObject(schema.additionalProperties)) check(v, schema.additionalProperties as Schema, root, `${at}.${key}`, errors);
  }
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported: ${ref}`);
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) node = isObject(node) ? node[part] : undefined;
  if (!isObject(node)) throw new Error(`unresolved $ref ${ref}`);
  return node;
}

function typeMatches(value: unknown, type: string | string[]): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'null': return value === null;
      case 'integer': return Number.isInteger(value);
      case 'number': return typeof value === 'number' && Number.isFinite(value);
      case 'array': return Array.isArray(value);
      case 'object': return isObject(value);
      default: return typeof value === t;
    }
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameJSON(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describe(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}
