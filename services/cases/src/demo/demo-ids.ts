export { demoUuid, personIdFor } from '@lianxin/db';
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
