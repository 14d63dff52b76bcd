import type { EstimatedCallSite } from '../../shared/estimate';
import type { Range } from '../../shared/estimate/types';
import type { Finding } from '../../shared/rules/types';
import { mdCode, mdText } from '../../shared/reporters/escape';
import type { Breakdown } from './protocol';
import type { CurrencyDisplay } from './settings';
import { count, money, usd } from './text';
import { modelLabel } from './lens';

// The hover on a call site: the estimate as small tables. Markdown without HTML; every piece of text
// that comes from the scanned code goes through mdText (escaped, secrets redacted).

const num = (n: number) => Math.round(n).toLocaleString('en-US');
const tokens = (r: Range) => (r.low === r.high ? num(r.expected) : `${num(r.expected)} (${num(r.low)}–${num(r.high)})`);
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

function costTable(site: EstimatedCallSite): string[] {
  const e = site.estimate;
  const out = [row(['', 'low', 'expected', 'high']), row(['---', '--:', '--:', '--:'])];
  const r = (label: string, v: Range, f: (n: number) => string) => out.push(row([label, f(v.low), f(v.expected), f(v.high)]));
  r('input tokens', e.inputTokens, num);
  r('output tokens', e.outputTokens, num);
  r('calls per invocation', e.callsPerInvocation, num);
  if (e.costPerCall) r('cost per call', e.costPerCall, usd);
  if (e.monthlyCost) r(`per month (${count(e.callsPerMonth ?? 0)} invocations)`, e.monthlyCost, usd);
  return out;
}

/** A wrapper split by caller: each caller's unit, as the totals by team and feature count it. */
function unitsTable(site: EstimatedCallSite, display: CurrencyDisplay): string[] {
  const e = site.estimate;
  if (!e.units?.length) return [];
  const title = e.volumeBy === 'call site' ? "**By caller** (the call site's volume counts them together: not split)" : '**By caller**';
  const out = ['', title, '', row(['caller', 'tags', 'per call', 'invocations/month', 'per month']), row(['---', '---', '--:', '--:', '--:'])];
  for (const u of e.units) {
    const tags = Object.entries(u.tags).map(([k, v]) => `${mdText(k, 20)} ${mdText(v, 40)}`).join(', ') || 'none';
    const perMonth = u.monthlyCost ? money(u.monthlyCost, display) : !u.costPerCall ? 'unknown model' : e.volumeBy === 'call site' ? 'not split' : 'needs volume';
    out.push(row([`${mdText(u.caller.file, 80)}:${u.caller.line}`, tags, u.costPerCall ? usd(u.costPerCall.expected) : 'unknown model', u.callsPerMonth !== null ? count(u.callsPerMonth) : '—', perMonth]));
  }
  return out;
}

function promptTable(b: Breakdown): string[] {
  if (!b.prompt.length) return ['', '**Prompt**: nothing static to count.'];
  const out = ['', '**Prompt**', '', row(['part', 'role', 'tokens', 'size from']), row(['---', '---', '--:', '---'])];
  for (const p of b.prompt) {
    const label = p.kind === 'placeholder' ? `placeholder ${mdText(p.label, 60)}` : `“${mdText(p.label, 60)}”`;
    out.push(row([label, mdText(p.role, 20), tokens(p.tokens), mdText(p.source, 80)]));
  }
  return out;
}

function resolvedText(r: EstimatedCallSite['options']['maxOutputTokens']): string {
  if (!r) return 'none';
  if (r.status === 'exact') return mdText(r.value, 40);
  if (r.status === 'oneOf') return r.values.map((v) => mdText(v, 40)).join(' or ');
  return `unknown (${mdText(r.reason, 120)})`;
}

