import type { AzureConfig } from '../config/azure-config';
import type { PricingTable } from '../pricing/table';
import type { CallSite, Resolved, ScanWarning } from '../types';

// An Azure OpenAI call names a deployment, not a model. tollgate.yml's `azure.deployments` says
// which model each deployment serves; a call site's model becomes that model, with the deployment
// kept in a note, so every report, rule and total sees the model that is billed. A deployment that
// is neither mapped nor itself a model name in the pricing table stays unknown, with a warning
// that names the key to add.

export const AZURE_PROVIDER = 'azure-openai';

const note = (deployment: string) => `Azure deployment \`${deployment}\` (tollgate.yml azure.deployments)`;

function mapped(r: Resolved, deployments: Record<string, string>): Resolved {
  const map = (v: string) => (Object.prototype.hasOwnProperty.call(deployments, v) ? deployments[v] : null);
  if (r.status === 'exact') {
    const m = map(r.value);
    return m === null ? r : { status: 'exact', value: m, notes: [...(r.notes ?? []), note(r.value)].sort() };
  }
  if (r.status === 'oneOf') {
    const hits = r.values.filter((v) => map(v) !== null);
    if (!hits.length) return r;
    const values = [...new Set(r.values.map((v) => map(v) ?? v))].sort();
    const notes = [...(r.notes ?? []), ...hits.map(note)].sort();
    return values.length === 1 ? { status: 'exact', value: values[0], notes } : { status: 'oneOf', values, notes };
  }
  return r;
}

/** The call site with its deployment names replaced by the models they serve (the same object when nothing changes). */
export function withDeployments(site: CallSite, azure: AzureConfig): CallSite {
  if (site.provider !== AZURE_PROVIDER || !Object.keys(azure.deployments).length) return site;
  const model = mapped(site.model, azure.deployments);
  const callers = site.callers.map((c) => {
    const m = mapped(c.values.model, azure.deployments);
    return m === c.values.model ? c : { ...c, values: { ...c.values, model: m } };
  });
  if (model === site.model && callers.every((c, i) => c === site.callers[i])) return site;
  return { ...site, model, callers };
}

/**
 * One warning per Azure call site and deployment that tollgate.yml does not map and the pricing
 * table does not know as a model: the cost stays unknown until the key is added.
 */
export function unmappedDeployments(sites: CallSite[], azure: AzureConfig, pricing: PricingTable): ScanWarning[] {
  const out: ScanWarning[] = [];
  for (const s of sites) {
    if (s.provider !== AZURE_PROVIDER) continue;
    const names = s.model.status === 'exact' ? [s.model.value] : s.model.status === 'oneOf' ? s.model.values : [];
    for (const name of names) {
      if (Object.prototype.hasOwnProperty.call(azure.deployments, name) || pricing.lookup(AZURE_PROVIDER, name)) continue;
      out.push({ file: s.file, line: s.line, message: `Azure OpenAI deployment \`${name}\` is not mapped to a model: add \`azure.deployments.${name}: <model>\` to tollgate.yml` });
    }
  }
  return out;
}
