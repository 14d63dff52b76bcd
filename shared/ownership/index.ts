import type { CallSite } from '../types';
import { tagValue } from '../estimate/estimate';
import { ownersOf, type Codeowners } from './codeowners';

export type OwnerVia = 'tag' | 'CODEOWNERS';

/** Who a call site's cost belongs to, and how that was decided. */
export interface Owner {
  team: string;
  via: OwnerVia;
}

/**
 * The team tag wins: it is what the code says about itself. Otherwise CODEOWNERS' owners of the file,
 * all of them in the file's order joined by ", ", so a shared file's cost stays in one row and is
 * never counted twice.
 */
export function ownerOf(site: CallSite, codeowners: Codeowners | null): Owner | null {
  // Only a static tag value: one computed at run time names no team here.
  const team = tagValue(site, 'team');
  if (team !== null) return { team, via: 'tag' };
  const owners = codeowners ? ownersOf(codeowners, site.file) : [];
  return owners.length ? { team: owners.join(', '), via: 'CODEOWNERS' } : null;
}

export { loadCodeowners, parseCodeowners, type Codeowners } from './codeowners';
