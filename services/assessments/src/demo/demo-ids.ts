import { demoUuid } from '@lianxin/db';
export { demoUuid, personIdFor } from '@lianxin/db';
import { createHash } from 'node:crypto';

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
} as const;

const TOWNSHIP_ADMINS: Record<string, string> = {
  '330402001': DEMO_USER_IDS.jiansheAdmin,
  '330402002': DEMO_USER_IDS.xinjiaAdmin,
  '330402003': DEMO_USER_IDS.qixingAdmin,
};
const VILLAGE_ADMINS: Record<string, string> = { '330402001001': DEMO_USER_IDS.villageAdmin, '330402001002': DEMO_USER_IDS.village2Admin };
const GRID_WORKERS: Record<string, string> = { '330402001001001': DEMO_USER_IDS.gridWorker, '330402001002001': DEMO_USER_IDS.gridWorker2 };
const GRID_LEADERS: Record<string, string> = { '330402001001001': DEMO_USER_IDS.gridLeader };

/**
 * Who acts in an area: the demo account where the realm has one, else a stable made-up id (the
 * cases service's demo uses the same `demoUuid('user', '<role>:<code>')` ids).
 */
export function townshipAdminOf(areaCode: string): string {
  const township = areaCode.slice(0, 9);
  return TOWNSHIP_ADMINS[township] ?? demoUuid('user', `township-admin:${township}`);
}

export function villageAdminOf(areaCode: string): string {
  const village = areaCode.slice(0, 12);
  return VILLAGE_ADMINS[village] ?? demoUuid('user', `village-admin:${village}`);
}

export function gridWorkerOf(gridCode: string): string {
  return GRID_WORKERS[gridCode] ?? demoUuid('user', `grid-worker:${gridCode}`);
}

export function gridLeaderOf(gridCode: string): string {
  return GRID_LEADERS[gridCode] ?? demoUuid('user', `grid-leader:${gridCode}`);
}

/** mulberry32: small, fast and the same on every machine. */
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

/** A seed from a string, so every staff member or member gets their own stable sequence. */
export function seedOf(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32BE(0);
}
