import { createHash } from 'node:crypto';

/**
 * Demo ids other services compute too, so each seeds its side alone and the references meet: the
 * first 32 hex digits of sha1('lianxin-demo-<kind>:' + key) as a UUID with version nibble 5 and
 * variant nibble 8 (the same rule as the people service's demo data).
 */
export function demoUuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`lianxin-demo-${kind}:${key}`).digest('hex').slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Persons of the people service's demo population: `resident:<n>`, `resident:demo`, `staff:<grid>:<i>`. */
export function personIdFor(key: string): string {
  return demoUuid('person', key);
}

/** Keycloak user ids of the demo realm's accounts (fixed in tools/keycloak/lianxin-realm.json). */
export const DEMO_USER_IDS = {
  countyAdmin: '00000000-0000-4000-8000-000000000001',
  jiansheAdmin: '00000000-0000-4000-8000-000000000003',
  xinjiaAdmin: '00000000-0000-4000-8000-000000000004',
  qixingAdmin: '00000000-0000-4000-8000-000000000005',
  villageAdmin: '00000000-0000-4000-8000-000000000006',
  village2Admin: '00000000-0000-4000-8000-000000000007',
  gridLeader: '00000000-0000-4000-8000-000000000008',
  gridWorker: '00000000-0000-4000-8000-000000000009',
  gridWorker2: '00000000-0000-4000-8000-000000000010',
  civilStaff: '00000000-0000-4000-8000-000000000011',
  policeStaff: '00000000-0000-4000-8000-000000000012',
  residentDemo: '00000000-0000-4000-8000-000000000014',
} as const;

/**
 * resident.demo's person. The brief named it `resident:0`; the people service seeds resident.demo as
 * `resident:demo` (and its residents from `resident:1`), so this follows the people service, where
 * the reference has to meet.
 */
export const RESIDENT_DEMO_PERSON_KEY = 'resident:demo';

/** A small, fast, deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
