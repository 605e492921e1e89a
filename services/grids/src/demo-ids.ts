import { createHash } from 'node:crypto';

/**
 * Deterministic ids for demo records other subgraphs hold too, so each seeds its side alone and the
 * references meet: the first 32 hex digits of sha1('lianxin-demo-<kind>:' + key), laid out as a UUID
 * with version nibble 5 and variant 8 (xxxxxxxx-xxxx-5xxx-8xxx-xxxxxxxxxxxx).
 */
function demoUuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`lianxin-demo-${kind}:${key}`).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Person ids the people subgraph's demo data uses as well; grid staff use the key `staff:<gridCode>:<index>`. */
export function personIdFor(key: string): string {
  return demoUuid('person', key);
}

/** Household ids for demo visits, key `household:<gridCode>:<n>` (sha1 of 'lianxin-demo-household:' + key). */
export function householdIdFor(key: string): string {
  return demoUuid('household', key);
}
