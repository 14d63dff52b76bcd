import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import type { Warn } from './detect-config';

// The `azure:` section of tollgate.yml. An Azure OpenAI call names a deployment, which is whatever
// its owner called it (`prod-gpt4o`); only the Azure portal says which model it serves. The user
// says it here, and the estimate prices the model. As with `detect:`, a wrong entry is a warning
// naming its key and is left out.

export interface AzureConfig {
  /** Deployment name → the model it serves, as the pricing table names it. */
  deployments: Record<string, string>;
}

export const EMPTY_AZURE: AzureConfig = { deployments: {} };

const KEYS = ['deployments'];
/** Azure allows 64 characters for a deployment name; anything longer is not one. */
const DEPLOYMENT = /^[\w.-]{1,64}$/;
const MAX_DEPLOYMENTS = 500;

type Suggest = (word: string, candidates: string[]) => string | null;

export function readAzure(node: Node | null | undefined, warn: Warn, suggest: Suggest): AzureConfig {
  const out: AzureConfig = { deployments: {} };
  if (!isMap(node)) {
    warn(node, 'azure: expects a mapping { deployments: { <deployment>: <model> } }');
    return out;
  }
  for (const p of (node as YAMLMap).items) {
    const keyNode = p.key as Node;
    const k = isScalar(keyNode) ? String((keyNode as { value: unknown }).value) : '';
    if (!KEYS.includes(k)) {
      const hint = suggest(k, KEYS);
      warn(keyNode, `azure: unknown key "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; known keys: ${KEYS.join(', ')}`);
      continue;
    }
    const value = p.value as Node | null;
    if (!isMap(value)) {
      warn(value ?? keyNode, 'azure.deployments: expects a mapping of deployment names to models, such as prod-gpt4o: gpt-4o');
      continue;
    }
    const items = (value as YAMLMap).items;
    if (items.length > MAX_DEPLOYMENTS) warn(value, `azure.deployments: ${items.length} entries; only the first ${MAX_DEPLOYMENTS} are read`);
    for (const item of items.slice(0, MAX_DEPLOYMENTS)) {
      const dk = item.key as Node;
      const name = isScalar(dk) ? String((dk as { value: unknown }).value) : '';
      const what = `azure.deployments[${JSON.stringify(name.length > 80 ? name.slice(0, 80) + '…' : name)}]`;
      if (!DEPLOYMENT.test(name)) {
        warn(dk, `${what}: is not a deployment name (letters, digits, "_", "-" and ".", at most 64)`);
        continue;
      }
      const model = isScalar(item.value) ? (item.value as { value: unknown }).value : undefined;
      if (typeof model !== 'string' || !model.trim()) {
        warn((item.value as Node | null) ?? dk, `${what}: expects the model the deployment serves, such as gpt-4o`);
        continue;
      }
      out.deployments[name] = model.trim();
    }
  }
  return out;
}
