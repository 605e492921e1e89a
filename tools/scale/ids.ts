import type { GridPlan, ScalePlan } from './area-plan.ts';
import { scaleUuid } from './prng.ts';
import { DEMO_ACCOUNTS, DEMO_DEPARTMENTS, DEMO_USER_IDS, HandlingLevel, demoActorAt, demoUuid, personIdFor } from './service-code.ts';

/**
 * Ids every loader computes the same way, so references across the services' databases meet
 * without any loader reading another's output: persons and households by county-wide index, grid
 * staff by the demo's `staff:<grid>:<i>` key, departments and organizations by their code.
 * Keycloak user ids of the people who act on cases follow the cases demo (`demoActorAt`): the demo
 * realm's accounts for the demo areas, stable made-up ids elsewhere.
 */
export class ScaleIds {
  readonly seed: number;
  private readonly actorCache = new Map<string, { userId: string; roles: string[] }>();

  constructor(seed: number) {
    this.seed = seed;
  }

  /** A resident by county-wide person index; the first household of the demo grid is resident.demo's. */
  person(index: number): string {
    return index === RESIDENT_DEMO.personIndex ? personIdFor(RESIDENT_DEMO.key) : scaleUuid(this.seed, 'person', index);
  }

  household(index: number): string {
    return scaleUuid(this.seed, 'household', index);
  }

  /** Grid staff persons use the demo key `staff:<gridCode>:<i>` (the grids and people demos agree on it). */
  staffPerson(gridCode: string, position: number): string {
    return personIdFor(`staff:${gridCode}:${position}`);
  }

  staffAssignment(grid: GridPlan, position: number): string {
    return scaleUuid(this.seed, 'grid-staff', grid.index * 32 + position);
  }

  /** A county department by its position in the organizations demo's list (DEMO_DEPARTMENTS). */
  department(code: string): string {
    const index = DEMO_DEPARTMENTS.findIndex((department) => department.code === code);
    if (index < 0) throw new Error(`unknown department ${code}`);
    return scaleUuid(this.seed, 'department', index);
  }

  /** Organizations by kind and the index of what they belong to (grid index for a grid's party branch …). */
  organization(kind: 'governance-centre' | 'committee' | 'general-branch' | 'branch' | 'co-building', index: number): string {
    return scaleUuid(this.seed, `organization:${kind}`, index);
  }

  case(index: number): string {
    return scaleUuid(this.seed, 'case', index);
  }

  history(index: number): string {
    return scaleUuid(this.seed, 'case-history', index);
  }

  supervision(index: number): string {
    return scaleUuid(this.seed, 'supervision', index);
  }

  hazard(caseIndex: number): string {
    return scaleUuid(this.seed, 'hazard', caseIndex);
  }

  generic(kind: string, index: number): string {
    return scaleUuid(this.seed, kind, index);
  }

  /** Who acts for a level of a grid's case (cached: the demo scheme hashes with sha1). */
  actorAt(level: HandlingLevel, gridCode: string, departmentCode: string | null): { userId: string; roles: string[] } {
    const key = `${level}|${level === HandlingLevel.DEPARTMENT ? departmentCode : level === HandlingLevel.COUNTY ? '' : gridCode}`;
    let actor = this.actorCache.get(key);
    if (!actor) {
      actor = demoActorAt(level, gridCode, departmentCode);
      this.actorCache.set(key, actor);
    }
    return actor;
  }

  /** The grid leader's account: the demo's for 禾兴社区第一网格, a stable made-up one elsewhere. */
  gridLeaderUserId(gridCode: string): string {
    return gridCode === '330402001001001' ? DEMO_USER_IDS.gridLeader : demoUuid('user', `grid-leader:${gridCode}`);
  }
}

/** resident.demo (陈晓梅) heads the first household of 禾兴社区第一网格, as in the people demo. */
export const RESIDENT_DEMO = {
  key: DEMO_ACCOUNTS.residentDemo.key,
  userId: DEMO_ACCOUNTS.residentDemo.userId,
  name: DEMO_ACCOUNTS.residentDemo.name,
  gridCode: DEMO_ACCOUNTS.residentDemo.gridCode,
  /** Person index 0 is the head of the county's first household, in grid 330402001001001. */
  personIndex: 0,
} as const;

/** Demo accounts that are grid staff (grid.leader, grid.worker, grid.worker2): their persons carry the account. */
export const STAFF_ACCOUNTS: ReadonlyArray<{ gridCode: string; position: number; userId: string; name: string; sex: 'MALE' | 'FEMALE' }> = [
  { gridCode: '330402001001001', position: 0, ...DEMO_ACCOUNTS.gridLeader },
  { gridCode: '330402001001001', position: 1, ...DEMO_ACCOUNTS.gridWorker },
  { gridCode: '330402001002001', position: 1, ...DEMO_ACCOUNTS.gridWorker2 },
];

/** The first grid of the plan must be the demo grid for RESIDENT_DEMO.personIndex to mean what it says. */
export function assertDemoLayout(plan: ScalePlan): void {
  if (plan.grids[0]?.code !== RESIDENT_DEMO.gridCode) throw new Error(`the plan's first grid is ${plan.grids[0]?.code}, not ${RESIDENT_DEMO.gridCode}`);
}
