import type { PolicyResult } from '../check';
import type { Finding, Rule, Severity, SeveritySetting } from '../rules/types';
import { RULES } from '../rules/registry';
import { redactSecrets } from '../redact';
import { inertJson } from './workflow-commands';
import { VERSION } from '../version';

// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Paths stay relative to the scanned
// root (uriBaseId %SRCROOT%) so the upload action can map them onto the repository.

// The project has no public address yet: rule help points at the docs shipped in the package,
// not at a guessed URL. Set informationUri/helpUri here once the repository is published.
const DOCS_PATH = 'docs/rules/';
const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note' | 'none';
const LEVEL: Record<SeveritySetting, Level> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

function ruleDescriptor(rule: Rule<never>) {
  const m = rule.meta;
  const options = Object.keys(m.options);
  const full = `${m.description} Default severity: ${m.defaultSeverity}.${options.length ? ` Options: ${options.join(', ')}.` : ''} Suppress one finding with \`// tollgate-ignore ${m.id}: <reason>\` on the line above.`;
  return {
    id: m.id,
    shortDescription: { text: m.description },
    fullDescription: { text: full },
    help: { text: `${m.description} See ${DOCS_PATH}${m.id}.md in the tollgate package.` },
    defaultConfiguration: { level: LEVEL[m.defaultSeverity], enabled: m.defaultSeverity !== 'off' },
  };
}

function location(f: Finding) {
  if (!f.file) return [];
  const region = f.line > 0 ? { region: { startLine: f.line, ...(f.column > 0 ? { startColumn: f.column } : {}) } } : {};
  // SARIF URIs are URI references: percent-encode what is not allowed, keep the slashes.
  const uri = f.file.split(/[\\/]/).map(encodeURIComponent).join('/');
  return [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, ...region } }];
}

function sarifResult(f: Finding, ruleIndex: Map<string, number>) {
  const index = ruleIndex.get(f.ruleId);
  return {
    ruleId: f.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[f.severity as Severity],
    message: { text: redactSecrets(f.message) },
    locations: location(f),
    ...(f.callSiteId ? { partialFingerprints: { 'tollgateCallSite/v1': `${f.ruleId}:${redactSecrets(f.callSiteId)}` } } : {}),
    // The standard SARIF property for "compared with a baseline run"; absent without a base.
    ...(f.new === undefined ? {} : { baselineState: f.new ? 'new' : 'unchanged' }),
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource', ...(f.suppressionReason ? { justification: redactSecrets(f.suppressionReason) } : {}) }] } : {}),
  };
}

/** One run, every registered rule's metadata (`registry`: tests pin it), one result per finding (suppressed ones included, marked). */
export function renderSarif(result: Pick<PolicyResult, 'findings'>, registry: Rule<never>[] = RULES): string {
  const rules = registry.map(ruleDescriptor);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'tollgate', version: VERSION, semanticVersion: VERSION, rules } },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The scanned directory.' } } },
        results: result.findings.map((f) => sarifResult(f, ruleIndex)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return inertJson(JSON.stringify(log, null, 2)) + '\n';
}
