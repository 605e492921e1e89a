import { createHash } from 'node:crypto';

/**
 * Demo ids other services compute too, so each seeds its side alone and the references meet: the
 * first 32 hex digits of sha1('lianxin-demo-<kind>:' + key) as a UUID with version nibble 5 and
 * variant nibble 8 (xxxxxxxx-xxxx-5xxx-8xxx-xxxxxxxxxxxx).
 */
function demoUuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`lianxin-demo-${kind}:${key}`).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Persons: `staff:<gridCode>:<index>` (grid staff, also used by the grids service), `resident:<n>`, `resident:demo`. */
export function personIdFor(key: string): string {
  return demoUuid('person', key);
}

/** Households: `household:<gridCode>:<n>`, n from 1 (the grids service's demo visits use the same ids). */
export function householdIdFor(key: string): string {
  return demoUuid('household', key);
}
