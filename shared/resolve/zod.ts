import type { Evaluator } from './evaluate';
import { exactString, oneOf, unknown, LazyProps, type Arg, type SdkValue, type Step, type Value } from './values';

// Request bodies are often validated with zod: `const { model } = schema.parse(await req.json())`
// where `model: z.enum(['a', 'b']).default('a')`. The schema, not the request, says what the model can
// be, so `.parse()` of a static schema evaluates to the values the schema admits.

const ZOD_MODULES = new Set(['zod', 'zod/v4', 'zod/v3', 'zod/mini', 'zod/v4-mini']);
const PARSE_METHODS = new Set(['parse', 'parseAsync', 'safeParse', 'safeParseAsync', 'spa']);
/** Modifiers that keep the admitted values as they are. */
const TRANSPARENT = new Set(['describe', 'min', 'max', 'length', 'trim', 'toLowerCase', 'toUpperCase', 'int', 'positive', 'nonnegative', 'nonempty', 'email', 'url', 'uuid', 'regex', 'brand', 'readonly', 'meta', 'strict', 'passthrough', 'strip', 'catchall', 'refine', 'superRefine', 'check']);

type Schema =
  | { t: 'object'; shape: Map<string, Schema> }
  | { t: 'values'; values: Value[] }
  | { t: 'any'; kind: string };

function callArgs(step: Step | undefined): Arg[] | null {
  return step && step.t === 'call' ? step.args : null;
}

function schemaOfValue(ev: Evaluator, v: Value | undefined, depth: number): Schema | null {
  if (!v) return null;
  if (v.k === 'sdk' && ZOD_MODULES.has(v.module)) return schemaOf(ev, v.steps, depth + 1);
  return null;
}

function schemaOf(ev: Evaluator, steps: Step[], depth: number): Schema | null {
  if (depth > 20) return null;
  let i = 0;
  while (i < steps.length && steps[i].t === 'get' && ['z', 'default', 'zod'].includes((steps[i] as { name: string }).name) && steps[i + 1]?.t === 'get') i++;
  const ctorStep = steps[i];
  if (!ctorStep || ctorStep.t !== 'get') return null;
  const args = callArgs(steps[i + 1]);
  if (!args) return null;
  const first = args[0] ? ev.argValue(args[0]) : undefined;
  let schema: Schema;
  switch (ctorStep.name) {
    case 'object':
    case 'strictObject':
    case 'looseObject': {
      const shape = new Map<string, Schema>();
      if (first?.k === 'obj') for (const [k, val] of first.props) shape.set(k, schemaOfValue(ev, val, depth) ?? { t: 'any', kind: 'value' });
      schema = { t: 'object', shape };
      break;
    }
    case 'enum':
      schema = first?.k === 'arr' ? { t: 'values', values: first.items } : first?.k === 'obj' ? { t: 'values', values: [...first.props.values()] } : { t: 'any', kind: 'enum value' };
      break;
    case 'nativeEnum':
      schema = first?.k === 'obj' ? { t: 'values', values: [...first.props.values()] } : { t: 'any', kind: 'enum value' };
      break;
    case 'literal':
      schema = first ? { t: 'values', values: first.k === 'arr' ? first.items : [first] } : { t: 'any', kind: 'literal' };
      break;
    case 'union':
    case 'discriminatedUnion': {
      const list = ev.argValue(args[ctorStep.name === 'union' ? 0 : 1] ?? args[0]);
      const members = list?.k === 'arr' ? list.items.map((m) => schemaOfValue(ev, m, depth)) : [];
      const values = members.flatMap((m) => (m && m.t === 'values' ? m.values : [unknown('a value validated by zod at run time')]));
      schema = members.length ? { t: 'values', values } : { t: 'any', kind: 'union value' };
      break;
    }
    default:
      schema = { t: 'any', kind: ctorStep.name };
  }
  // Modifiers after the constructor: .optional(), .default(x), .describe(...) ...
  for (let j = i + 2; j < steps.length; j += 2) {
    const mod = steps[j];
    if (mod.t !== 'get') return schema;
    const modArgs = callArgs(steps[j + 1]);
    if (!modArgs) return schema;
    if (mod.name === 'default' || mod.name === 'catch' || mod.name === 'prefault') {
      const d = modArgs[0] ? ev.argValue(modArgs[0]) : undefined;
      if (d) schema = schema.t === 'values' ? { t: 'values', values: [d, ...schema.values] } : { t: 'values', values: [d, unknown(`a ${schema.t === 'any' ? schema.kind : 'value'} from the request, validated by zod`)] };
    } else if (mod.name === 'extend' && schema.t === 'object') {
      const more = modArgs[0] ? ev.argValue(modArgs[0]) : undefined;
      if (more?.k === 'obj') for (const [k, val] of more.props) schema.shape.set(k, schemaOfValue(ev, val, depth) ?? { t: 'any', kind: 'value' });
    } else if (!TRANSPARENT.has(mod.name) && !['optional', 'nullable', 'nullish', 'array'].includes(mod.name)) {
      // A transform or pipe may change the value: stop reading the schema here.
      if (mod.name === 'transform' || mod.name === 'pipe' || mod.name === 'preprocess') return { t: 'any', kind: 'transformed value' };
    }
  }
  return schema;
}

function valueOf(schema: Schema): Value {
  switch (schema.t) {
    case 'values':
      return oneOf(schema.values.map((v) => (exactString(v) !== null ? v : v.k === 'unknown' ? v : unknown('a value validated by zod at run time'))));
    case 'object': {
      const props = new LazyProps();
      for (const [k, s] of schema.shape) props.defineLazy(k, () => valueOf(s));
      return { k: 'obj', props };
    }
    default:
      return unknown(`a ${schema.kind} from the request, validated by zod at run time`);
  }
}

/** `schema.parse(x)` and friends on a zod schema known statically; null when this is not one. */
export function zodParse(ev: Evaluator, callee: SdkValue): Value | null {
  if (!ZOD_MODULES.has(callee.module)) return null;
  const last = callee.steps[callee.steps.length - 1];
  if (!last || last.t !== 'get' || !PARSE_METHODS.has(last.name)) return null;
  const schema = schemaOf(ev, callee.steps.slice(0, -1), 0);
  if (!schema) return null;
  const value = valueOf(schema);
  if (last.name.startsWith('safe') || last.name === 'spa') {
    const props = new LazyProps();
    props.set('data', value);
    props.set('success', { k: 'bool', v: true });
    return { k: 'obj', props };
  }
  return value;
}
