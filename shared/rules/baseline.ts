import type { Finding } from './types';

// Which of the head's findings this change brought (`tollgate check --base`): a pull request is
// judged by what it adds, as Semgrep's diff-aware scans judge it. A finding is already on the base
// when the base has one of the same rule for the same call site (or, for findings on no call site,
// the same subject: a budget's scope, a feature's outcome, a config message); a finding with a
// measure (how far over a budget or ceiling) is new again when this change made the measure grow.

/** What a rule says about a finding beyond its public fields: kept out of the JSON. */
export interface FindingIdentity {
  /** What the finding is about when it is on no call site ("total", "team support"). */
  subject?: string;
  /** How bad it is, bigger is worse (dollars spent against a budget, cost of one call). */
  measure?: number;
}

const IDENTITY = new WeakMap<Finding, FindingIdentity>();

export function setIdentity(finding: Finding, identity: FindingIdentity): void {
  if (identity.subject !== undefined || identity.measure !== undefined) IDENTITY.set(finding, identity);
}

export function identityOf(finding: Finding): FindingIdentity {
  return IDENTITY.get(finding) ?? {};
}

/**
 * The matching key: rule and call site; off a call site the rule's subject, else file and message
 * (a config mistake or a reasonless suppression: its words are the same on both sides, its line may not be).
 */
function keyOf(f: Finding): string {
  if (f.callSiteId !== null) return `${f.ruleId}\0site\0${f.callSiteId}`;
  const { subject } = identityOf(f);
  return subject !== undefined ? `${f.ruleId}\0subject\0${subject}` : `${f.ruleId}\0text\0${f.file}\0${f.message}`;
}

/** Float noise in a sum of dollars is not "worse". */
const EPSILON = 1e-9;

function worse(head: Finding, base: Finding): boolean {
  const h = identityOf(head).measure;
  const b = identityOf(base).measure;
  return h !== undefined && b !== undefined && h > b + EPSILON;
}

/**
 * Sets `new` on every head finding (in place; the list's order is kept). Within one key, head and
 * base findings pair off, identical messages first: a site with two findings of one rule on the base
 * and three on the head has one new finding. A pair whose head side measures worse is new.
 */
export function markNew(head: Finding[], base: Finding[]): void {
  const pool = new Map<string, Finding[]>();
  for (const f of base) {
    const k = keyOf(f);
    const list = pool.get(k);
    if (list) list.push(f);
    else pool.set(k, [f]);
  }
  const unpaired: Finding[] = [];
  for (const f of head) {
    const list = pool.get(keyOf(f));
    const i = list ? list.findIndex((b) => b.message === f.message) : -1;
    if (i < 0) {
      unpaired.push(f);
      continue;
    }
    f.new = worse(f, list![i]);
    list!.splice(i, 1);
  }
  for (const f of unpaired) {
    const list = pool.get(keyOf(f));
    const b = list?.shift();
    f.new = b ? worse(f, b) : true;
  }
}
