import { createHash } from 'node:crypto';

/**
 * Deterministic ids for demo records that several subgraphs hold, so each seeds its side alone and
 * the references meet: the first 32 hex digits of sha1('lianxin-demo-<kind>:' + key) laid out as a
 * UUID with version nibble 5 and variant 8 (xxxxxxxx-xxxx-5xxx-8xxx-xxxxxxxxxxxx).
 */
export function demoUuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`lianxin-demo-${kind}:${key}`).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Demo persons: `resident:<n>`, `resident:demo`, `staff:<gridCode>:<index>`. */
export function personIdFor(key: string): string {
  return demoUuid('person', key);
}

/** Demo households: `household:<gridCode>:<n>`, n from 1. */
export function householdIdFor(key: string): string {
  return demoUuid('household', key);
}
