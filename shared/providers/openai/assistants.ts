import { tsf } from '../../tsf';
import { packageName } from '../../project/imports';
import { walkDescendants } from '../../project/walk';
import { EMPTY_ENV, oneOf, options, prop, type Arg, type SdkValue, type Value } from '../../resolve/values';
import { withNote } from '../../resolve/text';
import { argValue, countItems, splitAtNew } from '../common';
import type { MatchContext } from '../types';

// Assistants runs bill the assistant's model, set where the assistant was created. When the run's
// `assistant_id` is the `id` of an `assistants.create(...)` result the evaluator follows, that call
// names the model, the instructions (the system prompt) and the tools. When it is not (an id pasted
// from the dashboard, an env var), the assistants created in the same file are the candidates, and
// the model says it is assumed.

export interface AssistantFacts {
  model: Value;
  instructions: Value | null;
  tools: number | null;
}

/** At most this many `assistants.create` calls of one file are read as candidates. */
const MAX_CANDIDATES = 8;
const CREATE = /\bassistants\s*\??\.\s*create\s*\(/;

/** The body of an `assistants.create(body)` call an SDK value comes from, when `value` is its `.id`. */
function createdAssistant(ctx: MatchContext, v: SdkValue, wantId: boolean): Value | null {
  if (packageName(v.module) !== 'openai') return null;
  const chain = splitAtNew(v);
  if (!chain) return null;
  const m = chain.members;
  const at = m[0] === 'beta' ? 1 : 0;
  if (m[at] !== 'assistants' || m[at + 1] !== 'create' || m[at + 2] !== '()') return null;
  const tail = m.slice(at + 3);
  if (wantId ? tail.length !== 1 || tail[0] !== 'id' : tail.length !== 0) return null;
  return argValue(ctx.ev, (chain.after[at + 2] as { args: Arg[] }).args, 0) ?? null;
}

function factsOf(bodies: Value[], note: string): AssistantFacts | null {
  const models = bodies.map((b) => prop(b, 'model')).filter((x): x is Value => !!x && x.k !== 'nullish');
  if (!models.length || models.length !== bodies.length) return null;
  const instructions = bodies.map((b) => prop(b, 'instructions')).filter((x): x is Value => !!x && x.k !== 'nullish');
  const tools = bodies.map((b) => prop(b, 'tools'));
  const counts = tools.map((t) => (t && t.k !== 'nullish' ? countItems(t) : 0));
  return {
    model: withNote(oneOf(models), note),
    instructions: instructions.length === bodies.length ? oneOf(instructions) : null,
    tools: counts.every((c) => c !== null) ? Math.max(...(counts as number[])) : null,
  };
}

/** The assistant a run uses, when the code shows it; null when nothing in the code names a model. */
export function runAssistant(ctx: MatchContext, body: Value | undefined): AssistantFacts | null {
  const id = prop(body, 'assistant_id');
  if (!id || id.k === 'nullish') return null;
  const traced = options(id).map((o) => (o.k === 'sdk' ? createdAssistant(ctx, o, true) : null));
  if (traced.every((b) => b !== null)) return factsOf(traced as Value[], "the model of the assistant this run's assistant_id comes from (assistants.create)");
  return sameFileAssistants(ctx);
}

/** The assistants created in the run's own file, read as candidates for an assistant_id the code does not trace. */
function sameFileAssistants(ctx: MatchContext): AssistantFacts | null {
  const sf = ctx.call.getSourceFile();
  if (!CREATE.test(sf.text)) return null;
  const bodies: Value[] = [];
  const lines: number[] = [];
  walkDescendants(sf, (n) => {
    if (bodies.length >= MAX_CANDIDATES) return false;
    if (!tsf.isCallExpression(n) || !tsf.isPropertyAccessExpression(n.expression) || n.expression.name.text !== 'create') return;
    const callee = ctx.ev.eval(n.expression, EMPTY_ENV);
    if (callee.k !== 'sdk') return;
    const body = createdAssistant(ctx, { ...callee, steps: [...callee.steps, { t: 'call', args: ctx.ev.args(n.arguments, EMPTY_ENV), node: n }] }, false);
    if (!body) return;
    bodies.push(body);
    lines.push(sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1);
  });
  if (!bodies.length) return null;
  return factsOf(bodies, `assumed: ${bodies.length === 1 ? 'the assistant' : 'one of the assistants'} created in this file (line ${lines.join(', ')}); the run's assistant_id is not traced to it`);
}
