export { demoUuid, personIdFor } from '@lianxin/db';
/** Keycloak subjects of the demo users (fixed in the realm). */
export const DEMO_USERS = {
  countyAdmin: '00000000-0000-4000-8000-000000000001',
  jiansheAdmin: '00000000-0000-4000-8000-000000000003',
  xinjiaAdmin: '00000000-0000-4000-8000-000000000004',
  qixingAdmin: '00000000-0000-4000-8000-000000000005',
  villageAdmin: '00000000-0000-4000-8000-000000000006',
  village2Admin: '00000000-0000-4000-8000-000000000007',
  gridLeader: '00000000-0000-4000-8000-000000000008',
  volunteerDemo: '00000000-0000-4000-8000-000000000013',
  residentDemo: '00000000-0000-4000-8000-000000000014',
} as const;

/** volunteer.demo is this in-service party member of 禾兴社区 (grid 330402001001001) in people's demo population. */
export const VOLUNTEER_DEMO_PERSON_KEY = 'resident:48';
export const RESIDENT_DEMO_PERSON_KEY = 'resident:demo';
export const RESIDENT_DEMO_GRID = '330402001001001';

/** mulberry32: small, fast and the same on every machine. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