export function hoverMarkdown(site: EstimatedCallSite, breakdown: Breakdown | null, findings: Finding[], display: CurrencyDisplay): string {
  const e = site.estimate;
  const via = site.gateway ? ` via ${mdText(site.gateway, 40)}` : '';
  const out: string[] = [`**tollgate** · ${mdText(site.provider, 40)}${via} · ${mdText(site.api, 60)} · ${mdText(modelLabel(site), 120)}`, ''];
  if (e.costPerCall) {
    out.push(e.monthlyCost ? `**${money(e.monthlyCost, display)} per month** · ${usd(e.costPerCall.expected)} per call` : `**${usd(e.costPerCall.expected)} per call** · needs volume for a monthly figure`, '');
  } else {
    out.push(`**No estimate**: ${e.status === 'unresolved-model' ? 'the model cannot be known statically' : e.status === 'unpriced' ? 'the model has no price for this use' : 'the model is not in the pricing table'}`, '');
  }
  out.push(...costTable(site));
  out.push(...unitsTable(site, display));
  if (breakdown) out.push(...promptTable(breakdown));
  const o = site.options;
  out.push('', `**Output bound**: ${mdCode(o.maxOutputOption)} = ${resolvedText(o.maxOutputTokens)}${o.streaming ? ' · streaming' : ''}${o.reasoning ? ` · reasoning ${resolvedText(o.reasoning)}` : ''}`);
  const steps: string[] = [];
  if (o.maxSteps) steps.push(`agent steps ${resolvedText(o.maxSteps)}`);
  if (site.annotation?.fanout) steps.push(`fan-out ${num(site.annotation.fanout)} (annotation)`);
  else if (site.fanOut) steps.push(`runs in a ${site.fanOut.kind} (line ${site.fanOut.line})`);
  if (o.tools) steps.push(`${o.tools} tool definition${o.tools === 1 ? '' : 's'}`);
  if (steps.length) out.push('', `**Steps / fan-out**: ${steps.join(' · ')}`);
  if (e.price) out.push('', `**Price**: ${mdText(e.price.model, 60)} (${mdText(e.price.provider, 40)}) · source ${mdText(e.price.source, 120)} · checked ${mdText(e.price.checked, 20)}`);
  out.push('', `**Owner**: ${site.owner ? `${mdText(site.owner.team, 120)} (via ${site.owner.via === 'tag' ? 'tag' : 'CODEOWNERS'})` : 'none (no team tag, no CODEOWNERS entry)'}`);
  const alternatives = alternativeLines(site, findings);
  if (alternatives.length) out.push('', '**Cheaper alternatives**', '', ...alternatives);
  const active = findings.filter((f) => f.callSiteId === site.id && !f.suppressed);
  if (active.length) out.push('', '**Policy**', '', ...active.map((f) => `- ${f.severity} ${mdCode(f.ruleId)}: ${mdText(f.message, 400)}`));
  if (e.assumptions.length) out.push('', '**Assumptions**', '', ...e.assumptions.map((a) => `- ${mdText(a, 400)}`));
  return out.join('\n');
}

/** The policy's suggested model (frontier-default) and self-hosted deployments from tollgate.yml, with their saving. */
function alternativeLines(site: EstimatedCallSite, findings: Finding[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    if (f.callSiteId !== site.id || f.ruleId !== 'frontier-default' || !f.fix) continue;
    const s = f.suggestion;
    const saving = !s ? '' : s.monthlySaving !== null ? `: saves about ${usd(s.monthlySaving)}/month` : s.costPerCall !== null && s.currentCostPerCall !== null ? `: ${usd(s.costPerCall)} a call instead of ${usd(s.currentCostPerCall)}` : '';
    out.push(`- ${mdText(f.fix.description, 120)}${saving} (quick fix available)`);
  }
  for (const a of site.estimate.alternatives ?? []) {
    if (a.monthlyCost && a.monthlySaving !== null) {
      const saving = a.monthlySaving;
      out.push(`- self-hosted ${mdText(a.model, 60)}: ${usd(a.monthlyCost.expected)}/month for these calls (server ${usd(a.fixedMonthlyUsd)}/month), ${saving > 0 ? `saves ${usd(saving)}/month` : `costs ${usd(-saving)}/month more`}${a.breakEvenCallsPerMonth !== null ? `; breaks even at ${count(a.breakEvenCallsPerMonth)} invocations/month` : ''}`);
    } else {
      out.push(`- self-hosted ${mdText(a.model, 60)}: ${usd(a.costPerCall.expected)} per call (server ${usd(a.fixedMonthlyUsd)}/month)`);
    }
  }
  return out;
}
